/**
 * Guess the text field an image captcha's answer goes into: the text inputs of the image's form (or of
 * its nearest ancestor holding any), ranked by name hints (captcha, code, answer…; never user or
 * password fields) and then by how close they follow the image in document order. Document order, not
 * geometry: it needs no layout, so it also works in forms that are hidden or not yet painted.
 */

const TEXT_TYPES = new Set(['', 'text', 'search', 'tel', 'number']);
const GOOD = /captcha|code|answer|verif|security|challenge|solution|check|symbols|chars|letters|result/i;
const BAD = /user|login|mail|pass|name|phone|search|address|city|zip|coupon|promo/i;
/** Ancestors examined when the image is not inside a form. */
const MAX_LEVELS = 6;

const isTextInput = (el: HTMLInputElement) =>
  TEXT_TYPES.has((el.getAttribute('type') ?? '').toLowerCase()) && !el.disabled && !el.readOnly;

/** The attributes a site uses to name its field. */
const hintsOf = (el: HTMLInputElement) =>
  ['name', 'id', 'placeholder', 'aria-label', 'class', 'autocomplete']
    .map((a) => el.getAttribute(a) ?? '')
    .join(' ');

function scopeOf(img: Element): ParentNode | null {
  const form = img.closest('form');
  if (form) return form;
  let el = img.parentElement;
  for (let i = 0; el && i < MAX_LEVELS; i++, el = el.parentElement) {
    if (el.querySelector('input')) return el;
  }
  return null;
}

/** The most likely answer field for `img`, or null when there is no usable text input near it. */
export function inferAnswerField(img: Element): HTMLInputElement | null {
  const scope = scopeOf(img);
  if (!scope) return null;
  const all = [...scope.querySelectorAll('*')];
  const at = all.indexOf(img);
  let best: { el: HTMLInputElement; score: number } | null = null;
  for (const el of scope.querySelectorAll<HTMLInputElement>('input')) {
    if (!isTextInput(el)) continue;
    const hints = hintsOf(el);
    const distance = all.indexOf(el) - at;
    // Fields after the image are where answers usually go; a field before it costs a little more.
    const score =
      (GOOD.test(hints) ? 10_000 : 0) -
      (BAD.test(hints) ? 20_000 : 0) -
      (distance >= 0 ? distance : 2 * -distance);
    if (!best || score > best.score) best = { el, score };
  }
  return best && best.score > -20_000 ? best.el : null;
}
