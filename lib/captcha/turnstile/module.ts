/** Turnstile's isolated-world half: sniff, detect, fill. */
import type { VendorModule } from '../vendor';
import { detectTurnstile } from './detect';
import { cfIdOf } from './dom';
import { fillTurnstile } from './fill';
import { isTurnstileResource } from './urls';

/** Cheap: Turnstile's script (or a reachable frame), its documented container, or its response input. */
function sniff(el: Element): boolean {
  const tag = el.tagName;
  if (tag === 'SCRIPT' || tag === 'IFRAME') {
    const src = el.getAttribute('src');
    return !!src?.includes('challenges.cloudflare.com') && isTurnstileResource(src, el.ownerDocument.baseURI);
  }
  if (tag === 'INPUT') return cfIdOf(el) !== null;
  return el.classList.contains('cf-turnstile');
}

export const turnstileModule: VendorModule = {
  vendor: 'turnstile',
  sniff,
  detect: detectTurnstile,
  fill: fillTurnstile,
};
