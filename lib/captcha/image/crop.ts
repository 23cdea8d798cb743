/**
 * The pixels on screen: a `tabs.captureVisibleTab` screenshot cropped to an element's box (background,
 * OffscreenCanvas). The scale comes from the screenshot itself (its width over the viewport's), so the
 * device pixel ratio and the page zoom are both included.
 */

import { toBase64 } from './fetch-image';
import type { Box } from './locate';

/** The element's box in screenshot pixels, or null when it is not wholly inside the screenshot. */
export function cropBox(
  rect: Box,
  viewport: { width: number; height: number },
  shot: { width: number; height: number },
): Box | null {
  if (viewport.width <= 0 || viewport.height <= 0) return null;
  const sx = shot.width / viewport.width;
  const sy = shot.height / viewport.height;
  const box = {
    x: Math.round(rect.x * sx),
    y: Math.round(rect.y * sy),
    width: Math.round(rect.width * sx),
    height: Math.round(rect.height * sy),
  };
  const inside =
    box.x >= 0 &&
    box.y >= 0 &&
    box.width > 0 &&
    box.height > 0 &&
    box.x + box.width <= shot.width &&
    box.y + box.height <= shot.height;
  return inside ? box : null;
}

/** Crop a screenshot (a data: URL) to `rect` of a `viewport`; a PNG data URI, or null. */
export async function cropScreenshot(
  shot: string,
  rect: Box,
  viewport: { width: number; height: number },
): Promise<string | null> {
  const bitmap = await createImageBitmap(await (await fetch(shot)).blob());
  try {
    const box = cropBox(rect, viewport, bitmap);
    if (!box) return null;
    const canvas = new OffscreenCanvas(box.width, box.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.drawImage(bitmap, box.x, box.y, box.width, box.height, 0, 0, box.width, box.height);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return `data:image/png;base64,${toBase64(new Uint8Array(await blob.arrayBuffer()))}`;
  } finally {
    bitmap.close();
  }
}
