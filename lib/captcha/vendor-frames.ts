/** The vendors' own frames (reCAPTCHA anchor/bframe, hCaptcha, Turnstile): the content script stays idle there. */
import { isRecaptchaFrame } from './recaptcha/urls';

/** True when `href` is a captcha vendor's widget frame rather than a site page. */
export function isVendorFrame(href: string): boolean {
  try {
    const { hostname } = new URL(href);
    return (
      isRecaptchaFrame(href) ||
      hostname === 'hcaptcha.com' ||
      hostname.endsWith('.hcaptcha.com') ||
      hostname === 'challenges.cloudflare.com'
    );
  } catch {
    return false;
  }
}
