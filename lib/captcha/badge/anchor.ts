/**
 * Where a widget's status badge goes: the element it is inserted after, found from the widget id the
 * same way each vendor's fill finds the widget (its response field), then up to the site's container.
 * Null for widgets with nothing on screen to sit beside (v3 executes, invisible widgets, unknown ids).
 * hCaptcha and Turnstile widgets are completed from inside their own frames (frame agents) and carry
 * no badge of ours: their own widget shows the result.
 */

import { IMAGE_PREFIX } from '../image/module';
import { ACT_PREFIX, EXEC_PREFIX } from '../recaptcha/detect';

// Document and ShadowRoot (a DocumentFragment) both have getElementById.
const byId = (root: ParentNode, id: string) => (root as Document).getElementById(id);

/** The widget's box as the site placed it; null when it is invisible (nothing to stand beside). */
function shown(container: Element | null): Element | null {
  if (!container || container.getAttribute('data-size') === 'invisible') return null;
  return container.classList.contains('grecaptcha-badge') ? null : container;
}

function recaptcha(root: ParentNode, id: string): Element | null {
  const field = byId(root, id === '0' ? 'g-recaptcha-response' : `g-recaptcha-response-${id}`);
  // The widget renders <site container> > <div 304×78> > [iframe box, textarea].
  return field ? shown(field.closest('[data-sitekey]') ?? field.parentElement?.parentElement ?? null) : null;
}

function image(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

/** The element to put the badge of `widgetId` after, searching each root in turn. */
export function badgeAnchor(roots: ReadonlyArray<Document | ShadowRoot>, widgetId: string): Element | null {
  if (widgetId.startsWith(EXEC_PREFIX) || widgetId.startsWith(ACT_PREFIX)) return null;
  const table: Array<[string, (root: ParentNode, id: string) => Element | null]> = [
    ['recaptcha:', recaptcha],
    [IMAGE_PREFIX, image],
  ];
  const row = table.find(([prefix]) => widgetId.startsWith(prefix));
  if (!row) return null;
  const id = widgetId.slice(row[0].length);
  for (const root of roots) {
    try {
      const el = row[1](root, id);
      if (el) return el;
    } catch {
      // A strange page must not break the others' badges.
    }
  }
  return null;
}
