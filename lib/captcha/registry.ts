/**
 * Every vendor the content side knows: the isolated-world modules (detect + fill) used by
 * entrypoints/vendor-detect.ts.
 */
import { hcaptchaModule } from './hcaptcha';
import { imageModule } from './image';
import { arkoseModule, awsWafModule, geetestModule } from './others';
import { recaptchaModule } from './recaptcha';
import { turnstileModule } from './turnstile';
import type { VendorModule } from './vendor';

/**
 * Isolated-world halves, in the order they are sniffed (each module only claims its own hosts and ids).
 * Listed one by one rather than spreading `othersModules`: a spread keeps them in the main-world bundle.
 */
export const vendorModules: readonly VendorModule[] = [
  recaptchaModule,
  hcaptchaModule,
  turnstileModule,
  arkoseModule,
  geetestModule,
  awsWafModule,
  imageModule,
];
