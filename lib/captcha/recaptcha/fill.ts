/**
 * Write a token into reCAPTCHA's response fields (isolated world). The main world (main-world.ts) then
 * calls the site's callback or resolves the page's execute promise.
 */
import type { FillRequest } from '../types';
import { actClientId, EXEC_PREFIX, V3_CLIENT_ID } from './detect';

/** Set a form field's value the way typing would, so frameworks listening for input see it. */
export function setFieldValue(field: HTMLTextAreaElement | HTMLInputElement, value: string): void {
  field.value = value;
  // The real widget writes the text node too; some sites read innerHTML/textContent.
  if (field.tagName === 'TEXTAREA') field.textContent = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The response textareas of one widget id (`recaptcha:<client id>`, a user action, a pending execute). */
function fieldsFor(root: Document | ShadowRoot, widgetId: string): HTMLTextAreaElement[] {
  const all = [...root.querySelectorAll<HTMLTextAreaElement>('textarea[name="g-recaptcha-response"]')];
  if (widgetId.startsWith(EXEC_PREFIX)) {
    // v3: the token also lands in the score-only client's field, as the real execute does.
    return all.filter((t) => Number(/-(\d+)$/.exec(t.id)?.[1] ?? 0) >= V3_CLIENT_ID);
  }
  const id = actClientId(widgetId) ?? widgetId.slice('recaptcha:'.length);
  const wanted = id === '0' ? 'g-recaptcha-response' : `g-recaptcha-response-${id}`;
  return all.filter((t) => t.id === wanted);
}

/** Fill every response field of the widget; false when it has none here (gone, or in another root). */
export function fillRecaptcha(root: Document | ShadowRoot, req: FillRequest): boolean {
  if (!req.widgetId.startsWith('recaptcha:')) return false;
  const fields = fieldsFor(root, req.widgetId);
  for (const f of fields) setFieldValue(f, req.token);
  // A pending execute is resolved in the main world even without a field.
  return fields.length > 0 || (req.widgetId.startsWith(EXEC_PREFIX) && root.nodeType === 9);
}
