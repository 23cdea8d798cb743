import { describe, expect, it } from 'vitest';
import { cropBox } from './crop';

describe('cropBox', () => {
  const viewport = { width: 1000, height: 800 };
  it('scales by the screenshot itself (device pixel ratio 2, or a zoom)', () => {
    expect(
      cropBox({ x: 10.4, y: 20, width: 120, height: 40 }, viewport, { width: 2000, height: 1600 }),
    ).toEqual({ x: 21, y: 40, width: 240, height: 80 });
    expect(cropBox({ x: 10, y: 20, width: 120, height: 40 }, viewport, { width: 1000, height: 800 })).toEqual(
      { x: 10, y: 20, width: 120, height: 40 },
    );
  });
  it('refuses a box partly off screen', () => {
    expect(
      cropBox({ x: 950, y: 20, width: 120, height: 40 }, viewport, { width: 1000, height: 800 }),
    ).toBeNull();
    expect(
      cropBox({ x: -1, y: 20, width: 120, height: 40 }, viewport, { width: 1000, height: 800 }),
    ).toBeNull();
  });
});
