/**
 * Turnstile's main-world half. It waits for api.js to assign `window.turnstile` (never pre-created:
 * Turnstile renders nothing if the global exists before it loads), wraps `render` to learn sitekey,
 * action, cData and callback, and when a token arrives (the isolated world has filled the response
 * fields) it calls the render-option callback or `data-callback` — which no studied peer does — and
 * makes `turnstile.getResponse()` return it. In recaptcha-compat mode `grecaptcha` is this same object.
 */
import { createTokenWidgets, type Fn, isElement, isObject, str } from '../token-widgets';
import type { HookApi, VendorHook } from '../vendor';
import { cfIdOf, containerOf, responseInputs, TURNSTILE_PREFIX } from './dom';

type Win = Window & Record<string, unknown>;

/** Install the hook in `win` (the page's window). */
export function installTurnstileHook(api: HookApi, win: Win): void {
  const doc = win.document;
  /** Keyed by Turnstile's widget id as the DOM shows it (`cf-chl-widget-<x>`), shared with the isolated world. */
  const t = createTokenWidgets(api, win, TURNSTILE_PREFIX);

  const elementOf = (ref: unknown): Element | null => {
    try {
      return typeof ref === 'string' ? doc.querySelector(ref) : isElement(ref) ? ref : null;
    } catch {
      return null; // a widget id, not a selector
    }
  };

  /** A widget id, a container (element or selector), or nothing (the first widget). */
  const idOf = (ref: unknown): string | undefined => {
    if (ref === undefined) {
      const first = responseInputs(doc)[0];
      return (first && cfIdOf(first)) ?? undefined;
    }
    if (typeof ref === 'string' && t.widgets.has(ref)) return ref;
    const el = elementOf(ref);
    for (const [id, w] of t.widgets) if (el && w.container === el) return id;
    return undefined;
  };

  const render = (native: Fn): Fn =>
    function render(this: unknown, ...args: unknown[]) {
      const returned = Reflect.apply(native, this, args);
      try {
        const container = elementOf(args[0]);
        const o = isObject(args[1]) ? args[1] : {};
        // Join on the id the isolated world sees (the response input), else the returned one.
        const last = container ? responseInputs(container).at(-1) : undefined;
        const id = (last && cfIdOf(last)) ?? str(returned, 100);
        if (id) {
          const w = t.widget(id, container);
          if (o.callback !== undefined) w.callback = o.callback;
          t.report(id, w, {
            kind: 'turnstile',
            websiteKey: str(o.sitekey, 200) ?? str(container?.getAttribute('data-sitekey'), 200),
            action: str(o.action, 200),
            cData: str(o.cData, 2000),
          });
        }
      } catch {
        // Never let our bookkeeping break the site's render call.
      }
      return returned;
    };

  t.trapMethods('turnstile', { render, getResponse: t.getResponse(idOf), reset: t.reset(idOf) });

  // Implicitly rendered widgets (`.cf-turnstile` markup) never pass through the public render.
  api.onScan(() => {
    for (const input of responseInputs(doc)) {
      const id = cfIdOf(input)!;
      t.report(id, t.widget(id, containerOf(input)), { kind: 'turnstile' });
    }
  });
}

/** The registry entry: runs in the page's window. */
export const turnstileHook: VendorHook = {
  vendor: 'turnstile',
  install(api) {
    installTurnstileHook(api, globalThis as unknown as Win);
  },
};
