/**
 * The main-world HookApi runtime: what every VendorHook gets. It keeps the facts reported so far (so
 * they can be replayed when the isolated script says hello after us), routes tokens from the isolated
 * world to the handlers the hooks registered, and installs each hook inside a try/catch.
 */
import { createMainBridge, type DownMessage } from './bridge';
import { trapGlobal, trapProperty } from './traps';
import type { HookApi, HookFacts, VendorHook } from './vendor';

export interface HookRuntime {
  api: HookApi;
  /** Stop listening to the bridge. */
  close(): void;
}

/** Create the runtime for one frame. `win` is the page's window (injected for tests). */
export function createHookRuntime(win: Window): HookRuntime {
  const facts = new Map<string, HookFacts>();
  const tokenHandlers = new Map<string, Array<(token: string) => void>>();
  const releaseHandlers = new Map<string, Array<() => void>>();
  const scans: Array<() => void> = [];
  const stringify = JSON.stringify; // pristine: captured at document_start

  const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const runEach = <A extends unknown[]>(fns: ReadonlyArray<(...a: A) => void> | undefined, ...args: A) => {
    for (const fn of fns ?? []) {
      try {
        fn(...args);
      } catch {
        // A site callback or a hook threw: the others still run, nothing reaches the page.
      }
    }
  };

  const onMessage = (msg: DownMessage): void => {
    if (msg.t === 'hello') {
      runEach(scans);
      for (const f of facts.values()) bridge.send({ t: 'facts', facts: f });
    } else if (msg.t === 'token') {
      runEach(tokenHandlers.get(msg.widgetId), msg.token);
    } else {
      runEach(releaseHandlers.get(msg.widgetId));
    }
  };
  const bridge = createMainBridge(win.document, onMessage);

  const api: HookApi = {
    report(f) {
      const before = facts.get(f.widgetId);
      const merged = { ...before, ...f };
      // Unchanged facts are not re-sent: scans run on every hello.
      if (before && stringify(before) === stringify(merged)) return;
      facts.set(f.widgetId, merged);
      bridge.send({ t: 'facts', facts: merged });
    },
    onToken: (widgetId, handler) => add(tokenHandlers, widgetId, handler),
    onRelease: (widgetId, handler) => add(releaseHandlers, widgetId, handler),
    onScan: (handler) => void scans.push(handler),
    trapGlobal: (name, onSet) => trapGlobal(win, name, onSet),
    trapProperty: (obj, name, onSet) => trapProperty(obj, name, onSet),
    fallback: (widgetId) => bridge.send({ t: 'fallback', widgetId }),
  };
  return { api, close: () => bridge.close() };
}

/** Install every hook; one failing hook never stops the others. */
export function installHooks(win: Window, hooks: readonly VendorHook[]): HookRuntime {
  const runtime = createHookRuntime(win);
  for (const hook of hooks) {
    try {
      hook.install(runtime.api);
    } catch {
      // A broken hook must not break the page or its siblings.
    }
  }
  return runtime;
}
