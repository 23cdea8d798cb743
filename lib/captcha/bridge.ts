/**
 * The isolated ↔ main world channel: CustomEvents on `document` carrying JSON strings, named by a random
 * per-document secret that the background hands to both worlds (scripting.executeScript arguments), so
 * a page can neither listen to it nor answer it. The main world's end is inlined in the self-contained
 * lib/captcha/recaptcha/main-world.ts (event names `<channel>:u` up, `<channel>:d` down).
 *
 * What it can carry, by design:
 * - main → isolated ("up"): HookFacts and fallbacks. A page can forge these too, so the isolated world
 *   treats them as untrusted hints (they can describe no more than widgets the page could render);
 * - isolated → main ("down"): "token T for widget W" (the page's own token), "no token is coming for W"
 *   (release: let a waiting execute fall back now) and a `hello` that asks the main world to rescan and
 *   send what it kept of their facts (the two scripts start in either order; hello is answered
 *   synchronously). One more down message comes from the background itself, not from this bridge:
 *   `retire\n<half id>` (lib/captcha/inject.ts retireMainWorld) to a half sent on the wrong channel.
 * Nothing secret exists on the content side (the client key stays in the background), there is no request
 * type a page could use to trigger a solve, no global and no DOM marker. Every reference the channel uses is
 * captured when it is created, so a page patching prototypes later cannot intercept it.
 */

import { WIDGET_KINDS } from './types';
import type { HookFacts } from './vendor';

/** Event names for a channel secret. */
export const upEvent = (channel: string) => `${channel}:u`;
export const downEvent = (channel: string) => `${channel}:d`;

export type UpMessage = { t: 'facts'; facts: HookFacts } | { t: 'fallback'; widgetId: string };
export type DownMessage =
  | { t: 'token'; widgetId: string; token: string; submit?: boolean }
  | { t: 'release'; widgetId: string }
  | { t: 'hello' };

const stringify = JSON.stringify;
const parseJson = JSON.parse;

/** Bigger details are dropped unread: a page must not make us parse megabytes. */
const MAX_DETAIL = 64_000;
const MAX_ID = 200;
const MAX_TOKEN = 50_000;
const FACT_STRINGS = {
  websiteKey: 200,
  action: 200,
  cData: 2000,
  s: 8000,
  rqdata: 8000,
  containerId: 200,
} as const;

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;
const kinds: readonly string[] = WIDGET_KINDS;

