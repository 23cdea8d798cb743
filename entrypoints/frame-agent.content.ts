import { createRuntimePort } from '@/lib/captcha/content/runtime-port';
import { hcaptchaAgent } from '@/lib/captcha/frame-agent/hcaptcha';
import { runFrameAgent } from '@/lib/captcha/frame-agent/run';
import { turnstileAgent } from '@/lib/captcha/frame-agent/turnstile';

// Runs only inside the vendors' own widget frames (Cloudflare's challenge frame, hCaptcha's frames),
// never in a site's page: it completes the widget through the vendor's own frame protocol, so the real
// api.js fills the response fields and calls the site's callback (lib/captcha/frame-agent/).
// document_start: the page's first messages to the frame (params, execute) must not be missed.
export default defineContentScript({
  matches: ['https://challenges.cloudflare.com/*', 'https://*.hcaptcha.com/*'],
  allFrames: true,
  runAt: 'document_start',
  main() {
    try {
      if (window.top === window) return; // a vendor page visited directly: no widget to complete
      runFrameAgent({ win: window, agents: [turnstileAgent, hcaptchaAgent], port: createRuntimePort() });
    } catch {
      // Never break the vendor's frame.
    }
  },
});
