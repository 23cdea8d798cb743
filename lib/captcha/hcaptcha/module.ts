/** hCaptcha's isolated-world half: sniff, detect, fill. */
import type { VendorModule } from '../vendor';
import { detectHcaptcha } from './detect';
import { fillHcaptcha } from './fill';
import { isHcaptchaResource } from './urls';

/** Cheap: scripts and iframes served from an hCaptcha host, or hCaptcha's documented container. */
function sniff(el: Element): boolean {
  const tag = el.tagName;
  if (tag === 'SCRIPT' || tag === 'IFRAME') {
    const src = el.getAttribute('src');
    return !!src?.includes('hcaptcha') && isHcaptchaResource(src, el.ownerDocument.baseURI);
  }
  return el.classList.contains('h-captcha');
}

export const hcaptchaModule: VendorModule = {
  vendor: 'hcaptcha',
  sniff,
  detect: detectHcaptcha,
  fill: fillHcaptcha,
};
