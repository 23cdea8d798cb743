/**
 * Find reCAPTCHA widgets in a document or open shadow root, from the DOM (anchor iframes on Google's
 * hosts) joined with what the main-world hook reported (render options, pending v3 executes).
 * The only evidence that counts is a Google-hosted loader or anchor: hCaptcha and Turnstile's
 * recaptcha-compat modes also define `grecaptcha` and `g-recaptcha-response`, and must not be claimed.
 */
import type { DetectedWidget, WidgetKind } from '../types';
import type { DetectEnv, HookFacts } from '../vendor';
import { type AnchorInfo, parseAnchor, parseLoader } from './urls';

/** v3 (`render=<key>`) and isolated widgets get client ids from here up. */
export const V3_CLIENT_ID = 100000;
/** Widget ids the hook gives each pending `execute(sitekey, { action })` call. */
export const EXEC_PREFIX = 'recaptcha:exec:';

const RESPONSE_ID = /^g-recaptcha-response(?:-(\d+))?$/;

/** The client id encoded in a response textarea's id (`g-recaptcha-response` = 0, `…-3` = 3), or null. */
export function clientIdOf(textareaId: string): number | null {
  const m = RESPONSE_ID.exec(textareaId);
  return m ? Number(m[1] ?? 0) : null;
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

function hasChallengeFrame(root: Document | ShadowRoot, anchor: HTMLIFrameElement, base: string): boolean {
  const name = anchor.name;
  if (name.startsWith('a-') && root.querySelector(`iframe[name="c-${CSS.escape(name.slice(2))}"]`))
    return true;
  // Unnamed frames (older releases): any bframe for the same sitekey.
  for (const f of root.querySelectorAll<HTMLIFrameElement>('iframe[src*="/bframe"]')) {
    try {
      const url = new URL(f.src, base);
      if (url.searchParams.get('k') === parseAnchor(anchor.src, base)?.sitekey) return true;
    } catch {
      // Unparsable src: not a bframe.
    }
  }
  return false;
}

function kindOf(a: AnchorInfo, v3: boolean): WidgetKind {
  if (a.enterprise) return v3 ? 'recaptcha-v3-enterprise' : 'recaptcha-v2-enterprise';
  if (v3) return 'recaptcha-v3';
  return a.size === 'invisible' ? 'recaptcha-v2-invisible' : 'recaptcha-v2';
}

const apiDomainOf = (host: string) => (host.endsWith('recaptcha.net') ? 'recaptcha.net' : undefined);

const isVisible = (el: Element) =>
  typeof (el as HTMLElement).checkVisibility === 'function' ? (el as HTMLElement).checkVisibility() : true;

/** A widget from one anchor iframe, or null for v3 (those are reported per execute call). */
function fromAnchor(
  root: Document | ShadowRoot,
  anchor: HTMLIFrameElement,
  env: DetectEnv,
): DetectedWidget | null {
  const a = parseAnchor(anchor.src, env.href);
  if (!a) return null;
  const textarea = responseOf(anchor);
  const clientId = textarea ? clientIdOf(textarea.id) : null;
  const invisible = a.size === 'invisible';
  const v3 = invisible && ((clientId ?? 0) >= V3_CLIENT_ID || !hasChallengeFrame(root, anchor, env.href));
  // A score-only widget has no task until the page asks for a token with an action (execute).
  if (v3) return null;
  const widgetId = `recaptcha:${clientId ?? (anchor.name || a.sitekey)}`;
  const facts: HookFacts | undefined = env.facts.get(widgetId);
  const container = anchor.closest('[data-sitekey]');
  const s = container?.getAttribute('data-s') ?? facts?.s;
  const action = container?.getAttribute('data-action') ?? facts?.action;
  const w: DetectedWidget = {
    widgetId,
    kind: kindOf(a, false),
    websiteKey: a.sitekey,
    visible: isVisible(anchor),
  };
  if (a.enterprise && s) w.enterprisePayload = { s };
  if (action) w.action = action;
  const apiDomain = apiDomainOf(a.host);
  if (apiDomain) w.apiDomain = apiDomain;
  return w;
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

/** v3 widgets: one per execute call the hook is holding, if this frame really loaded reCAPTCHA. */
function fromExecutes(doc: Document, env: DetectEnv): DetectedWidget[] {
  const pending = [...env.facts.values()].filter(
    (f) =>
      f.widgetId.startsWith(EXEC_PREFIX) &&
      f.pendingExecute &&
      f.websiteKey &&
      f.kind?.startsWith('recaptcha-v3'),
  );
  if (pending.length === 0) return [];
  const host = googleHost(doc, env.href);
  if (!host) return [];
  const apiDomain = apiDomainOf(host);
  return pending.map((f) => {
    const w: DetectedWidget = {
      widgetId: f.widgetId,
      kind: f.kind!,
      websiteKey: f.websiteKey!,
      visible: true,
    };
    if (f.action) w.action = f.action;
    if (apiDomain) w.apiDomain = apiDomain;
    return w;
  });
}

/** All reCAPTCHA widgets under `root` (executes only for the document itself). */
export function detectRecaptcha(root: Document | ShadowRoot, env: DetectEnv): DetectedWidget[] {
  const out: DetectedWidget[] = [];
  for (const f of root.querySelectorAll<HTMLIFrameElement>('iframe[src*="/anchor"]')) {
    const w = fromAnchor(root, f, env);
    if (w && !out.some((o) => o.widgetId === w.widgetId)) out.push(w);
  }
  if (root.nodeType === 9) out.push(...fromExecutes(root as Document, env));
  return out;
}
