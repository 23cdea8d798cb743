/**
 * reCAPTCHA's main-world half: wraps `grecaptcha.execute` / `grecaptcha.enterprise.execute` as the loader
 * assigns them (v3 actions), reports each client's render options from `___grecaptcha_cfg` when the
 * isolated world asks, and calls the widget's callback with the token it filled.
 */
import type { HookApi, VendorHook } from '../vendor';
import { findWidgetParams, resolveCallback } from './config-search';
import { wrapExecute } from './execute';

type Win = Window & Record<string, unknown>;

// Pristine, taken when this module runs (document_start, before any page script): a page that later
// replaces Reflect.apply must not be able to stop us calling its own callback.
const apply = Reflect.apply;

export interface RecaptchaHookOptions {
  fallbackMs: number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (id: unknown) => void;
}

const str = (v: unknown, max: number) =>
  typeof v === 'string' && v.length > 0 ? v.slice(0, max) : undefined;

/** The clients map of the loader's config, when there is one. */
function clientsOf(win: Win): Record<string, unknown> | null {
  const clients = (win.___grecaptcha_cfg as { clients?: unknown } | undefined)?.clients;
  return typeof clients === 'object' && clients !== null ? (clients as Record<string, unknown>) : null;
}

/** Install the hook in `win` (the page's window). */
export function installRecaptchaHook(api: HookApi, win: Win, o: RecaptchaHookOptions): void {
  let execCount = 0;
  const withCallbacks = new Set<string>();
  // hCaptcha and Turnstile (recaptcha-compat) assign their own object to `grecaptcha`: leave those alone.
  // A page may booby-trap those globals (a throwing getter): then `grecaptcha` is taken for the real one.
  const isImpostor = (g: unknown) => {
    try {
      return g != null && (g === win.hcaptcha || g === win.turnstile);
    } catch {
      return false;
    }
  };
  const currentIsImpostor = () => {
    try {
      return isImpostor(win.grecaptcha);
    } catch {
      return false;
    }
  };

  const execOptions = (owner: object, enterprise: boolean) => ({
    ...o,
    enterprise,
    nextId: () => ++execCount,
    isImpostor: () => isImpostor(owner),
  });

  api.trapGlobal('grecaptcha', (g) => {
    if (typeof g !== 'object' || g === null || isImpostor(g)) return g;
    api.trapProperty(g, 'execute', (fn) => wrapExecute(api, fn, execOptions(g, false)));
    api.trapProperty(g, 'enterprise', (e) => {
      if (typeof e === 'object' && e !== null) {
        api.trapProperty(e, 'execute', (fn) => wrapExecute(api, fn, execOptions(e, true)));
      }
      return e;
    });
    return g;
  });

  const callCallback = (clientId: string, token: string) => {
    const params = findWidgetParams(clientsOf(win)?.[clientId]);
    const cb = params && resolveCallback(win, params.callback);
    if (cb) apply(cb.fn, cb.self, [token]);
  };

  api.onScan(() => {
    const clients = clientsOf(win);
    if (!clients || currentIsImpostor()) return;
    for (const clientId of Object.keys(clients).slice(0, 50)) {
      const params = findWidgetParams(clients[clientId]);
      if (!params) continue;
      const widgetId = `recaptcha:${clientId}`;
      const action = str(params.action, 200);
      const s = str(params.s, 8000);
      api.report({
        widgetId,
        websiteKey: params.sitekey.slice(0, 200),
        ...(action ? { action } : {}),
        ...(s ? { s } : {}),
        hasCallback: resolveCallback(win, params.callback) !== null,
      });
      if (!withCallbacks.has(widgetId)) {
        withCallbacks.add(widgetId);
        // Looked up again when the token arrives: the site may set or replace its callback late.
        api.onToken(widgetId, (token) => callCallback(clientId, token));
      }
    }
  });
}

/** The registry entry: runs in the page's window with real timers. */
export const recaptchaHook: VendorHook = {
  vendor: 'recaptcha',
  install(api) {
    const win = globalThis as unknown as Win;
    const { setTimeout: set, clearTimeout: clear } = globalThis;
    installRecaptchaHook(api, win, {
      fallbackMs: 25_000,
      setTimeout: (fn, ms) => set(fn, ms),
      clearTimeout: (id) => clear(id as ReturnType<typeof setTimeout>),
    });
  },
};
