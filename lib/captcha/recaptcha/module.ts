/** reCAPTCHA's isolated-world half: sniff, detect, fill. */
import type { VendorModule } from '../vendor';
import { detectRecaptcha } from './detect';
import { fillRecaptcha } from './fill';
import { isRecaptchaResource } from './urls';

/** Cheap: only scripts and iframes whose src mentions /recaptcha/ are parsed, and only Google hosts count. */
function sniff(el: Element): boolean {
  const tag = el.tagName;
  if (tag !== 'SCRIPT' && tag !== 'IFRAME') return false;
  const src = el.getAttribute('src');
  if (!src?.includes('/recaptcha/')) return false;
  return isRecaptchaResource(src, el.ownerDocument.baseURI);
}

export const recaptchaModule: VendorModule = {
  sniff,
  detect: detectRecaptcha,
  fill: fillRecaptcha,
};