/** Validate facts from the page: unknown keys are dropped, a wrong type rejects the whole message. */
export function parseFacts(v: unknown): HookFacts | null {
  if (!isObj(v) || !isStr(v.widgetId, MAX_ID)) return null;
  const out: HookFacts = { widgetId: v.widgetId };
  if (v.kind !== undefined) {
    if (typeof v.kind !== 'string' || !kinds.includes(v.kind)) return null;
    out.kind = v.kind as HookFacts['kind'];
  }
  for (const [key, max] of Object.entries(FACT_STRINGS) as [keyof typeof FACT_STRINGS, number][]) {
    const value = v[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > max) return null;
    out[key] = value;
  }
  for (const key of ['pendingExecute', 'gesture'] as const) {
    const value = v[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') return null;
    out[key] = value;
  }
  return out;
}

/** Validate a main → isolated message. */
export function parseUp(v: unknown): UpMessage | null {
  if (!isObj(v)) return null;
  if (v.t === 'facts') {
    const facts = parseFacts(v.facts);
    return facts ? { t: 'facts', facts } : null;
  }
  if (v.t === 'fallback' && isStr(v.widgetId, MAX_ID)) return { t: 'fallback', widgetId: v.widgetId };
  return null;
}

/**
 * Isolated → main messages travel as lines (`hello`, `token\n<widgetId>\n<token>[\nsubmit]`,
 * `release\n<widgetId>`), not JSON: the main world reads them even on a page that replaced JSON before it
 * came.
 */
export function encodeDown(m: DownMessage): string {
  if (m.t === 'hello') return 'hello';
  if (m.t === 'release') return `release\n${m.widgetId}`;
  return `token\n${m.widgetId}\n${m.token}${m.submit ? '\nsubmit' : ''}`;
}

/** Read an isolated → main message (what main-world.ts does inline). */
export function parseDown(raw: string): DownMessage | null {
  const [t, widgetId, token, flag, extra] = raw.split('\n');
  if (extra !== undefined) return null;
  if (t === 'hello' && widgetId === undefined) return { t: 'hello' };
  if (t === 'release' && isStr(widgetId, MAX_ID) && token === undefined) return { t: 'release', widgetId };
  if (
    t === 'token' &&
    isStr(widgetId, MAX_ID) &&
    isStr(token, MAX_TOKEN) &&
    (flag === undefined || flag === 'submit')
  )
    return flag ? { t: 'token', widgetId, token, submit: true } : { t: 'token', widgetId, token };
  return null;
}

/** One end of the channel. */
export interface BridgeEnd<Out> {
  send(msg: Out): void;
  /** Stop listening (the extension was reloaded or the frame is going away). */
  close(): void;
}

interface EndOptions<In, Out> {
  doc: Document;
  sendName: string;
  recvName: string;
  /** The event detail (a string) → a message, or null. */
  parse: (detail: string) => In | null;
  encode: (msg: Out) => string;
  onMessage: (msg: In) => void;
}

function createEnd<In, Out>(o: EndOptions<In, Out>): BridgeEnd<Out> {
  // References taken when the channel opens: a page patching prototypes later cannot intercept it.
  const win = o.doc.defaultView ?? globalThis;
  const apply = Reflect.apply;
  const target = (win as typeof globalThis).EventTarget.prototype;
  const dispatch = target.dispatchEvent;
  const add = target.addEventListener;
  const remove = target.removeEventListener;
  const Custom = (win as typeof globalThis).CustomEvent;
  const detailOf = Object.getOwnPropertyDescriptor(Custom.prototype, 'detail')?.get;

  const listener = (event: Event): void => {
    try {
      const detail: unknown = detailOf ? apply(detailOf, event, []) : undefined;
      if (typeof detail !== 'string' || detail.length > MAX_DETAIL) return;
      const msg = o.parse(detail);
      if (msg) o.onMessage(msg);
    } catch {
      // Malformed JSON or a throwing handler: never let it reach the page.
    }
  };
  apply(add, o.doc, [o.recvName, listener]);

  return {
    send(msg) {
      try {
        apply(dispatch, o.doc, [new Custom(o.sendName, { detail: o.encode(msg) })]);
      } catch {
        // The document may be gone (frame detached): nothing to deliver to.
      }
    },
    close() {
      try {
        apply(remove, o.doc, [o.recvName, listener]);
      } catch {
        // Already detached.
      }
    },
  };
}

/** The main world's end, as main-world.ts speaks it (tests and tools simulate the main world with it). */
export const createMainBridge = (
  doc: Document,
  channel: string,
  onMessage: (msg: DownMessage) => void,
): BridgeEnd<UpMessage> =>
  createEnd<DownMessage, UpMessage>({
    doc,
    sendName: upEvent(channel),
    recvName: downEvent(channel),
    parse: parseDown,
    encode: (m) => stringify(m),
    onMessage,
  });

/** The isolated world's end: receives facts, sends tokens and hellos. */
export const createIsolatedBridge = (
  doc: Document,
  channel: string,
  onMessage: (msg: UpMessage) => void,
): BridgeEnd<DownMessage> =>
  createEnd<UpMessage, DownMessage>({
    doc,
    sendName: downEvent(channel),
    recvName: upEvent(channel),
    parse: (detail) => parseUp(parseJson(detail)),
    encode: encodeDown,
    onMessage,
  });
