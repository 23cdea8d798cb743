/**
 * Frame agents: a tiny script of ours inside a vendor's widget iframe. It learns the widget from the
 * frame's own URL and from the messages the page's real api.js sends the frame, and delivers a token
 * by posting the vendor's own "completed" message to the page, so the real api.js fills the response
 * fields, runs the site's callback and answers getResponse() itself. No page JavaScript is hooked.
 *
 * These modules run in vendor frames: no imports at run time, never throw, treat every message as
 * hostile (the page, or any frame, can post anything).
 */

export interface FrameWidget {
  vendor: 'turnstile' | 'hcaptcha';
  /** The vendor's widget id (the same id api.js keys its widget map / chat with). */
  widgetId: string;
  websiteKey: string;
  /** Declared invisible by the embedder (Turnstile `size=invisible`, hCaptcha `size=invisible`). */
  invisible?: boolean;
  action?: string;
  /** Turnstile `cData`. */
  cData?: string;
  /** Turnstile `chlPageData` (the solver APIs' `pagedata`). */
  chlPageData?: string;
  /** hCaptcha Enterprise `rqdata`. */
  rqdata?: string;
  /**
   * The page has asked this widget for a token: Turnstile sent the frame its `execute` event
   * (on turnstile.execute() with execution=execute) or said execution=render (the default: it runs
   * at once); hCaptcha sent the challenge frame `create-challenge` (hcaptcha.execute(), a checkbox
   * click or mode=auto). Solve invisible widgets only once this is true.
   */
  executed?: boolean;
}

export interface AgentWindow {
  location: { href: string };
  parent: { postMessage(m: unknown, targetOrigin: string): void };
  addEventListener(t: 'message', f: (e: MessageEvent) => void): void;
  removeEventListener(t: 'message', f: (e: MessageEvent) => void): void;
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface AgentHandle {
  /** Post the vendor's completion message with `token` to the page; true if posted. */
  deliver(token: string): boolean;
  /** Stop listening (idempotent); deliver() then returns false. */
  stop(): void;
}

export interface FrameAgent {
  vendor: FrameWidget['vendor'];
  /**
   * This frame's widget from its own URL, or null when this is not the frame the agent works in
   * (another vendor, a feedback frame, hCaptcha's checkbox frame…).
   */
  parse(href: string): FrameWidget | null;
  /**
   * Listen to the page's messages; onChange(widget) whenever params (action/cData/rqdata…) become
   * known or change, and on every execute request the page makes (so a re-execute after a reset or an
   * expiry is seen even though `executed` stays true). Returns deliver(token) and stop().
   */
  start(win: AgentWindow, widget: FrameWidget, onChange: (w: FrameWidget) => void): AgentHandle;
}

/**
 * A token we are willing to post: 1–32768 printable ASCII characters, no spaces (Turnstile tokens
 * are ~1–2 kB, hCaptcha's up to a few kB). Shared by both agents, like `applyPatch`.
 */
export const isToken = (t: unknown): t is string => typeof t === 'string' && /^[\x21-\x7e]{1,32768}$/.test(t);

/**
 * An agent's widget after `patch`: when the patch changed a field (or `always`), `onChange` hears a copy of
 * the new widget (a throwing `onChange` is the caller's problem, never the frame's) and the new widget is
 * returned; otherwise `w` itself.
 */
export function applyPatch(
  w: FrameWidget,
  patch: Partial<FrameWidget>,
  always: boolean,
  onChange: (w: FrameWidget) => void,
): FrameWidget {
  const next = { ...w, ...patch };
  const same = Object.keys(patch).every((k) => next[k as keyof FrameWidget] === w[k as keyof FrameWidget]);
  if (same && !always) return w;
  try {
    onChange({ ...next });
  } catch {
    // the caller's problem, not the frame's
  }
  return next;
}
