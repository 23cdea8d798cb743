/**
 * reCAPTCHA's main-world half. The background injects it (scripting.executeScript, world MAIN, `func`)
 * only into a frame where the browser saw Google's loader or anchor — no other frame ever runs it — and
 * it leaves nothing a page can observe before Google's own script has acted:
 * - no global, no accessor on window or its prototypes (Turnstile's api.js refuses to run when
 *   `"turnstile" in window`; sites test `'grecaptcha' in window` the same way);
 * - it talks to the isolated world over a channel named by a random per-document secret (`channel`),
 *   handed to both worlds by the background, so a page can neither listen nor answer;
 * - it wraps `execute` at the moment Google's release assigns it onto the loader's object (the release
 *   calls `ready` and `onload` callbacks synchronously while it runs, before its script's load event, so
 *   waiting for that event would miss a page's first execute); the wrapper is a Proxy (same name, length,
 *   properties) and `Function.prototype.toString` answers for it what it answers for Google's function.
 *
 * What it does: reports each client's parameters from `___grecaptcha_cfg` (found by a recursive search:
 * Google renames the properties in every release), and turns the user's actions into one-shot requests:
 * a trusted click on a bound element (invisible v2, v3 via data attributes: the release handles that
 * click with its own listener and never calls the public execute), `execute(widgetId)` (invisible v2) and
 * `execute(sitekey, { action })` (v3). When the isolated world has filled the response fields with the
 * token it calls the site's callback / resolves the page's promise; when no token is coming it lets
 * Google's own flow run (the native execute), so the page always gets an answer.
 *
 * SELF-CONTAINED: Chrome and Firefox serialize this function, so its body may reference nothing outside
 * itself (only its parameters and browser globals). Everything page-facing is inside try/catch.
 */

export interface RecaptchaMainOptions {
  /** A pending request falls back to Google's flow after this long without a token. */
  fallbackMs: number;
  /** This half's name: `retire\n<id>` on its channel makes it step aside (lib/captcha/inject.ts). */
  id: string;
}

/** Facts keys the isolated world accepts (lib/captcha/bridge.ts parseFacts). */
export type MainFacts = {
  widgetId: string;
  kind?: string;
  websiteKey?: string;
  action?: string;
  s?: string;
  pendingExecute?: boolean;
  gesture?: boolean;
};

