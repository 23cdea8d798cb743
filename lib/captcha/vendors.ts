/**
 * THE vendor lists: one entry per vendor folder's descriptor (lib/captcha/descriptor.ts), in the order the
 * kinds are listed and the hosts are matched. `VENDORS` (background, manifest) and `VENDOR_KINDS` (its
 * small part that content scripts read: kinds, own frames) hold the same vendors in the same order,
 * which the convention test (vendors.test.ts) checks. Adding a vendor: README "Adding a vendor".
 */
import { hcaptchaKinds, hcaptchaVendor } from './hcaptcha/vendor';
import { imageKinds, imageVendor } from './image/vendor';
import {
  arkoseKinds,
  arkoseVendor,
  awsWafKinds,
  awsWafVendor,
  geetestKinds,
  geetestVendor,
} from './others/vendor';
import { recaptchaKinds, recaptchaVendor } from './recaptcha/vendor';
import { turnstileKinds, turnstileVendor } from './turnstile/vendor';

export const VENDORS = [
  recaptchaVendor,
  hcaptchaVendor,
  turnstileVendor,
  arkoseVendor,
  geetestVendor,
  awsWafVendor,
  imageVendor,
] as const;

export const VENDOR_KINDS = [
  recaptchaKinds,
  hcaptchaKinds,
  turnstileKinds,
  arkoseKinds,
  geetestKinds,
  awsWafKinds,
  imageKinds,
] as const;

export type VendorName = (typeof VENDORS)[number]['name'];
export type WidgetKind = (typeof VENDOR_KINDS)[number]['kinds'][number];
