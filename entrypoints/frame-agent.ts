import { createRuntimePort } from '@/lib/captcha/content/runtime-port';
import { frameAgents } from '@/lib/captcha/frame-agent/agents';
import { runFrameAgent } from '@/lib/captcha/frame-agent/run';

// Runs only inside the vendors' own widget frames (Cloudflare's challenge frame, hCaptcha's frames),
// never in a site's page: it completes the widget through the vendor's own frame protocol, so the real
// api.js fills the response fields and calls the site's callback (lib/captcha/frame-agent/).
// Declared in the manifest (wxt.config.ts; matches derived from the vendor list, frame-agent/matches.ts)
// at document_start — the page's first messages to the frame (params, execute) must not be missed — as a
// plain script: WXT's content-script wrapper would add the webextension-polyfill to every vendor frame.
export default defineUnlistedScript(() => {
  try {
    if (window.top === window) return; // a vendor page visited directly: no widget to complete
    runFrameAgent({ win: window, agents: frameAgents, port: createRuntimePort() });
  } catch {
    // Never break the vendor's frame.
  }
});
