/**
 * Write a token into hCaptcha's response fields (isolated world): both textareas hCaptcha renders per
 * widget (`h-captcha-response-<id>` and, in recaptcha-compat mode, `g-recaptcha-response-<id>`) and the
 * checkbox iframe's `data-hcaptcha-response`, which hCaptcha also sets and some sites read. The main-world
 * hook then calls the site's callback and makes `hcaptcha.getResponse(id)` return the token.
 */
import { setFieldValue } from '../recaptcha/fill';
import type { FillRequest } from '../types';
import { HCAPTCHA_PREFIX } from './detect';

/** Fill every response field of the widget; false when it has none under `root`. */
export function fillHcaptcha(root: Document | ShadowRoot, req: FillRequest): boolean {
  if (!req.widgetId.startsWith(HCAPTCHA_PREFIX)) return false;
  const id = req.widgetId.slice(HCAPTCHA_PREFIX.length);
  const fields = [
    ...root.querySelectorAll<HTMLTextAreaElement>(
      'textarea[name="h-captcha-response"], textarea[name="g-recaptcha-response"]',
    ),
  ].filter((t) => t.id === `h-captcha-response-${id}` || t.id === `g-recaptcha-response-${id}`);
  for (const f of fields) setFieldValue(f, req.token);
  for (const frame of root.querySelectorAll('iframe[data-hcaptcha-widget-id][data-hcaptcha-response]')) {
    if (frame.getAttribute('data-hcaptcha-widget-id') === id)
      frame.setAttribute('data-hcaptcha-response', req.token);
  }
  return fields.length > 0;
}
