/**
 * The vendors' own frames (reCAPTCHA anchor/bframe, hCaptcha, Turnstile): the content script stays idle
 * there. Each descriptor's `ownFrame` or `ownHost` (./vendors.ts).
 */
import type { VendorKinds } from './descriptor';
import { VENDOR_KINDS } from './vendors';

const vendors: readonly VendorKinds[] = VENDOR_KINDS;

/** True when `href` is a captcha vendor's widget frame rather than a site page. */
export function isVendorFrame(href: string): boolean {
  try {
    const { hostname } = new URL(href);
    return vendors.some((v) => v.ownFrame?.(href) || v.ownHost?.(hostname));
  } catch {
    return false;
  }
}
