/**
 * The isolated-world content script's logic for one frame: observe → detect (debounced to a microtask)
 * → report to the background; fill tokens on `fill` and hand them to the main world for callbacks.
 * Also: image captchas marked by the user (image/session.ts) and the on-page status badges (badge/).
 * All page-facing entry points (observer, bridge, runtime messages, timers) are guarded: nothing throws
 * into the page, and everything stops when `signal` aborts (extension reloaded).
 */
import type { ContentBound, ContentMessage } from '../../messaging';
import { parseContentBound } from '../../messaging-parse';
import type { Notice } from '../../notice';
import { badgeAnchor } from '../badge/anchor';
import { type BadgeI18n, createBadges, type WidgetBadgeState } from '../badge/badge';
import { type BridgeEnd, createIsolatedBridge, type DownMessage, type UpMessage } from '../bridge';
import { createImageSession } from '../image/session';
import type { DetectedWidget } from '../types';
import type { HookFacts, VendorModule } from '../vendor';
import { observeCaptchas } from './observer';
import { createReporter } from './reporter';
import type { RuntimePort } from './runtime-port';

export interface ControllerDeps {
  doc: Document;
  /** The extension's i18n (the status badge's words); absent in tests: English. */
  i18n?: BadgeI18n;
  href(): string;
  modules: readonly VendorModule[];
  port: RuntimePort;
  signal: AbortSignal;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  /** The secret naming this document's main-world channel (given by the background). */
  channel?: string;
  /** Bridge factory (tests pass a fake). */
  bridge?: (doc: Document, onMessage: (m: UpMessage) => void) => BridgeEnd<DownMessage>;
}

/** A token lives ~120 s; after that a still-visible widget needs a new one. */
export const TOKEN_LIFETIME_MS = 120_000;
/** A pending execute is released to the native one if the background has not started solving by then. */
export const EXEC_RELEASE_MS = 6_000;

