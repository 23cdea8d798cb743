/**
 * Every vendor the content side knows, in two lists: the isolated-world modules (detect + fill) used by
 * entrypoints/captcha.content and the main-world hooks installed by entrypoints/page-hooks.content.
 * Adding a vendor = one import and one array entry here. Both lists are plain data: bundlers drop the
 * half an entrypoint does not use.
 */
import { recaptchaHook, recaptchaModule } from './recaptcha';
import type { VendorHook, VendorModule } from './vendor';

// TODO(lead): add H5's vendors when their folders land (lib/captcha/{hcaptcha,turnstile,others,image}):
//   import { hcaptchaHook, hcaptchaModule } from './hcaptcha';
//   import { turnstileHook, turnstileModule } from './turnstile';
//   import { othersModules } from './others';
//   import { imageModule } from './image';
// and list them below (hCaptcha and Turnstile before reCAPTCHA is not needed: each module checks its own hosts).

/** Isolated-world halves, in the order they are sniffed. */
export const vendorModules: readonly VendorModule[] = [recaptchaModule];

/** Main-world halves, installed at document_start in every frame. */
export const vendorHooks: readonly VendorHook[] = [recaptchaHook];
