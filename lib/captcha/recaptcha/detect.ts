/**
 * Find reCAPTCHA widgets in a document or open shadow root, from the DOM (anchor iframes on Google's
 * hosts) joined with what the main-world half reported (main-world.ts: client parameters, requests).
 * The only evidence that counts is a Google-hosted loader or anchor: hCaptcha and Turnstile's
 * recaptcha-compat modes also define `grecaptcha` and `g-recaptcha-response`, and must not be claimed.
 *
 * Classification comes from Google's config and anchor URL, never from frames (run offline, the real
 * release never creates the challenge frame `c-<id>` — it waits for the anchor's handshake):
 * - a checkbox (anchor `size=normal|compact`) is solved as soon as it is seen;
 * - an invisible widget (anchor `size=invisible`) is solved only when the user acts on it: a click on its
 *   bound element, or the page's `execute(widgetId)` — the site's callback (which usually submits the
 *   form) then runs after the click, never on page load. With an `action` in its config (a button with
 *   `data-action`) it is v3;
 * - v3 `execute(sitekey, { action })`: one task per call the page is waiting on.
 */
import type { DetectedWidget, WidgetKind } from '../types';
import type { DetectEnv, HookFacts } from '../vendor';
import { type AnchorInfo, parseAnchor, parseLoader } from './urls';
import { recaptchaKinds } from './vendor';

/** v3 (`render=<key>`) and isolated widgets get client ids from here up. */
export const V3_CLIENT_ID = 100000;
/** Widget ids main-world.ts gives each `execute(sitekey, { action })` call. */
export const EXEC_PREFIX = 'recaptcha:exec:';
/** Widget ids main-world.ts gives each user action on an invisible widget: `recaptcha:act:<client>:<n>`. */
export const ACT_PREFIX = 'recaptcha:act:';

const RESPONSE_ID = /^g-recaptcha-response(?:-(\d+))?$/;

/** The client id encoded in a response textarea's id (`g-recaptcha-response` = 0, `…-3` = 3), or null. */
export function clientIdOf(textareaId: string): number | null {
  const m = RESPONSE_ID.exec(textareaId);
  return m ? Number(m[1] ?? 0) : null;
}

/** The client id of an action request (`recaptcha:act:3:7` → "3"), or null. */
export function actClientId(widgetId: string): string | null {
  const m = /^recaptcha:act:(\d+):\d+$/.exec(widgetId);
  return m ? m[1]! : null;
}

/** The response textarea sharing the anchor's wrapper (the first ancestor, up to 4 levels, holding one). */
function responseOf(iframe: Element): HTMLTextAreaElement | null {
  let el = iframe.parentElement;
  for (let i = 0; el && i < 4; i++, el = el.parentElement) {
    const t = el.querySelector<HTMLTextAreaElement>('textarea[name="g-recaptcha-response"]');
    if (t) return t;
  }
  return null;
}

// The kinds as the descriptor declares them (one copy of the strings in the detector's bundle).
const [V2, V2_INVISIBLE, V3, V2_ENTERPRISE, V3_ENTERPRISE] = recaptchaKinds.kinds;

function kindOf(a: AnchorInfo, v3: boolean): WidgetKind {
  if (a.enterprise) return v3 ? V3_ENTERPRISE : V2_ENTERPRISE;
  if (v3) return V3;
  return a.size === 'invisible' ? V2_INVISIBLE : V2;
}

const apiDomainOf = (host: string) => (host.endsWith('recaptcha.net') ? 'recaptcha.net' : undefined);

const isVisible = (el: Element) =>
  typeof (el as HTMLElement).checkVisibility === 'function' ? (el as HTMLElement).checkVisibility() : true;

interface Anchor {
  frame: HTMLIFrameElement;
  info: AnchorInfo;
  clientId: string | null;
}

function anchorsOf(root: Document | ShadowRoot, base: string): Anchor[] {
  const out: Anchor[] = [];
  for (const frame of root.querySelectorAll<HTMLIFrameElement>('iframe[src*="/anchor"]')) {
    const info = parseAnchor(frame.src, base);
    if (!info) continue;
    const textarea = responseOf(frame);
    const id = textarea ? clientIdOf(textarea.id) : null;
    out.push({ frame, info, clientId: id === null ? null : String(id) });
  }
  return out;
}

