/**
 * The optional on-page status badge beside a widget (settings.showBadge): "Solving…", "Solved" (removed
 * a few seconds later) or "Not solved" (kept, the reason in its tooltip). One small inline host element
 * after the widget; everything else (styles, text) lives in a CLOSED shadow root, so the page's CSS
 * cannot restyle it, its CSS cannot leak out, and page scripts cannot read it. Never throws into the page.
 */

export type BadgeState = 'solving' | 'solved' | 'failed';

export interface Badges {
  /** Show (or update) the badge of `widgetId` after `anchor`. */
  show(widgetId: string, anchor: Element, state: BadgeState, reason: string): void;
  /** Remove the badge of `widgetId`, if any. */
  remove(widgetId: string): void;
  /** Remove every badge (the extension stopped). */
  clear(): void;
}

export interface BadgeDeps {
  doc: Document;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** How long "Solved" stays on screen. */
export const SOLVED_BADGE_MS = 4000;
/** The host's tag: a custom element name, so no page rule for div/span applies to it. */
export const BADGE_TAG = 'captcha-status';

const LABELS: Record<BadgeState, string> = { solving: 'Solving…', solved: 'Solved', failed: 'Not solved' };
const COLORS: Record<BadgeState, string> = { solving: '#1a56db', solved: '#047857', failed: '#b91c1c' };

// Inline and small: it sits in the text flow after the widget and adds at most one short line.
const CSS = `:host{all:initial;display:inline-block;vertical-align:middle;margin:2px 4px}
span{display:inline-block;font:600 11px/16px system-ui,sans-serif;color:#fff;padding:0 6px;border-radius:8px;white-space:nowrap}`;

interface Entry {
  host: HTMLElement;
  label: HTMLSpanElement;
  timer?: unknown;
}

/** Badges for one frame. */
export function createBadges(d: BadgeDeps): Badges {
  const entries = new Map<string, Entry>();

  const create = (anchor: Element): Entry => {
    const host = d.doc.createElement(BADGE_TAG);
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = d.doc.createElement('style');
    style.textContent = CSS;
    const label = d.doc.createElement('span');
    label.setAttribute('role', 'status');
    shadow.append(style, label);
    anchor.after(host);
    return { host, label };
  };

  const remove = (widgetId: string) => {
    const e = entries.get(widgetId);
    if (!e) return;
    d.clearTimeout(e.timer);
    e.host.remove();
    entries.delete(widgetId);
  };

  return {
    show(widgetId, anchor, state, reason) {
      try {
        let e = entries.get(widgetId);
        // The site may have re-rendered the widget (or dropped our host): start again beside the new one.
        if (e && (!e.host.isConnected || e.host.previousElementSibling !== anchor)) remove(widgetId);
        e = entries.get(widgetId) ?? create(anchor);
        entries.set(widgetId, e);
        d.clearTimeout(e.timer);
        e.timer = undefined;
        e.label.textContent = `AnySolver: ${LABELS[state]}`;
        e.label.style.background = COLORS[state];
        e.label.title = state === 'failed' ? reason : '';
        if (state === 'solved') e.timer = d.setTimeout(() => remove(widgetId), SOLVED_BADGE_MS);
      } catch {
        // A frozen or strange DOM: no badge, never an exception in the page.
      }
    },
    remove(widgetId) {
      try {
        remove(widgetId);
      } catch {
        entries.delete(widgetId);
      }
    },
    clear() {
      for (const id of [...entries.keys()]) this.remove(id);
    },
  };
}
