import { presenceSniffers } from '@/lib/captcha/content/presence';
import { createRuntimePort } from '@/lib/captcha/content/runtime-port';
import { watchVendors } from '@/lib/captcha/content/vendor-watch';
import { isVendorFrame } from '@/lib/captcha/vendor-frames';

// Isolated world, every frame of every page, so it only watches: when a vendor's loader or frame loads
// (or its markup is parsed) it tells the background, which injects the detector
// (entrypoints/vendor-detect.ts) into this frame. No MutationObserver here (see vendor-watch.ts); free
// of the webextension-polyfill and zod to stay small (see lib/captcha/content/runtime-port.ts).
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_start',
  // WXT's default window.postMessage would announce the extension to every page.
  noScriptStartedPostMessage: true,
  main(ctx) {
    if (isVendorFrame(location.href)) return;
    const port = createRuntimePort();
    watchVendors({
      doc: document,
      sniffers: presenceSniffers,
      signal: ctx.signal,
      onVendor: (s) => {
        const vendor =
          s.vendor === 'recaptcha' || s.vendor === 'hcaptcha' || s.vendor === 'turnstile' ? s.vendor : 'other';
        void port.send({ type: 'vendor:seen', vendors: [vendor] });
      },
    });
  },
});