export function recaptchaMainWorld(channel: string, o: RecaptchaMainOptions, testWin?: Window): void {
  type Fn = (...a: unknown[]) => unknown;
  type Obj = Record<string, unknown>;
  const win = (testWin ?? window) as unknown as Window & Obj;
  const doc = win.document;
  // References taken now, so a page patching prototypes LATER cannot intercept what follows. A page that
  // broke built-ins BEFORE we came (we arrive after its scripts) gets a degraded but harmless half: each
  // primitive is checked once, and whatever does not behave is simply not used (no wrapping, no facts).
  const W = win as unknown as typeof globalThis;
  const works = (check: () => boolean): boolean => {
    try {
      return check() === true;
    } catch {
      return false;
    }
  };
  const apply = W.Reflect.apply;
  const defineProperty = W.Object.defineProperty;
  const getDesc = W.Object.getOwnPropertyDescriptor;
  const keysOf = (o: object): string[] => {
    const out: string[] = [];
    for (const k in o) if (out.length < 10_000) out.push(k);
    return out;
  };
  const canApply = works(
    () =>
      apply(
        function (this: unknown, a: unknown) {
          return this === W && a === 2;
        },
        W,
        [2],
      ) as boolean,
  );
  const canDefine = works(() => {
    const t = {};
    defineProperty(t, 'x', { value: 1, configurable: true });
    return getDesc(t, 'x')?.value === 1;
  });
  const stringify = W.JSON.stringify;
  const canStringify = works(() => stringify({ a: [1] }) === '{"a":[1]}');
  const Custom = W.CustomEvent;
  const setT = W.setTimeout;
  const clearT = W.clearTimeout;
  const PromiseC = W.Promise;
  const ProxyC = W.Proxy;
  const FnProto = W.Function.prototype;
  const fnToString = FnProto.toString;
  const activation = (W.navigator as { userActivation?: { isActive: boolean } }).userActivation;
  /** A user gesture is recent (transient activation): the page acts because the user did. */
  const userActive = () => {
    try {
      return activation?.isActive === true;
    } catch {
      return false;
    }
  };
  const listen = (type: string, fn: (e: Event) => void, capture: boolean) => {
    try {
      doc.addEventListener(type, fn, capture);
    } catch {
      // A page that broke addEventListener: this signal is lost, nothing else.
    }
  };

  const up = `${channel}:u`;
  const down = `${channel}:d`;

  // One half per document: the isolated world claims it (lib/captcha/inject.ts adoptChannel). A half sent
  // ahead of that answer on a channel that is not the document's is retired: it lets everything through.
  let retired = false;

  const send = (msg: unknown) => {
    if (!canStringify || retired) return;
    try {
      doc.dispatchEvent(new Custom(up, { detail: stringify(msg) }));
    } catch {
      // The document is going away, or the page broke dispatchEvent: no facts from here.
    }
  };

  const str = (v: unknown, max: number) =>
    typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;
  const facts = new Map<string, MainFacts>();
  let connected = false;
  const report = (f: MainFacts) => {
    if (retired) return;
    const merged = { ...facts.get(f.widgetId), ...f };
    const before = facts.get(f.widgetId);
    if (before && canStringify && stringify(before) === stringify(merged)) return;
    facts.set(f.widgetId, merged);
    // Before the isolated world's first hello nobody listens: kept, sent once at that hello.
    if (connected) send({ t: 'facts', facts: merged });
  };

  // ---- Google's config: clients[id] → the object holding `sitekey` (names change with every release).
  const skippable = (v: object) =>
    typeof (v as { nodeType?: unknown }).nodeType === 'number' || (v as { window?: unknown }).window === v;
  const paramsOf = (root: unknown): Obj | null => {
    if (typeof root !== 'object' || root === null) return null;
    const seen = new Set<object>();
    let level: object[] = [root];
    for (let depth = 0; depth <= 5 && level.length > 0; depth++) {
      const next: object[] = [];
      for (const obj of level) {
        if (seen.has(obj)) continue;
        seen.add(obj);
        if (seen.size > 2000) return null;
        try {
          if (skippable(obj)) continue;
          if (typeof (obj as Obj).sitekey === 'string') return obj as Obj;
          for (const k of keysOf(obj)) {
            const v = (obj as Obj)[k];
            if (typeof v === 'object' && v !== null && !seen.has(v)) next.push(v);
          }
        } catch {
          // A throwing getter: skip the branch.
        }
      }
      level = next;
    }
    return null;
  };
  const clients = (): Obj | null => {
    try {
      const c = (win.___grecaptcha_cfg as { clients?: unknown } | undefined)?.clients;
      return typeof c === 'object' && c !== null ? (c as Obj) : null;
    } catch {
      return null;
    }
  };
  const clientParams = (id: string): Obj | null => paramsOf(clients()?.[id]);

  /** A callback given as a function or a (dotted) global name; never evaluates code. */
  const resolveCallback = (cb: unknown): { fn: Fn; self: unknown; name: string } | null => {
    if (typeof cb === 'function') return { fn: cb as Fn, self: undefined, name: '' };
    if (typeof cb !== 'string' || !cb || cb.length > 200) return null;
    let self: unknown;
    let cur: unknown = win;
    let name = '';
    try {
      for (const part of cb.split('.')) {
        name = part;
        if (!part || part === 'constructor' || part === '__proto__' || part === 'prototype') return null;
        if ((typeof cur !== 'object' && typeof cur !== 'function') || cur === null) return null;
        self = cur;
        cur = (cur as Obj)[part];
      }
    } catch {
      return null;
    }
    return typeof cur === 'function' ? { fn: cur as Fn, self: self === win ? undefined : self, name } : null;
  };
  const boundElement = (p: Obj): Element | null => {
    try {
      const b = p.bind;
      if (typeof b === 'string') return doc.getElementById(b);
      return typeof b === 'object' && b !== null && (b as Node).nodeType === 1 ? (b as Element) : null;
    } catch {
      return null;
    }
  };

  /**
   * Only what the DOM cannot tell goes up: an Enterprise `s` payload given to an explicit render. The
   * anchor URL has the sitekey and size, the callback is called from here — so on most pages the main
   * world never dispatches anything (a page that wrapped dispatchEvent before we came sees nothing).
   */
  /** An auto-rendered widget's `data-s`: the isolated world reads it from the DOM itself. */
  const inDom = (payload: string) => {
    try {
      for (const el of doc.querySelectorAll('[data-s]'))
        if (el.getAttribute('data-s')?.trim() === payload) return true;
    } catch {
      // A page that broke querySelectorAll: report it.
    }
    return false;
  };
  const scan = () => {
    const c = clients();
    if (!c) return;
    for (const id of keysOf(c).slice(0, 50)) {
      const p = paramsOf(c[id]);
      const payload = p && str(p.s, 8000);
      if (payload && !inDom(payload)) report({ widgetId: `recaptcha:${id}`, s: payload });
    }
  };

  // ---- One-shot requests: a bound click, execute(widgetId), execute(sitekey, { action }).
  interface Pending {
    clientId?: string;
    settle(token: string | null): void;
  }
  const pending = new Map<string, Pending>();
  let count = 0;

  const request = (
    f: Omit<MainFacts, 'widgetId' | 'pendingExecute'>,
    clientId: string | undefined,
    onToken: (token: string) => void,
    onGiveUp: () => void,
  ): string => {
    const widgetId =
      clientId === undefined ? `recaptcha:exec:${++count}` : `recaptcha:act:${clientId}:${++count}`;
    let timer: unknown;
    const done = (token: string | null) => {
      if (!pending.delete(widgetId)) return;
      clearT(timer as number);
      report({ widgetId, pendingExecute: false });
      if (token === null) {
        send({ t: 'fallback', widgetId });
        onGiveUp();
      } else onToken(token);
    };
    pending.set(widgetId, { clientId, settle: done });
    timer = setT(() => done(null), o.fallbackMs);
    report({ ...f, widgetId, pendingExecute: true });
    return widgetId;
  };
  const busy = (clientId: string) => {
    for (const p of pending.values()) if (p.clientId === clientId) return true;
    return false;
  };
  /** The site's callback with the token; without one, `submit` (the auto-submit setting) posts the form. */
  const callCallback = (clientId: string, token: string, submit = false) => {
    const p = clientParams(clientId);
    const cb = p && resolveCallback(p.callback);
    // Plain calls (no Reflect): they work even on a page that replaced the built-ins.
    if (cb?.self === undefined && cb) cb.fn(token);
    else if (cb) (cb.self as Record<string, Fn>)[cb.name]?.(token);
    else if (submit) {
      const field = doc.getElementById(
        clientId === '0' ? 'g-recaptcha-response' : `g-recaptcha-response-${clientId}`,
      );
      (field as HTMLTextAreaElement | null)?.form?.requestSubmit();
    }
  };
  /** The user acted on a widget (bound click or execute(widgetId)): solve it now. */
  const act = (clientId: string, gesture: boolean, giveUp: () => void): boolean => {
    const p = clientParams(clientId);
    if (!p || busy(clientId)) return false;
    request(
      { websiteKey: str(p.sitekey, 200), action: str(p.action, 200), s: str(p.s, 8000), gesture },
      clientId,
      (token) => callCallback(clientId, token),
      giveUp,
    );
    return true;
  };

  // ---- The execute wrapper, and toString answering for it as for Google's function.
  const originals = new WeakMap<object, Fn>();
  let masked = false;
  const maskToString = () => {
    if (masked || !canDefine || !canApply) return;
    masked = true;
    const d = getDesc(FnProto, 'toString');
    if (!d || !d.configurable || d.value !== fnToString) return;
    const proxy = new ProxyC(fnToString, {
      apply: (t, self, args) => apply(t, originals.get(self as object) ?? self, args),
    });
    originals.set(proxy, fnToString);
    defineProperty(FnProto, 'toString', { ...d, value: proxy });
  };
  const wrap = (native: unknown, enterprise: boolean): unknown => {
    if (typeof native !== 'function' || originals.has(native)) return native;
    const onExecute = (target: Fn, self: unknown, args: unknown[]): unknown => {
      const [key, options] = args;
      const runNative = () => apply(target, self, args);
      if (retired) return runNative();
      const gesture = userActive();
      if (typeof key === 'string') {
        // v3: execute(sitekey, { action }) → the page awaits a token.
        const action = (options as { action?: unknown } | null | undefined)?.action;
        return new PromiseC((resolve, reject) => {
          request(
            {
              kind: enterprise ? 'recaptcha-v3-enterprise' : 'recaptcha-v3',
              websiteKey: str(key, 200),
              action: str(action, 200),
              gesture,
            },
            undefined,
            resolve,
            () => {
              try {
                PromiseC.resolve(runNative()).then(resolve, reject);
              } catch (e) {
                reject(e);
              }
            },
          );
        });
      }
      // Invisible v2: execute(widgetId?) → solve that widget now; Google's flow only if we cannot.
      const id = key === undefined || key === null ? '0' : String(key);
      if (!clientParams(id)) return runNative();
      if (!busy(id)) act(id, gesture, () => void runNative());
      return undefined;
    };
    const wrapper = new ProxyC(native as Fn, {
      apply(target, self, args) {
        let out: unknown;
        try {
          out = onExecute(target, self, args);
        } catch {
          return apply(target, self, args);
        }
        return out;
      },
    });
    originals.set(wrapper, native as Fn);
    maskToString();
    return wrapper;
  };

  /**
   * Catch Google's `obj.execute = fn` on the loader's object (api.js: `grecaptcha`; enterprise.js:
   * `grecaptcha.enterprise`): a non-enumerable accessor that becomes the plain data property the
   * assignment would have made. Already assigned: wrap in place.
   */
  const pendingAccessors = new Set<object>();
  const watch = (obj: unknown, enterprise: boolean) => {
    // Forwarding to Google's execute needs Reflect.apply, the accessor defineProperty: without them, no
    // wrapper (the page's execute calls reach Google directly, as without the extension).
    if (!canApply || !canDefine) return;
    if (typeof obj !== 'object' || obj === null || pendingAccessors.has(obj)) return;
    const d = getDesc(obj, 'execute');
    if (d) {
      if ('value' in d && d.writable && d.configurable)
        defineProperty(obj, 'execute', { ...d, value: wrap(d.value, enterprise) });
      return;
    }
    pendingAccessors.add(obj);
    defineProperty(obj, 'execute', {
      configurable: true,
      enumerable: false,
      get: () => undefined,
      set(v: unknown) {
        pendingAccessors.delete(obj);
        defineProperty(obj, 'execute', {
          value: wrap(v, enterprise),
          writable: true,
          enumerable: true,
          configurable: true,
        });
      },
    });
  };
  /** After the release ran, an accessor nobody assigned through must not linger. */
  const unwatch = () => {
    for (const obj of pendingAccessors) {
      const d = getDesc(obj, 'execute');
      if (d?.set && !d.enumerable) delete (obj as Obj).execute;
    }
    pendingAccessors.clear();
  };
  const attach = () => {
    try {
      const g = win.grecaptcha as Obj | undefined;
      if (!win.___grecaptcha_cfg || typeof g !== 'object' || g === null) return;
      // Which loader ran: api.js assigns `grecaptcha.execute`, enterprise.js `grecaptcha.enterprise.execute`.
      const enterprise = String(win.__recaptcha_api ?? '').includes('/enterprise/');
      if (enterprise) watch(g.enterprise, true);
      if (!enterprise || typeof g.execute === 'function') watch(g, false);
    } catch {
      // An exotic page object: leave it alone.
    }
  };

  // Google's scripts load in this frame: the loader (attach before the release runs), the release
  // (anything still unassigned is not coming). Load events do not bubble: capture on the document.
  listen(
    'load',
    (e: Event) => {
      try {
        const el = e.target as HTMLScriptElement | null;
        if (!el || el.tagName !== 'SCRIPT') return;
        const src = el.src;
        if (/\/recaptcha\/(api|enterprise)\.js/.test(src)) attach();
        else if (/\/recaptcha\/releases\//.test(src)) {
          attach();
          unwatch();
          scan();
        }
      } catch {
        // Never throw into the page's event dispatch.
      }
    },
    true,
  );

  // A trusted click on (or inside) a bound element: the release handles it with its own listener.
  listen(
    'click',
    (e: Event) => {
      try {
        // isTrusted is an own unforgeable property: a page's synthetic click cannot start a paid solve.
        if (!e.isTrusted || retired) return;
        const target = e.target as Node | null;
        const c = clients();
        if (!c || !target) return;
        for (const id of keysOf(c).slice(0, 50)) {
          const p = paramsOf(c[id]);
          const el = p && boundElement(p);
          if (el?.contains(target)) {
            act(id, true, () => undefined);
            return;
          }
        }
      } catch {
        // Never throw into the page's event dispatch.
      }
    },
    true,
  );

  // The isolated world: hello (rescan, replay facts), a token, or "no token is coming" — as lines, not
  // JSON (lib/captcha/bridge.ts encodeDown): readable even where the page replaced JSON.
  listen(
    down,
    (e: Event) => {
      try {
        const raw: unknown = (e as CustomEvent).detail;
        if (typeof raw !== 'string' || raw.length > 64_000) return;
        const [t, widgetId, token, flag] = raw.split('\n');
        if (retired) return;
        if (t === 'retire') {
          if (widgetId !== o.id) return;
          retired = true;
          // Anything it was holding goes to Google's own flow now.
          for (const p of [...pending.values()]) p.settle(null);
          return;
        }
        if (t === 'hello') {
          scan();
          if (!connected) {
            connected = true;
            for (const f of facts.values()) send({ t: 'facts', facts: f });
          }
          return;
        }
        if (!widgetId) return;
        if (t === 'token' && token) {
          const p = pending.get(widgetId);
          if (p) p.settle(token);
          else if (/^recaptcha:\d+$/.test(widgetId))
            callCallback(widgetId.slice(10), token, flag === 'submit');
        } else if (t === 'release') pending.get(widgetId)?.settle(null);
      } catch {
        // Malformed message or a throwing site callback: nothing reaches the page.
      }
    },
    false,
  );

  // Facts go up only when the isolated world asks (hello): nothing is dispatched before that.
  attach();
}
