/**
 * Turn an image captcha into the `data:image/png;base64,…` URI a TextRecognition task takes, by drawing
 * it on a canvas. A cross-origin image taints the canvas (toDataURL throws): then the answer is null and
 * the background fetches the image's URL itself with the extension's host permissions, as peers do.
 */

/** The image now, if it is loaded and readable; null when not loaded yet or cross-origin (tainted). */
export function captureImageSync(el: HTMLImageElement | HTMLCanvasElement): string | null {
  try {
    if (el.tagName === 'CANVAS') return (el as HTMLCanvasElement).toDataURL('image/png');
    const img = el as HTMLImageElement;
    if (!img.complete || img.naturalWidth === 0 || img.naturalHeight === 0) return null;
    const canvas = img.ownerDocument.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.drawImage(img, 0, 0);
    const uri = canvas.toDataURL('image/png');
    return uri.startsWith('data:image/png;base64,') ? uri : null;
  } catch {
    // SecurityError: a cross-origin image tainted the canvas.
    return null;
  }
}

/**
 * Wait (at most `timeoutMs`) for the image to load, then capture it; null for cross-origin or broken images.
 */
export function captureImage(img: HTMLImageElement, timeoutMs = 5000): Promise<string | null> {
  if (img.complete) return Promise.resolve(captureImageSync(img));
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      img.removeEventListener('load', done);
      img.removeEventListener('error', done);
      resolve(captureImageSync(img));
    };
    const timer = setTimeout(done, timeoutMs);
    img.addEventListener('load', done);
    img.addEventListener('error', done);
  });
}
