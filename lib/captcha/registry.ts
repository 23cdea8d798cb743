/**
 * The isolated-world modules (detect + fill) of the vendors detected in a site's page, used by
 * entrypoints/vendor-detect.ts, in the order of the vendor list (lib/captcha/vendors.ts). hCaptcha and
 * Turnstile are not here: their widgets are found and completed from inside their own frames
 * (lib/captcha/frame-agent/, entrypoints/frame-agent.ts). The convention test (vendors.test.ts) checks that
 * every vendor without a frame agent has its module here.
 */
import { imageModule } from './image';
import { arkoseModule, awsWafModule, geetestModule } from './others';
import { recaptchaModule } from './recaptcha';
import type { VendorModule } from './vendor';

/** Isolated-world halves, in the order they are sniffed (each module only claims its own hosts and ids). */
export const vendorModules: readonly VendorModule[] = [
  recaptchaModule,
  arkoseModule,
  geetestModule,
  awsWafModule,
  imageModule,
];