/** Wire one frame. Returns the background-message handler (also registered on `port`). */
export function startCaptchaController(d: Deps): (msg: unknown) => unknown {
  const facts = new Map<string, HookFacts>();
  const reporter = createReporter();
  const timers = new Map<string, unknown>();
  let scheduled = false;
  let scanning = false;

  const send = (m: ContentMessage) => void d.port.send(m);
  const timer = (key: string, ms: number, fn: () => void) => {
    d.clearTimeout(timers.get(key));
    timers.set(
      key,
      d.setTimeout(() => {
        timers.delete(key);
        try {
          fn();
        } catch {
          // Timers run in the content script's loop: never throw.
        }
      }, ms),
    );
  };
  const clearTimer = (key: string) => {
    d.clearTimeout(timers.get(key));
    timers.delete(key);
  };

  const setFacts = (f: HookFacts): boolean => {
    const before = facts.get(f.widgetId);
    const merged = { ...before, ...f };
    if (before && JSON.stringify(before) === JSON.stringify(merged)) return false;
    facts.set(f.widgetId, merged);
    return true;
  };
  const release = (widgetId: string) => {
    clearTimer(`release:${widgetId}`);
    if (!facts.get(widgetId)?.pendingExecute) return;
    setFacts({ widgetId, pendingExecute: false });
    bridge.send({ t: 'release', widgetId });
    schedule();
  };

  const openBridge =
    d.bridge ??
    ((doc: Document, on: (m: UpMessage) => void) => createIsolatedBridge(doc, d.channel ?? '', on));
  const bridge = openBridge(d.doc, (m) => {
    if (m.t === 'fallback') {
      clearTimer(`release:${m.widgetId}`);
      setFacts({ widgetId: m.widgetId, pendingExecute: false });
      schedule();
    } else if (setFacts(m.facts) && !scanning) {
      schedule();
    }
  });
  d.signal.addEventListener('abort', () => bridge.close(), { once: true });

  const roots = (): Array<Document | ShadowRoot> => [d.doc, ...observer.shadowRoots()];
  const images = createImageSession({ doc: d.doc, roots, onChange: () => schedule(), signal: d.signal });
  const badges = createBadges(d);
  const badge = (widgetId: string, show: boolean, state: WidgetBadgeState, reason?: Notice) => {
    const anchor = show ? badgeAnchor(roots(), widgetId) : null;
    if (anchor) badges.show(widgetId, anchor, state, reason);
    else badges.remove(widgetId);
  };

  const detectAll = (): DetectedWidget[] => {
    const env = { href: d.href(), title: d.doc.title, facts, imagePairs: images.pairs() };
    const found: DetectedWidget[] = [];
    for (const m of observer.seen) {
      for (const root of roots()) {
        try {
          found.push(...m.detect(root, env));
        } catch {
          // One vendor's bug must not hide the others' widgets.
        }
      }
    }
    return found.map((w) => ({ ...w, websiteURL: env.href, pageTitle: env.title.slice(0, 300) }));
  };

  const run = () => {
    scheduled = false;
    if (d.signal.aborted) return;
    try {
      // The main world rescans and answers synchronously, so the facts are fresh for this pass.
      scanning = true;
      bridge.send({ t: 'hello' });
      scanning = false;
      const found = detectAll();
      for (const w of found) {
        if (facts.get(w.widgetId)?.pendingExecute && !reporter.has(w.widgetId)) {
          timer(`release:${w.widgetId}`, EXEC_RELEASE_MS, () => release(w.widgetId));
        }
      }
      for (const m of reporter.update(found)) {
        if (m.type === 'widgets:gone') for (const id of m.widgetIds) badges.remove(id);
        if (
          m.type === 'widgets:found' &&
          (userActive(d.doc) || m.widgets.some((w) => facts.get(w.widgetId)?.gesture))
        )
          send({ ...m, gesture: true });
        else send(m);
      }
    } catch {
      scanning = false;
    }
  };
  function schedule(): void {
    if (scheduled || d.signal.aborted) return;
    scheduled = true;
    queueMicrotask(run);
  }

  const observer = observeCaptchas({
    doc: d.doc,
    modules: d.modules,
    signal: d.signal,
    onChange: schedule,
    // The background saw the vendor's frame or script (that is why this detector runs).
    onVendor: schedule,
  });

  const fill = (req: ContentBound<'fill'>): boolean => {
    let filled = false;
    for (const m of observer.seen) {
      for (const root of roots()) {
        try {
          filled = m.fill(root, req);
        } catch {
          filled = false;
        }
        if (filled) break;
      }
      if (filled) break;
    }
    if (!filled) return false;
    const wasPending = facts.get(req.widgetId)?.pendingExecute === true;
    clearTimer(`release:${req.widgetId}`);
    // The main world calls the site's callback (or resolves the pending execute) synchronously here; for
    // reCAPTCHA it also decides the auto-submit (it knows whether the site has a callback to do it).
    const recaptcha = req.widgetId.startsWith('recaptcha:');
    const submit = req.autoSubmit && recaptcha;
    bridge.send({ t: 'token', widgetId: req.widgetId, token: req.token, ...(submit ? { submit } : {}) });
    if (wasPending) {
      setFacts({ widgetId: req.widgetId, pendingExecute: false });
    } else {
      timer(`expire:${req.widgetId}`, TOKEN_LIFETIME_MS, () => {
        if (reporter.has(req.widgetId)) send({ type: 'widget:expired', widgetId: req.widgetId });
      });
      if (req.autoSubmit && !recaptcha) submitFormOf(d.doc, req.token);
    }
    // The reply `true` carries the solved status: the background sends no `status` for a solved job.
    badge(req.widgetId, req.showBadge, 'solved');
    schedule();
    return true;
  };

  const handle = (msg: unknown): unknown => {
    if (d.signal.aborted) return undefined;
    // Checked by the protocol's parser table (lib/messaging-parse.ts); a malformed fill is not filled.
    const m = parseContentBound(msg);
    if (m === null) return (msg as { type?: unknown } | null)?.type === 'fill' ? false : undefined;
    if (m.type === 'fill') return fill(m);
    if (m.type === 'status') {
      // The background is working on it: a pending execute keeps waiting (up to the hook's own limit).
      if (m.state === 'failed') release(m.widgetId);
      else clearTimer(`release:${m.widgetId}`);
      badge(m.widgetId, m.showBadge, m.state, m.reason);
      return undefined;
    }
    return images.handle(m);
  };
  const unlisten = d.port.listen(handle);
  d.signal.addEventListener(
    'abort',
    () => {
      unlisten();
      badges.clear();
      for (const id of timers.values()) d.clearTimeout(id);
      timers.clear();
    },
    { once: true },
  );
  return handle;
}

type Deps = ControllerDeps;

/** The frame has transient user activation (a real click or key press just now): a page cannot fake it. */
export function userActive(doc: Document): boolean {
  try {
    return (
      (doc.defaultView?.navigator as { userActivation?: { isActive: boolean } } | undefined)?.userActivation
        ?.isActive === true
    );
  } catch {
    return false;
  }
}

/** Auto-submit: the form holding the field we just filled (only when the site has no callback to do it). */
function submitFormOf(doc: Document, token: string): void {
  for (const f of doc.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>(
    'textarea, input[type="hidden"]',
  )) {
    if (f.value === token && f.form) {
      f.form.requestSubmit();
      return;
    }
  }
}
