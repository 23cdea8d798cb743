import { describe, expect, it } from 'vitest';
import { captureImage, captureImageSync } from './capture';

const PNG = `data:image/png;base64,${'A'.repeat(200)}`;

/** An <img> stand-in whose canvas answers like Chromium's does (happy-dom has no 2D canvas). */
function fakeImg(o: { complete?: boolean; width?: number; toDataURL?: () => string }) {
  const drawn: unknown[] = [];
  const canvas = {
    width: 0,
    height: 0,
    getContext: () => ({ drawImage: (img: unknown) => drawn.push(img) }),
    toDataURL: o.toDataURL ?? (() => PNG),
  };
  const listeners = new Map<string, () => void>();
  const img = {
    tagName: 'IMG',
    complete: o.complete ?? true,
    naturalWidth: o.width ?? 120,
    naturalHeight: 40,
    ownerDocument: { createElement: () => canvas },
    addEventListener: (t: string, f: () => void) => listeners.set(t, f),
    removeEventListener: (t: string) => listeners.delete(t),
  };
  return {
    img: img as unknown as HTMLImageElement,
    canvas,
    drawn,
    fire: (t: string) => listeners.get(t)?.(),
  };
}

describe('captureImageSync', () => {
  it('draws a loaded image at its natural size and returns the PNG data URI', () => {
    const { img, canvas, drawn } = fakeImg({});
    expect(captureImageSync(img)).toBe(PNG);
    expect([canvas.width, canvas.height, drawn.length]).toEqual([120, 40, 1]);
  });

  it.each([
    ['not loaded yet', { complete: false }],
    ['broken (no pixels)', { width: 0 }],
    [
      'cross-origin (tainted canvas throws)',
      {
        toDataURL: () => {
          throw new DOMException('Tainted canvases may not be exported.', 'SecurityError');
        },
      },
    ],
    ['canvas answers something else', { toDataURL: () => 'data:,' }],
  ])('null when %s', (_name, o) => {
    expect(captureImageSync(fakeImg(o).img)).toBeNull();
  });
});

describe('captureImage', () => {
  it('waits for the load event, then captures', async () => {
    const f = fakeImg({ complete: false });
    const p = captureImage(f.img);
    (f.img as unknown as { complete: boolean }).complete = true;
    f.fire('load');
    await expect(p).resolves.toBe(PNG);
  });

  it('resolves null when the image fails to load', async () => {
    const f = fakeImg({ complete: false });
    const p = captureImage(f.img);
    f.fire('error');
    await expect(p).resolves.toBeNull();
  });
});
