/**
 * Every vendor the content side knows, in two lists: the isolated-world modules (detect + fill) used by
 * entrypoints/vendor-detect.ts and the main-world hooks installed by entrypoints/page-hooks.content.
 * Adding a vendor = one import and one array entry here. Both lists are plain data: bundlers drop the
 * half an entrypoint does not use.
 */
import { hcaptchaHook, hcaptchaModule } from './hcaptcha';
import { imageModule } from './image';
import { arkoseModule, awsWafModule, geetestModule } from './others';
import { recaptchaHook, recaptchaModule } from './recaptcha';
import { turnstileHook, turnstileModule } from './turnstile';
import type { VendorHook, VendorModule } from './vendor';

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

/** Main-world halves, installed at document_start in every frame. */
export const vendorHooks: readonly VendorHook[] = [recaptchaHook, hcaptchaHook, turnstileHook];
