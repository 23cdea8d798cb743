/**
 * The vendors' own frames (reCAPTCHA anchor/bframe, hCaptcha, Turnstile): the content script stays idle
 * there. Each descriptor's `ownFrame` (./vendors.ts).
 */
import { VENDORS } from './vendors';

/** True when `href` is a captcha vendor's widget frame rather than a site page. */
export function isVendorFrame(href: string): boolean {
  try {
    return VENDORS.some((v) => 'ownFrame' in v && v.ownFrame(href));
  } catch {
    return false;
  }
}
