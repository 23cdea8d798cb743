/** The vendors' own frames (reCAPTCHA anchor/bframe, hCaptcha, Turnstile): the content script stays idle there. */
import { isHcaptchaHost } from './hcaptcha/urls';
import { isRecaptchaFrame } from './recaptcha/urls';
import { isTurnstileHost } from './turnstile/urls';

/** True when `href` is a captcha vendor's widget frame rather than a site page. */
export function isVendorFrame(href: string): boolean {
  try {
    const { hostname } = new URL(href);
    return isRecaptchaFrame(href) || isHcaptchaHost(hostname) || isTurnstileHost(hostname);
  } catch {
    return false;
  }
}
