// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { DetectEnv, ImagePair } from '../vendor';
import { detectImage, fillImage, imageModule } from './module';
import { findImageBySrc, imagePairFor } from './pair';

/** happy-dom never loads images: mark them loaded (a real cross-origin image is loaded but unreadable). */
const parse = (html: string, loaded = true) => {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  for (const img of doc.querySelectorAll('img')) {
    Object.defineProperty(img, 'complete', { value: loaded });
    Object.defineProperty(img, 'naturalWidth', { value: loaded ? 120 : 0 });
    // What a browser shows (resolved against the page; happy-dom resolves against its own window).
    Object.defineProperty(img, 'currentSrc', {
      configurable: true,
      value: loaded ? new URL(img.getAttribute('src') ?? '', 'https://site.test/form.html').href : '',
    });
  }
  return doc;
};
const env = (imagePairs?: ImagePair[]): DetectEnv => ({
  href: 'https://site.test/form.html',
  title: 'Form',
  facts: new Map(),
  ...(imagePairs ? { imagePairs } : {}),
});
const PAGE =
  '<form><img src="/captcha.php?r=1" alt="code"><input name="captcha"><canvas id="cv"></canvas></form>';

describe('imageModule', () => {
  it('waits until the image has loaded', () => {
    const pairs = [{ img: 'img', input: 'input[name="captcha"]' }];
    expect(detectImage(parse(PAGE, false), env(pairs))).toEqual([]);
  });

  it(
    'detects a remembered pair; without a readable image ' + 'it passes the URL for the background to fetch',
    () => {
      const ws = detectImage(
        parse(PAGE),
        env([{ img: 'img[src^="/captcha.php"]', input: 'input[name="captcha"]' }]),
      );
      expect(ws).toEqual([
        {
          widgetId: 'image:input[name="captcha"]',
          kind: 'image-text',
          websiteKey: '',
          visible: true,
          extra: { src: 'https://site.test/captcha.php?r=1' },
        },
      ]);
    },
  );

  it('reports the URL the browser shows (srcset), not the src attribute', () => {
    const doc = parse(
      '<form><img src="/decoy.png" srcset="/captcha.php?r=2 2x"><input name="captcha"></form>',
    );
    Object.defineProperty(doc.querySelector('img')!, 'currentSrc', {
      value: 'https://site.test/captcha.php?r=2',
    });
    const [w] = detectImage(doc, env([{ img: 'img', input: 'input[name="captcha"]' }]));
    expect(w?.extra).toEqual({ src: 'https://site.test/captcha.php?r=2' });
  });

  it.each<[string, ImagePair[] | undefined]>([
    ['no pairs for this site', undefined],
    ['the image is gone', [{ img: '#nope', input: 'input[name="captcha"]' }]],
    ['the answer field is not an input', [{ img: 'img', input: 'form' }]],
    ['a stored selector that does not parse', [{ img: 'img[', input: 'input' }]],
  ])('nothing when %s', (_name, pairs) => {
    expect(detectImage(parse(PAGE), env(pairs))).toEqual([]);
  });

  it('fill types the answer, firing input and change', () => {
    const doc = parse(PAGE);
    const seen: string[] = [];
    doc.addEventListener('input', () => seen.push('input'));
    doc.addEventListener('change', () => seen.push('change'));
    const req = {
      widgetId: 'image:input[name="captcha"]',
      kind: 'image-text' as const,
      token: 'x7Kp',
      autoSubmit: false,
    };
    expect(fillImage(doc, req)).toBe(true);
    expect(doc.querySelector('input')!.value).toBe('x7Kp');
    expect(seen).toEqual(['input', 'change']);
    expect(fillImage(doc, { ...req, widgetId: 'image:#gone' })).toBe(false);
    expect(fillImage(doc, { ...req, widgetId: 'turnstile:x' })).toBe(false);
  });

  it('the context-menu flow: image by URL → pair of selectors that detect finds again', () => {
    const doc = parse(
      '<form><input name="user"><img src="https://site.test/captcha.php?r=1"><input name="captcha"></form>',
    );
    expect(findImageBySrc(doc, 'https://site.test/other.png')).toBeNull();
    const img = findImageBySrc(doc, 'https://site.test/captcha.php?r=1');
    expect(img).toBe(doc.querySelector('img'));
    const pair = imagePairFor(img!);
    expect(pair).toEqual({
      img: 'img[src^="https://site.test/captcha.php"]',
      input: 'input[name="captcha"]',
    });
    expect(detectImage(doc, env([pair!])).map((w) => w.widgetId)).toEqual(['image:input[name="captcha"]']);
  });

  it('sniffs images and canvases only', () => {
    const doc = parse(PAGE);
    expect(
      [...doc.body.querySelectorAll('*')].filter((el) => imageModule.sniff(el)).map((el) => el.tagName),
    ).toEqual(['IMG', 'CANVAS']);
  });
});
