// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createImageSession } from './session';

function setup(html: string) {
  document.body.innerHTML = html;
  const life = new AbortController();
  let changes = 0;
  const s = createImageSession({
    doc: document,
    roots: () => [document],
    onChange: () => changes++,
    signal: life.signal,
  });
  return { s, life, changes: () => changes };
}

const FORM =
  '<form><input name="user"><img id="cap" src="https://site.test/captcha.php?r=7"><input name="code"></form>';

describe('image session', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('capture: finds the image by URL, infers the field, keeps the pair and asks for a detect pass', () => {
    const t = setup(FORM);
    expect(t.s.handle({ type: 'image:capture', srcUrl: 'https://site.test/captcha.php?r=7' })).toEqual({
      ok: true,
      pair: { img: '#cap', input: 'input[name="code"]' },
      widgetId: 'image:input[name="code"]',
    });
    expect(t.s.pairs()).toEqual([{ img: '#cap', input: 'input[name="code"]' }]);
    expect(t.changes()).toBe(1);
  });

  it.each([
    ['no-image', FORM, 'https://site.test/other.png'],
    ['no-field', '<div><img src="https://site.test/c.png"></div>', 'https://site.test/c.png'],
  ])('capture answers %s', (error, html, srcUrl) => {
    const t = setup(html);
    expect(t.s.handle({ type: 'image:capture', srcUrl })).toEqual({ ok: false, error });
    expect(t.s.pairs()).toEqual([]);
    expect(t.changes()).toBe(0);
  });

  it('image:pairs: keeps well-formed pairs in order, drops junk, and rescans', () => {
    const t = setup(FORM);
    const pairs = [{ img: '#a', input: '#b' }, { img: 1 }, null, { img: '#c', input: '#d' }];
    expect(t.s.handle({ type: 'image:pairs', pairs })).toBe(true);
    expect(t.s.pairs()).toEqual([
      { img: '#a', input: '#b' },
      { img: '#c', input: '#d' },
    ]);
    expect(t.changes()).toBe(1);
  });

  it('rescans when an image loads once pairs exist, and not after the signal aborts', () => {
    const t = setup(FORM);
    const img = document.querySelector('img')!;
    img.dispatchEvent(new Event('load'));
    expect(t.changes()).toBe(0); // no pairs: nothing to look for
    t.s.handle({ type: 'image:pairs', pairs: [{ img: '#cap', input: '#x' }] });
    img.dispatchEvent(new Event('load'));
    expect(t.changes()).toBe(2);
    t.life.abort();
    img.dispatchEvent(new Event('load'));
    expect(t.changes()).toBe(2);
  });

  it('ignores other messages', () => {
    const t = setup(FORM);
    expect(t.s.handle({ type: 'scan' })).toBeUndefined();
    expect(t.s.handle({ type: 'image:capture' })).toBeUndefined();
    expect(t.s.handle({ type: 'image:pairs', pairs: 'x' })).toBeUndefined();
  });
});
