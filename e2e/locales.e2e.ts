// The options page in Arabic (issue 14): right-to-left, every section in Arabic words, nothing wider than
// the window — at a desktop width and a narrow one. (The popup in ar and ja: popup.e2e.ts.)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launch, ROOT } from './harness';

const OUT = join(ROOT, 'e2e/out');

describe('options page in ar', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch({ locale: 'ar', balance: 5 });
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(() => h?.close());

  it.each([1000, 420])('is right-to-left, in Arabic, and fits a %i px window', async (width) => {
    const page = await h.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(h.extensionUrl('options.html'));
    await page.getByRole('heading', { name: 'إعدادات AnySolver' }).waitFor();
    await page.getByRole('heading', { name: 'السجل' }).waitFor();
    expect(
      await page.evaluate(() => [
        document.documentElement.dir,
        document.documentElement.lang,
        document.title,
      ]),
    ).toEqual(['rtl', 'ar', 'إعدادات AnySolver']);
    const headings = await page.locator('h2').allTextContents();
    expect(headings.length).toBeGreaterThan(5);
    for (const text of headings) expect(text).toMatch(/[\u0600-\u06FF]/);
    // Labels start on the right in RTL: each field label's right edge sits at its card's right padding.
    const aligned = await page.evaluate(() => {
      const label = document.querySelector('label[for="opt-cap"]')!.getBoundingClientRect();
      const card = document.querySelector('#limits')!.getBoundingClientRect();
      return card.right - label.right;
    });
    expect(aligned).toBeGreaterThanOrEqual(0);
    expect(aligned).toBeLessThan(40);
    const overflow = await page.evaluate(() => {
      const root = document.scrollingElement!;
      const w = root.clientWidth;
      const out = [...document.querySelectorAll('main *')].filter((el) => {
        if (el.closest('.table-wrap')) return false; // the history table scrolls inside its own box
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.left < -1 || r.right > w + 1);
      });
      return { scroll: root.scrollWidth - root.clientWidth, out: out.map((el) => el.outerHTML.slice(0, 80)) };
    });
    expect(overflow).toEqual({ scroll: 0, out: [] });
    await page.screenshot({ path: join(OUT, `options-ar-${width}.png`), fullPage: true });
    await page.close();
  });
});
