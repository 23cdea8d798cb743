/**
 * Image captchas' isolated-world half. Nothing announces them: the user marks one through the context
 * menu, the background remembers the pair per site and passes the list in `DetectEnv.imagePairs`; detect
 * finds those pairs on the page and fill types the answer into the field.
 */
import { setFieldValue } from '../recaptcha/fill';
import type { DetectedWidget, FillRequest } from '../types';
import type { DetectEnv, ImagePair, VendorModule } from '../vendor';
import { captureImageSync } from './capture';

/** Widget ids are `image:<answer field selector>`: all that fill needs to find the field again. */
export const IMAGE_PREFIX = 'image:';
const PREFIX = IMAGE_PREFIX;

const query = (root: ParentNode, selector: string): Element | null => {
  try {
    return root.querySelector(selector);
  } catch {
    return null; // a stored selector that no longer parses
  }
};

/**
 * Only a loaded image is reported: before that there are no pixels to read, and fetching the URL again
 * instead would make many captcha scripts draw a new challenge. The image session rescans on `load`.
 */
const loaded = (img: HTMLImageElement) => img.complete && img.naturalWidth > 0;

function fromPair(root: Document | ShadowRoot, pair: ImagePair, base: string): DetectedWidget | null {
  const img = query(root, pair.img);
  const input = query(root, pair.input);
  if (!img || !input || input.tagName !== 'INPUT' || (img.tagName !== 'IMG' && img.tagName !== 'CANVAS'))
    return null;
  if (PREFIX.length + pair.input.length > 200) return null;
  const w: DetectedWidget = {
    widgetId: PREFIX + pair.input,
    kind: 'image-text',
    websiteKey: '',
    visible: true,
  };
  if (img.tagName === 'IMG' && !loaded(img as HTMLImageElement)) return null; // reported once it loads
  const data = captureImageSync(img as HTMLImageElement | HTMLCanvasElement);
  if (data) {
    w.imageBase64 = data;
  } else if (img.tagName === 'IMG') {
    // Loaded but cross-origin (a tainted canvas): the background reads it from the screen, or fetches
    // it if it is the URL the user marked. The URL the browser shows (srcset, <picture>), not `src`.
    const shown = img as HTMLImageElement;
    try {
      const src = new URL(shown.currentSrc || shown.getAttribute('src') || '', base).href;
      if (src.length <= 2000) w.extra = { src };
    } catch {
      return null;
    }
  }
  return w;
}

/** The remembered pairs present under `root`. */
export function detectImage(root: Document | ShadowRoot, env: DetectEnv): DetectedWidget[] {
  const out: DetectedWidget[] = [];
  for (const pair of env.imagePairs ?? []) {
    const w = fromPair(root, pair, env.href);
    if (w && !out.some((o) => o.widgetId === w.widgetId)) out.push(w);
  }
  return out;
}

/** Type the answer into the field, firing input and change like typing would. */
export function fillImage(root: Document | ShadowRoot, req: FillRequest): boolean {
  if (!req.widgetId.startsWith(PREFIX)) return false;
  const input = query(root, req.widgetId.slice(PREFIX.length));
  if (input?.tagName !== 'INPUT') return false;
  setFieldValue(input as HTMLInputElement, req.token);
  return true;
}

export const imageModule: VendorModule = {
  // Image pairs come from the user, not from markup: any image may be one once a pair is remembered.
  sniff: (el) => el.tagName === 'IMG' || el.tagName === 'CANVAS',
  detect: detectImage,
  fill: fillImage,
};
