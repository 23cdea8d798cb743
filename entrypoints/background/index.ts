import { setUpBackground } from './setup';

// Wiring only: every listener is registered synchronously in setUpBackground() so that an event that
// woke a stopped service worker is delivered (MV3 requirement).
export default defineBackground(() => {
  setUpBackground();
});
