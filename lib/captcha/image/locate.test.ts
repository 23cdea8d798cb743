// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { locateImage } from './locate';

const PAIR = { img: '#cap', input: 'input[name="code"]' };
const ID = 'image:input[name="code"]';

/** A page whose image sits at (10, 20) 120×40; `top` is what the screen shows at every point. */
function page(html = '', top?: (doc: Document) => Element | null) {
  document.body.innerHTML = `<img id="cap" src="https://cdn.test/c.png?r=1"><input name="code">${html}`;
  const img = document.querySelector('#cap')!;
  const box = (x: number, y: number, w: number, h: number) => () => new DOMRect(x, y, w, h);
  img.getBoundingClientRect = box(10, 20, 120, 40);
  Object.defineProperty(img, 'currentSrc', { configurable: true, value: 'https://cdn.test/c.png?r=2' });
  for (const f of document.querySelectorAll('iframe')) f.getBoundingClientRect = box(100, 30, 300, 200);
  document.elementFromPoint = () => (top ? top(document) : img);
  return img;
}

describe('locateImage', () => {
  it('reports the URL the browser shows, the box, and that the image is what is on screen', () => {
    page();
    expect(locateImage([document], [PAIR], ID, window)).toEqual({
      ok: true,
      src: 'https://cdn.test/c.png?r=2',
      rect: { x: 10, y: 20, width: 120, height: 40 },
      viewport: { width: window.innerWidth, height: window.innerHeight },
      unobstructed: true,
    });
  });

  it('a frame over any part of the image, or another element on top, makes it obstructed', () => {
    page('<iframe src="https://victim.test/"></iframe>');
    expect(locateImage([document], [PAIR], ID, window)).toMatchObject({ ok: true, unobstructed: false });
    page('<div id="over"></div>', (doc) => doc.querySelector('#over'));
    expect(locateImage([document], [PAIR], ID, window)).toMatchObject({ ok: true, unobstructed: false });
  });

  it('nothing for an unknown widget or a missing image', () => {
    page();
    expect(locateImage([document], [PAIR], 'image:other', window)).toEqual({ ok: false });
    expect(locateImage([document], [{ ...PAIR, img: '#nope' }], ID, window)).toEqual({ ok: false });
  });
});
