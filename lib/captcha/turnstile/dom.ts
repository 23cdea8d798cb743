/**
 * The DOM Turnstile leaves outside its closed shadow root, shared by detect, fill and the hook: one hidden
 * `input#cf-chl-widget-<x>_response` per widget (named `cf-turnstile-response` unless the site chose a
 * `response-field-name`) and, in recaptcha-compat mode, a `g-recaptcha-response` field next to it.
 */

/** Widget ids are `turnstile:cf-chl-widget-<x>`: Turnstile's own id, read from the response input. */
export const TURNSTILE_PREFIX = 'turnstile:';

const RESPONSE_ID = /^(cf-chl-widget-[a-z0-9-]{1,64})_response$/i;
const RESPONSE_SELECTOR = 'input[name="cf-turnstile-response"], input[id^="cf-chl-widget-"][id$="_response"]';

/** Turnstile's widget id from a response input, or null for look-alikes. */
export const cfIdOf = (input: Element): string | null => RESPONSE_ID.exec(input.id)?.[1] ?? null;

/** Every Turnstile response input under `root` that carries a widget id. */
export function responseInputs(root: ParentNode): HTMLInputElement[] {
  return [...root.querySelectorAll<HTMLInputElement>(RESPONSE_SELECTOR)].filter((i) => cfIdOf(i) !== null);
}

/** The site's container of the widget owning `input` (`.cf-turnstile`, compat `.g-recaptcha`, explicit box). */
export function containerOf(input: Element): Element | null {
  return input.closest('[data-sitekey]') ?? input.parentElement?.parentElement ?? null;
}

/**
 * All fields that receive the widget's token: its response input, plus the compat `g-recaptcha-response`
 * field beside it (same wrapper element). Null when the widget is not under `root`.
 */
export function tokenFields(root: ParentNode, cfId: string): HTMLInputElement[] | null {
  const input = responseInputs(root).find((i) => cfIdOf(i) === cfId);
  if (!input) return null;
  const wrapper = input.parentElement;
  const compat = wrapper
    ? [...wrapper.querySelectorAll<HTMLInputElement>('input[name="g-recaptcha-response"]')].filter(
        (f) => f.parentElement === wrapper,
      )
    : [];
  return [input, ...compat];
}
