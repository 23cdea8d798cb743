/**
 * Where a remembered image captcha is on screen right now (isolated world, answering the background's
 * `image:locate` when its job starts): its current URL, its box in the viewport, and whether what the
 * screen shows there is the image itself. The background then crops a screenshot to the box, or — only
 * for the URL the user marked — fetches it (lib/background/image-flow.ts).
 */

import type { Box, LocateReply } from '../../messaging';
import type { ImagePair } from '../vendor';
import { captureImageSync } from './capture';
import { IMAGE_PREFIX } from './module';

export type { Box, LocateReply } from '../../messaging';

/** Elements that can show another site's document in the page: none may overlap the image. */
const FRAMES = 'iframe, frame, embed, object, portal, fencedframe';

const overlaps = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Is the image what the user sees in its box? Fully inside the viewport, visible, the topmost element at
 * five points of its box, and no frame of any origin over any part of it (a hostile page could lay a
 * transparent, click-through frame of a victim site over its own image).
 */
function unobstructed(root: Document | ShadowRoot, img: Element, r: DOMRect, win: Window): boolean {
  if (
    r.width < 4 ||
    r.height < 4 ||
    r.left < 0 ||
    r.top < 0 ||
    r.right > win.innerWidth ||
    r.bottom > win.innerHeight
  )
    return false;
  const style = win.getComputedStyle(img);
  if (style.visibility === 'hidden' || style.visibility === 'collapse' || Number(style.opacity || 1) < 1)
    return false;
  const doc = img.ownerDocument;
  for (const f of doc.querySelectorAll(FRAMES)) if (overlaps(f.getBoundingClientRect(), r)) return false;
  const points: Array<[number, number]> = [
    [0.5, 0.5],
    [0.2, 0.2],
    [0.8, 0.2],
    [0.2, 0.8],
    [0.8, 0.8],
  ];
  const at = (x: number, y: number) =>
    'elementFromPoint' in root ? root.elementFromPoint(x, y) : doc.elementFromPoint(x, y);
  return points.every(([fx, fy]) => at(r.left + r.width * fx, r.top + r.height * fy) === img);
}

/** Locate the image of the pair whose widget id is `widgetId` in `roots`. */
export function locateImage(
  roots: Array<Document | ShadowRoot>,
  pairs: readonly ImagePair[],
  widgetId: string,
  win: Window,
): LocateReply {
  const pair = pairs.find((p) => IMAGE_PREFIX + p.input === widgetId);
  if (!pair) return { ok: false };
  for (const root of roots) {
    let el: Element | null = null;
    try {
      el = root.querySelector(pair.img);
    } catch {
      return { ok: false };
    }
    if (!el || (el.tagName !== 'IMG' && el.tagName !== 'CANVAS')) continue;
    const r = el.getBoundingClientRect();
    const img = el.tagName === 'IMG' ? (el as HTMLImageElement) : null;
    const data = captureImageSync(el as HTMLImageElement | HTMLCanvasElement) ?? undefined;
    return {
      ok: true,
      src: img ? img.currentSrc || img.src : '',
      rect: { x: r.left, y: r.top, width: r.width, height: r.height },
      viewport: { width: win.innerWidth, height: win.innerHeight },
      unobstructed: unobstructed(root, el, r, win),
      ...(data ? { data } : {}),
    };
  }
  return { ok: false };
}
