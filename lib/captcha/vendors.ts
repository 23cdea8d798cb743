/**
 * THE vendor list: one line per vendor folder's descriptor (lib/captcha/descriptor.ts), in the order the
 * kinds are listed and the hosts are matched. Adding a vendor: README "Adding a vendor".
 */
import { hcaptchaVendor } from './hcaptcha/vendor';
import { imageVendor } from './image/vendor';
import { arkoseVendor, awsWafVendor, geetestVendor } from './others/vendor';
import { recaptchaVendor } from './recaptcha/vendor';
import { turnstileVendor } from './turnstile/vendor';

export const VENDORS = [
  recaptchaVendor,
  hcaptchaVendor,
  turnstileVendor,
  arkoseVendor,
  geetestVendor,
  awsWafVendor,
  imageVendor,
] as const;

export type VendorName = (typeof VENDORS)[number]['name'];
export type WidgetKind = (typeof VENDORS)[number]['kinds'][number];
