/**
 * The image-captcha half of a frame's detector (isolated world, inside vendor-detect.js): holds the pairs
 * remembered for this site (sent by the background as `image:pairs`) and answers `image:capture`, the
 * context menu's "Solve this image captcha", by inferring the answer field and adding that pair. Either
 * way the controller's next detect pass reports the widget through the ordinary `widgets:found` path.
 * When the job starts, `image:locate` says where the image is on screen (locate.ts).
 */
import type { ImagePair } from '../vendor';
import { type LocateReply, locateImage } from './locate';
import { IMAGE_PREFIX } from './module';
import { findImageBySrc, imagePairFor } from './pair';

/** The reply to `image:capture` (the background parses it with imageCaptureReplySchema). */
export type CaptureReply =
  | { ok: true; pair: ImagePair; widgetId: string }
  | { ok: false; error: 'no-image' | 'no-field' };

export interface ImageSession {
  /** The pairs to look for in this frame. */
  pairs(): readonly ImagePair[];
  /** Handle an `image:*` background message; undefined when it is not one. */
  handle(m: Record<string, unknown>): CaptureReply | LocateReply | boolean | undefined;
}

export interface ImageSessionDeps {
  doc: Document;
  /** The document and the open shadow roots known so far. */
  roots(): Array<Document | ShadowRoot>;
  /** Ask for a detect pass (pairs changed, or an image loaded). */
  onChange(): void;
  signal: AbortSignal;
}

const MAX_PAIRS = 10;
const isPair = (p: unknown): p is ImagePair =>
  typeof p === 'object' &&
  p !== null &&
  typeof (p as ImagePair).img === 'string' &&
  typeof (p as ImagePair).input === 'string';

/** Start the session for one frame. */
export function createImageSession(d: ImageSessionDeps): ImageSession {
  let pairs: ImagePair[] = [];
  const add = (pair: ImagePair) => {
    pairs = [pair, ...pairs.filter((p) => p.input !== pair.input)].slice(0, MAX_PAIRS);
  };

  // The detector skips images that have not loaded yet (no pixels to read): look again when one loads.
  // `load` does not bubble, hence the capture phase.
  d.doc.addEventListener(
    'load',
    (e) => {
      if (pairs.length > 0 && (e.target as Element | null)?.tagName === 'IMG') d.onChange();
    },
    { capture: true, signal: d.signal },
  );

  const capture = (srcUrl: string): CaptureReply => {
    let img: HTMLImageElement | null = null;
    for (const root of d.roots()) {
      img = findImageBySrc(root, srcUrl);
      if (img) break;
    }
    if (!img) return { ok: false, error: 'no-image' };
    const pair = imagePairFor(img);
    if (!pair) return { ok: false, error: 'no-field' };
    add(pair);
    d.onChange();
    return { ok: true, pair, widgetId: IMAGE_PREFIX + pair.input };
  };

  return {
    pairs: () => pairs,
    handle(m) {
      if (m.type === 'image:capture') return typeof m.srcUrl === 'string' ? capture(m.srcUrl) : undefined;
      // The job of a pair starts: where its image is on screen now, and what it shows (image-flow.ts).
      if (m.type === 'image:locate') {
        const win = d.doc.defaultView;
        return typeof m.widgetId === 'string' && win
          ? locateImage(d.roots(), pairs, m.widgetId, win)
          : { ok: false };
      }
      if (m.type !== 'image:pairs' || !Array.isArray(m.pairs)) return undefined;
      for (const p of m.pairs.slice(0, MAX_PAIRS).reverse()) if (isPair(p)) add(p);
      d.onChange();
      return true;
    },
  };
}
