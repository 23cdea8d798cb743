/**
 * Main-world bookkeeping shared by the hCaptcha and Turnstile hooks (H5): one record per widget id with
 * its container, its callback (render option or `data-callback`, a global name possibly dotted) and the
 * token we delivered, plus the wrappers both vendors need on their global object. Shared so the script
 * injected into every frame stays small.
 */
import { resolveCallback } from './recaptcha/config-search';
import type { HookApi, HookFacts } from './vendor';

export type Fn = (...args: unknown[]) => unknown;

export interface TokenWidget {
  container: Element | null;
  /** The render option (function or global name); the container's `data-callback` otherwise. */
  callback?: unknown;
  token?: string;
  /** Promises (e.g. hCaptcha's `execute({ async: true })`) waiting for a token. */
  waiting: Array<(token: string) => void>;
}

export interface TokenWidgets {
  widgets: Map<string, TokenWidget>;
  /** The record for `id`, created (and subscribed to tokens) on first sight. */
  widget(id: string, container: Element | null): TokenWidget;
  /** Report facts about `id` (hasCallback and containerId are filled in). */
  report(id: string, w: TokenWidget, extra?: Partial<HookFacts>): void;
  /** Call the widget's callback with `token`, if it has one. */
  callBack(w: TokenWidget, token: string): void;
  /** Wrap every method named in `wrappers` when the vendor assigns `window[name]` (never pre-created). */
  trapMethods(name: string, wrappers: Record<string, (native: Fn) => Fn>): void;
  /** `getResponse(ref)`: our token for the widget `ref` names, else the native answer. */
  getResponse(idOf: (ref: unknown) => string | undefined): (native: Fn) => Fn;
  /** `reset(ref)`: forget our token for that widget, then reset natively. */
  reset(idOf: (ref: unknown) => string | undefined): (native: Fn) => Fn;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
export const isElement = (v: unknown): v is Element => isObject(v) && v.nodeType === 1;
/** A non-empty string of at most `max` characters, else undefined. */
export const str = (v: unknown, max: number) =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;

/** Bookkeeping for one vendor whose widget ids become `<prefix><id>`. */
export function createTokenWidgets(api: HookApi, win: object, prefix: string): TokenWidgets {
  const widgets = new Map<string, TokenWidget>();
  const callbackOf = (w: TokenWidget) =>
    resolveCallback(win, w.callback ?? w.container?.getAttribute('data-callback'));
  const callBack = (w: TokenWidget, token: string) => {
    const cb = callbackOf(w);
    if (cb) Reflect.apply(cb.fn, cb.self, [token]);
  };

  const t: TokenWidgets = {
    widgets,
    callBack,
    widget(id, container) {
      const w = widgets.get(id);
      if (w) {
        // A method may name a widget before render or a scan told us its container.
        w.container ??= container;
        return w;
      }
      const created: TokenWidget = { container, waiting: [] };
      widgets.set(id, created);
      api.onToken(prefix + id, (token) => {
        created.token = token;
        for (const resolve of created.waiting.splice(0)) resolve(token);
        callBack(created, token);
      });
      return created;
    },
    report(id, w, extra = {}) {
      const containerId = w.container?.id;
      api.report({
        widgetId: prefix + id,
        // Undefined values would erase facts reported earlier (the runtime merges reports).
        ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
        hasCallback: callbackOf(w) !== null,
        ...(containerId ? { containerId: containerId.slice(0, 200) } : {}),
      });
    },
    trapMethods(name, wrappers) {
      api.trapGlobal(name, (obj) => {
        if (!isObject(obj)) return obj;
        for (const [method, wrap] of Object.entries(wrappers)) {
          api.trapProperty(obj, method, (fn) => (typeof fn === 'function' ? wrap(fn as Fn) : fn));
        }
        return obj;
      });
    },
    getResponse: (idOf) => (native) =>
      function getResponse(this: unknown, ...args: unknown[]) {
        const id = idOf(args[0]);
        return (id === undefined ? undefined : widgets.get(id)?.token) ?? Reflect.apply(native, this, args);
      },
    reset: (idOf) => (native) =>
      function reset(this: unknown, ...args: unknown[]) {
        const id = idOf(args[0]);
        const w = id === undefined ? undefined : widgets.get(id);
        if (w) w.token = undefined;
        return Reflect.apply(native, this, args);
      },
  };
  return t;
}
