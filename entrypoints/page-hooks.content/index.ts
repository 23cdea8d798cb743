import { installHooks } from '@/lib/captcha/hook-runtime';
import { vendorHooks } from '@/lib/captcha/registry';

// Main world, every frame, before any page script: only what must see page JS (render options, callbacks,
// v3 execute). It creates no global and never throws (each hook is guarded by installHooks).
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_start',
  world: 'MAIN',
  main() {
    installHooks(window, vendorHooks);
  },
});
