/**
 * The optional on-page status badge beside a widget (settings.showBadge): "Solving…", "Solved" (removed
 * a few seconds later) or "Not solved" (kept, the reason in its tooltip). One small inline host element
 * after the widget; everything else (styles, text) lives in a CLOSED shadow root, so the page's CSS
 * cannot restyle it, its CSS cannot leak out, and page scripts cannot read it. Never throws into the page.
 * Its words come from the extension's catalogue through the content script's own `i18n` (the user's
 * language, not the page's); the reason is a notice from the background, rendered here.
 */
import { type Notice, renderNotice } from '../../notice';

export type WidgetBadgeState = 'solving' | 'solved' | 'failed';

export interface Badges {
  /** Show (or update) the badge of `widgetId` after `anchor`. */
  show(widgetId: string, anchor: Element, state: WidgetBadgeState, reason?: Notice): void;
  /** Remove the badge of `widgetId`, if any. */
  remove(widgetId: string): void;
  /** Remove every badge (the extension stopped). */
  clear(): void;
}

/** The extension's i18n as content scripts have it (chrome.i18n / browser.i18n). */
export interface BadgeI18n {
  getMessage(key: string, subs?: string[]): string;
  getUILanguage?(): string;
}

export interface BadgeDeps {
  doc: Document;
  /** Absent (tests, a torn-down runtime): the English words below. */
  i18n?: BadgeI18n;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** How long "Solved" stays on screen. */
export const SOLVED_BADGE_MS = 4000;
/** The host's tag: a custom element name, so no page rule for div/span applies to it. */
export const BADGE_TAG = 'captcha-status';

/** Message keys, and the English words if the catalogue cannot be read. */
const LABELS: Record<WidgetBadgeState, [key: string, english: string]> = {
  solving: ['badgeSolving', 'AnySolver: Solving…'],
  solved: ['badgeSolved', 'AnySolver: Solved'],
  failed: ['badgeNotSolved', 'AnySolver: Not solved'],
};
const COLORS: Record<WidgetBadgeState, string> = { solving: '#1a56db', solved: '#047857', failed: '#b91c1c' };

// Inline and small: it sits in the text flow after the widget and adds at most one short line.
const CSS =
  ':host{all:initial;display:inline-block;vertical-align:middle;margin:2px 4px}\n' +
  'span{display:inline-block;font:600 11px/16px system-ui,sans-serif;color:#fff;padding:0 6px;' +
  'border-radius:8px;white-space:nowrap}';

interface Entry {
  host: HTMLElement;
  label: HTMLSpanElement;
  timer?: unknown;
}

/** Badges for one frame. */
export function createBadges(d: BadgeDeps): Badges {
  const entries = new Map<string, Entry>();
  const message = (key: string, subs?: string[]) => {
    try {
      return d.i18n?.getMessage(key, subs) ?? '';
    } catch {
      return ''; // the extension was reloaded: its catalogue is gone
    }
  };
  const locale = () => {
    try {
      return d.i18n?.getUILanguage?.() || undefined;
    } catch {
      return undefined;
    }
  };
  const number = (n: number, o?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale(), o).format(n);
  const reasonText = (n: Notice | undefined) =>
    n && typeof n.key === 'string'
      ? renderNotice(
          {
            message,
            number: (v) => number(v),
            usd: (v) => number(v, { style: 'currency', currency: 'USD' }),
          },
          n,
        )
      : '';

  const create = (anchor: Element): Entry => {
    const host = d.doc.createElement(BADGE_TAG);
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = d.doc.createElement('style');
    style.textContent = CSS;
    const label = d.doc.createElement('span');
    label.setAttribute('role', 'status');
    // Our words keep their own direction whatever the page's (Arabic in an English page, and back).
    label.dir = (message('textDirection') || message('@@bidi_dir')) === 'rtl' ? 'rtl' : 'ltr';
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
        const [key, english] = LABELS[state];
        e.label.textContent = message(key) || english;
        e.label.style.background = COLORS[state];
        e.label.title = state === 'failed' ? reasonText(reason) : '';
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