/** Enterprise payload, action and api domain shared by every widget shape. */
function decorate(
  w: DetectedWidget,
  a: AnchorInfo,
  container: Element | null,
  facts?: HookFacts,
): DetectedWidget {
  const s = container?.getAttribute('data-s') ?? facts?.s;
  if (a.enterprise && s) w.enterprisePayload = { s };
  const action = facts?.action ?? container?.getAttribute('data-action') ?? undefined;
  if (action) w.action = action;
  const apiDomain = apiDomainOf(a.host);
  if (apiDomain) w.apiDomain = apiDomain;
  return w;
}

/** A checkbox widget (solved when seen); invisible and score-only anchors wait for the user. */
function fromAnchor(a: Anchor, env: DetectEnv): DetectedWidget | null {
  if (a.info.size === 'invisible') return null;
  const widgetId = `recaptcha:${a.clientId ?? (a.frame.name || a.info.sitekey)}`;
  const w: DetectedWidget = {
    widgetId,
    kind: kindOf(a.info, false),
    websiteKey: a.info.sitekey,
    visible: isVisible(a.frame),
  };
  return decorate(w, a.info, a.frame.closest('[data-sitekey]'), env.facts.get(widgetId));
}

/** A user action on an invisible widget that the main world is holding (bound click, execute(id)). */
function fromAction(f: HookFacts, anchors: Anchor[]): DetectedWidget | null {
  const clientId = actClientId(f.widgetId);
  const a = anchors.find((x) => x.clientId === clientId);
  if (!a || a.info.size !== 'invisible') return null;
  const w: DetectedWidget = {
    widgetId: f.widgetId,
    // A bound element with an action is v3 (a `data-action` button); without one, invisible v2.
    kind: kindOf(a.info, Boolean(f.action)),
    websiteKey: a.info.sitekey || (f.websiteKey ?? ''),
    visible: true,
  };
  return decorate(w, a.info, a.frame.closest('[data-sitekey]'), f);
}

/** The Google loader or anchor this frame uses, if any: the evidence an execute call needs. */
function googleHost(doc: Document, base: string): string | null {
  for (const s of doc.querySelectorAll<HTMLScriptElement>('script[src*="/recaptcha/"]')) {
    const l = parseLoader(s.src, base);
    if (l) return l.host;
  }
  for (const f of doc.querySelectorAll<HTMLIFrameElement>('iframe[src*="/recaptcha/"]')) {
    const a = parseAnchor(f.src, base);
    if (a) return a.host;
  }
  return null;
}

/** v3 widgets: one per execute call the main world is holding, if this frame really loaded reCAPTCHA. */
function fromExecute(f: HookFacts, host: string | null): DetectedWidget | null {
  if (!host || !f.websiteKey || !f.kind?.startsWith('recaptcha-v3')) return null;
  const w: DetectedWidget = {
    widgetId: f.widgetId,
    kind: f.kind,
    websiteKey: f.websiteKey.trim(),
    visible: true,
  };
  if (f.action) w.action = f.action;
  const apiDomain = apiDomainOf(host);
  if (apiDomain) w.apiDomain = apiDomain;
  return w;
}

/** All reCAPTCHA widgets under `root` (requests are joined in the root holding their anchor). */
export function detectRecaptcha(root: Document | ShadowRoot, env: DetectEnv): DetectedWidget[] {
  const out: DetectedWidget[] = [];
  const push = (w: DetectedWidget | null) => {
    if (w && !out.some((o) => o.widgetId === w.widgetId)) out.push(w);
  };
  const anchors = anchorsOf(root, env.href);
  for (const a of anchors) push(fromAnchor(a, env));
  const requests = [...env.facts.values()].filter((f) => f.pendingExecute);
  if (requests.length === 0) return out;
  const host = root.nodeType === 9 ? googleHost(root as Document, env.href) : null;
  for (const f of requests) {
    if (f.widgetId.startsWith(ACT_PREFIX)) push(fromAction(f, anchors));
    else if (f.widgetId.startsWith(EXEC_PREFIX)) push(fromExecute(f, host));
  }
  return out;
}
