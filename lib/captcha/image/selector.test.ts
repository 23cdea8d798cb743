// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { selectorFor } from './selector';

const parse = (html: string) =>
  new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');

const PAGE = `
<form id="login">
  <div><img src="/captcha.php?r=123" alt=""><input name="captcha"></div>
  <div><img src="/logo.png"><img src="/logo.png"></div>
  <input id="field-12345678" name="dup"><input name="dup">
  <p><span>a</span><span>b</span></p>
</form>
<img id="cap-1" src="https://cdn.site.test/captcha/x.jpg?t=9">
<div id="a1b2c3d4e5f6"><input></div>`;

describe('selectorFor', () => {
  it.each([
    ['a stable id', '#cap-1', '#cap-1'],
    ['a unique name', 'input[name="captcha"]', 'input[name="captcha"]'],
    [
      'an image by the path of its URL (the query changes per load)',
      'img[src^="/captcha.php"]',
      'img[src^="/captcha.php"]',
    ],
  ])('%s', (_name, find, expected) => {
    const doc = parse(PAGE);
    expect(selectorFor(doc.querySelector(find)!)).toBe(expected);
  });

  it('falls back to a path when ids look generated and names repeat', () => {
    const doc = parse(PAGE);
    const sel = selectorFor(doc.querySelector('#a1b2c3d4e5f6 input')!);
    expect(sel).not.toContain('a1b2c3d4e5f6');
    expect(doc.querySelector(sel)).toBe(doc.querySelector('#a1b2c3d4e5f6 input'));
  });

  it('every element of the page round-trips to itself, and only itself', () => {
    const doc = parse(PAGE);
    for (const el of doc.body.querySelectorAll('*')) {
      const sel = selectorFor(el);
      const hits = doc.querySelectorAll(sel);
      expect([sel, hits.length, hits[0] === el]).toEqual([sel, 1, true]);
    }
  });
});
