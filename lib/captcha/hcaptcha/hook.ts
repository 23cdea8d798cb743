/**
 * hCaptcha's main-world half. It wraps the methods of `window.hcaptcha` as api.js assigns it (nothing is
 * pre-created) to learn each widget's render options (sitekey, callback, rqdata), and when a token
 * arrives it calls the render-option callback or `data-callback`, makes `hcaptcha.getResponse(id)` return
 * the token and resolves `execute({ async: true })` with it. In recaptcha-compat mode `window.grecaptcha`
 * is this same object, so `grecaptcha.*` agrees too.
 */
import { createTokenWidgets, type Fn, isElement, isObject, str } from '../token-widgets';
import type { HookApi, VendorHook } from '../vendor';
import { HCAPTCHA_PREFIX } from './detect';

type Win = Window & Record<string, unknown>;
const FRAME = 'iframe[data-hcaptcha-widget-id]';
const ID_ATTR = 'data-hcaptcha-widget-id';

/** Install the hook in `win` (the page's window). */
export function installHcaptchaHook(api: HookApi, win: Win): void {
  const doc = win.document;
  const t = createTokenWidgets(api, win, HCAPTCHA_PREFIX);

  /** The widget a method means: its id argument, or hCaptcha's first widget on the page. */
  const idOf = (ref: unknown): string | undefined =>
    ref === undefined || isObject(ref)
      ? (doc.querySelector(FRAME)?.getAttribute(ID_ATTR) ?? t.widgets.keys().next().value)
      : String(ref);

  const render = (native: Fn): Fn =>
    function render(this: unknown, ...args: unknown[]) {
      const id = Reflect.apply(native, this, args);
      try {
        const [target, options] = args;
        const el = typeof target === 'string' ? doc.getElementById(target) : target;
        const o = isObject(options) ? options : {};
        const w = t.widget(String(id), isElement(el) ? el : null);
        if (o.callback !== undefined) w.callback = o.callback;
        const websiteKey = str(o.sitekey, 200) ?? str(w.container?.getAttribute('data-sitekey'), 200);
        const rqdata = str(o.rqdata, 8000);
        t.report(String(id), w, { kind: 'hcaptcha', websiteKey, rqdata });
      } catch {
        // Never let our bookkeeping break the site's render call.
      }
      return id;
    };

  // execute(), execute(id), execute({ async }), execute(id, { async })
  const execute = (native: Fn): Fn =>
    function execute(this: unknown, ...args: unknown[]) {
      const [a, b] = args;
      const opts = isObject(a) ? a : isObject(b) ? b : {};
      const id = idOf(a);
      const w = id === undefined ? undefined : t.widget(id, null);
      const token = w?.token;
      if (w && token !== undefined) {
        // Already solved by us: answer like a passed challenge, asynchronously as hCaptcha does.
        queueMicrotask(() => t.callBack(w, token));
        return opts.async ? Promise.resolve({ response: token, key: '' }) : undefined;
      }
      const result = Reflect.apply(native, this, args);
      if (!w || !opts.async || !(result instanceof Promise)) return result;
      // Whichever comes first: the user passing hCaptcha's challenge or our token.
      return new Promise((resolve, reject) => {
        w.waiting.push((response) => resolve({ response, key: '' }));
        result.then(resolve, reject);
      });
    };

  const setData = (native: Fn): Fn =>
    function setData(this: unknown, ...args: unknown[]) {
      const [id, data] = args;
      const rqdata = isObject(data) ? str(data.rqdata, 8000) : undefined;
      if (rqdata && id !== undefined) t.report(String(id), t.widget(String(id), null), { rqdata });
      return Reflect.apply(native, this, args);
    };

  t.trapMethods('hcaptcha', {
    render,
    execute,
    setData,
    getResponse: t.getResponse(idOf),
    reset: t.reset(idOf),
  });

  // Auto-rendered widgets (`.h-captcha` / `.g-recaptcha` markup) never pass through the public render.
  api.onScan(() => {
    for (const frame of doc.querySelectorAll(FRAME)) {
      const id = frame.getAttribute(ID_ATTR);
      if (id && id.length <= 100)
        t.report(id, t.widget(id, frame.closest('[data-sitekey]')), { kind: 'hcaptcha' });
    }
  });
}

/** The registry entry: runs in the page's window. */
export const hcaptchaHook: VendorHook = {
  vendor: 'hcaptcha',
  install(api) {
    installHcaptchaHook(api, globalThis as unknown as Win);
  },
};
