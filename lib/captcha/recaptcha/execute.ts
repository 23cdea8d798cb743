/**
 * The v3 `execute(sitekey, { action })` wrapper (main world). The page's promise resolves with our token
 * when it arrives; if solving fails, is not attempted, or takes longer than `fallbackMs`, the native
 * execute runs instead (a promise that never settles breaks the site). `execute(widgetId)` with a
 * number/undefined is invisible v2 and goes straight to the native function.
 */
import type { HookApi } from '../vendor';
import { EXEC_PREFIX } from './detect';

export interface ExecuteOptions {
  enterprise: boolean;
  /** Give up waiting for our token after this long (the brief: ~25 s). */
  fallbackMs: number;
  /** A pending execute needs a fresh widget id per call (each call needs its own single-use token). */
  nextId: () => number;
  /** True when the owner object is not reCAPTCHA after all (hCaptcha/Turnstile recaptcha-compat). */
  isImpostor: () => boolean;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (id: unknown) => void;
}

type Fn = (...args: unknown[]) => unknown;
const wrappers = new WeakSet<Fn>();
/** Pristine (module runs at document_start): a page replacing Reflect.apply later cannot break the fallback. */
const apply = Reflect.apply;

/** Wrap a native execute; returns non-functions and already wrapped functions unchanged. */
export function wrapExecute(api: HookApi, native: unknown, o: ExecuteOptions): unknown {
  if (typeof native !== 'function' || wrappers.has(native as Fn)) return native;
  const call = (self: unknown, args: unknown[]) => apply(native as Fn, self, args);
  const wrapper = function execute(this: unknown, ...args: unknown[]): unknown {
    const [key, options] = args;
    if (typeof key !== 'string' || o.isImpostor()) return call(this, args);
    const rawAction = (options as { action?: unknown } | undefined)?.action;
    const action = typeof rawAction === 'string' ? rawAction.slice(0, 200) : undefined;
    const widgetId = `${EXEC_PREFIX}${o.nextId()}`;
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = () => {
        settled = true;
        o.clearTimeout(timer);
        api.report({ widgetId, pendingExecute: false });
      };
      const fallBack = () => {
        if (settled) return;
        settle();
        api.fallback(widgetId);
        try {
          Promise.resolve(call(this, args)).then(resolve, reject);
        } catch (e) {
          reject(e);
        }
      };
      const timer = o.setTimeout(fallBack, o.fallbackMs);
      api.onToken(widgetId, (token) => {
        if (settled) return;
        settle();
        resolve(token);
      });
      api.onRelease(widgetId, fallBack);
      api.report({
        widgetId,
        kind: o.enterprise ? 'recaptcha-v3-enterprise' : 'recaptcha-v3',
        websiteKey: key.slice(0, 200),
        ...(action ? { action } : {}),
        pendingExecute: true,
      });
    });
  };
  wrappers.add(wrapper);
  return wrapper;
}
