/**
 * Write a token into Turnstile's response fields (isolated world): the hidden `cf-turnstile-response`
 * input and, in recaptcha-compat mode, the `g-recaptcha-response` input beside it. The main-world hook
 * then calls the site's callback (which no studied peer does) and answers `turnstile.getResponse`.
 */
import { setFieldValue } from '../recaptcha/fill';
import type { FillRequest } from '../types';
import { TURNSTILE_PREFIX, tokenFields } from './dom';

/** Fill every response field of the widget; false when it is not under `root`. */
export function fillTurnstile(root: Document | ShadowRoot, req: FillRequest): boolean {
  if (!req.widgetId.startsWith(TURNSTILE_PREFIX)) return false;
  const fields = tokenFields(root, req.widgetId.slice(TURNSTILE_PREFIX.length));
  for (const f of fields ?? []) setFieldValue(f, req.token);
  return fields !== null;
}
