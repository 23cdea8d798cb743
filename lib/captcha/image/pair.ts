/** Build the pair remembered for a site when the user picks "Solve this image captcha" on an image. */
import type { ImagePair } from '../vendor';
import { inferAnswerField } from './answer-field';
import { selectorFor } from './selector';

/** The loaded image in `root` whose URL is `srcUrl` (the context menu's `srcUrl`), or null. */
export function findImageBySrc(root: ParentNode, srcUrl: string): HTMLImageElement | null {
  for (const img of root.querySelectorAll('img')) {
    if (img.currentSrc === srcUrl || img.src === srcUrl) return img;
  }
  return null;
}

/** The image/answer-field pair for `img`, or null when no answer field can be inferred. */
export function imagePairFor(img: Element): ImagePair | null {
  const input = inferAnswerField(img);
  return input ? { img: selectorFor(img), input: selectorFor(input) } : null;
}
