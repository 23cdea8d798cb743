/**
 * The vendors detected in a site's page: the isolated-world modules (detect + fill) used by
 * entrypoints/vendor-detect.ts. hCaptcha and Turnstile are not here: their widgets are found and
 * completed from inside their own frames (lib/captcha/frame-agent/, entrypoints/frame-agent.content.ts).
 */
import { imageModule } from './image';
import { arkoseModule, awsWafModule, geetestModule } from './others';
import { recaptchaModule } from './recaptcha';
import type { VendorModule } from './vendor';

/**
 * Isolated-world halves, in the order they are sniffed (each module only claims its own hosts and ids).
 * Listed one by one rather than spreading `othersModules`: a spread keeps them in the main-world bundle.
 */
export const vendorModules: readonly VendorModule[] = [
  recaptchaModule,
  arkoseModule,
  geetestModule,
  awsWafModule,
  imageModule,
];
