/**
 * The content script's only link to the background, without the webextension-polyfill (this script runs
 * in vendor frames and wherever a vendor was seen: it must stay small). Works with Chrome's
 * `chrome.runtime` (promise form) and Firefox's `browser.runtime`.
 */
import type { ContentMessage } from '../../messaging';

type Listener = (msg: unknown, sender: unknown, sendResponse: (r: unknown) => void) => boolean | undefined;
interface Runtime {
  id?: string;
  sendMessage(msg: unknown): Promise<unknown> | undefined;
  onMessage: { addListener(fn: Listener): void; removeListener(fn: Listener): void };
}

/** Background ↔ content port: fire-and-forget sends, synchronous replies to background messages. */
export interface RuntimePort {
  send(msg: ContentMessage): Promise<unknown>;
  /** Register the handler; a non-undefined return value is the reply. Returns the unregister function. */
  listen(handler: (msg: unknown) => unknown): () => void;
  /** False once the extension was reloaded or removed (this script is orphaned). */
  alive(): boolean;
}

function runtime(): Runtime | undefined {
  const g = globalThis as { browser?: { runtime?: Runtime }; chrome?: { runtime?: Runtime } };
  return g.browser?.runtime ?? g.chrome?.runtime;
}

/** The port over the real extension runtime; every call is guarded (the extension may have been reloaded). */
export function createRuntimePort(rt: Runtime | undefined = runtime()): RuntimePort {
  return {
    alive() {
      try {
        return Boolean(rt?.id);
      } catch {
        return false;
      }
    },
    send(msg) {
      try {
        return Promise.resolve(rt?.sendMessage(msg)).catch(() => undefined);
      } catch {
        return Promise.resolve(undefined); // "Extension context invalidated"
      }
    },
    listen(handler) {
      const listener: Listener = (msg, _sender, sendResponse) => {
        try {
          const reply = handler(msg);
          if (reply !== undefined) sendResponse(reply);
        } catch {
          // Never throw inside the content script's event loop.
        }
        return false;
      };
      try {
        rt?.onMessage.addListener(listener);
      } catch {
        // No runtime (context invalidated): nothing to listen to.
      }
      return () => {
        try {
          rt?.onMessage.removeListener(listener);
        } catch {
          // Already gone.
        }
      };
    },
  };
}
