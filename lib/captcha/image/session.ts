/**
 * The image-captcha half of a frame's detector (isolated world, inside vendor-detect.js): holds the pairs
 * remembered for this site (sent by the background as `image:pairs`) and answers `image:capture`, the
 * context menu's "Solve this image captcha", by inferring the answer field and adding that pair. Either
 * way the controller's next detect pass reports the widget through the ordinary `widgets:found` path.
 * When the job starts, `image:locate` says where the image is on screen (locate.ts).
 */
import type { ContentBoundReplies, LocateReply } from '../../messaging';
import { isPair, parseContentBound } from '../../messaging-parse';
import type { ImagePair } from '../vendor';
import { locateImage } from './locate';
import { IMAGE_PREFIX } from './module';
import { findImageBySrc, imagePairFor } from './pair';

type CaptureReply = ContentBoundReplies['image:capture'];

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
    handle(msg) {
      // Checked by the protocol's parser table (lib/messaging-parse.ts): malformed is not ours.
      const m = parseContentBound(msg);
      if (m?.type === 'image:capture') return capture(m.srcUrl);
      // The job of a pair starts: where its image is on screen now, and what it shows (image-flow.ts).
      if (m?.type === 'image:locate') {
        const win = d.doc.defaultView;
        return win ? locateImage(d.roots(), pairs, m.widgetId, win) : { ok: false };
      }
      if (m?.type !== 'image:pairs') return undefined;
      for (const p of m.pairs.slice(0, MAX_PAIRS).reverse()) if (isPair(p)) add(p);
      d.onChange();
      return true;
    },
  };
}
