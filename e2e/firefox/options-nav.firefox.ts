// The options page's section navigation in Firefox ESR (the built Firefox MV3 extension): a URL hash
// opens at its section, highlighted; a link moves focus to its section's heading and names it in the
// URL; right to left, the sidebar moves to the other side. The full behaviour is tested in Chromium
// (e2e/options.e2e.ts); this checks the browser-dependent parts (scrolling, logical CSS) here too.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxHarness, firefoxSkipReason, launch, until } from './rig.mjs';

const skip = firefoxSkipReason();
if (skip) console.warn(skip);

/** The section links marked current, by name. */
const currentSections = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('nav a[aria-current="true"]')].map((a) => a.textContent));

/** An element's box in the window, and the window's height. */
const rectOf = (page: Page, id: string) =>
  page.evaluate((id) => {
    const r = document.getElementById(id)!.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: innerHeight };
  }, id);

describe.skipIf(skip)('Firefox: options section navigation', () => {
  let h: FirefoxHarness;
  beforeAll(async () => {
    h = await launch({ balance: 2 });
  });
  afterAll(() => h?.close());

  it('options.html#history opens at History, highlighted', async () => {
    const page = await h.extensionPage('options.html#history');
    await until(
      async () => {
        const r = await rectOf(page, 'history-h').catch(() => null);
        return r && r.top >= 0 && r.bottom <= r.height;
      },
      10_000,
      'History heading in view',
    );
    expect(await currentSections(page)).toEqual(['History']);
    await page.close();
  });

  it('a link focuses its heading, names it in the URL, no history entry; RTL mirrors', async () => {
    const page = await h.extensionPage('options.html');
    await until(() => page.evaluate(() => !!document.getElementById('data-h')), 10_000, 'all sections');
    const entries = await page.evaluate(() => history.length);
    await page.focus('nav a[href="#polling"]');
    await page.keyboard.press('Enter');
    await until(
      () => page.evaluate(() => document.activeElement?.id === 'polling-h'),
      5000,
      'Polling heading focused',
    );
    await until(
      async () => {
        const r = await rectOf(page, 'polling');
        return r.top >= 0 && r.top < 40;
      },
      5000,
      'Polling at the top',
    );
    expect(await currentSections(page)).toEqual(['Polling']);
    expect(await page.evaluate(() => location.hash)).toBe('#polling');
    expect(await page.evaluate(() => history.length)).toBe(entries);

    const ltr = await rectOf(page, 'section-nav-list');
    expect(ltr.right).toBeLessThanOrEqual((await rectOf(page, 'polling')).left);
    await page.evaluate(() => {
      document.documentElement.dir = 'rtl';
    });
    const rtl = await rectOf(page, 'section-nav-list');
    expect(rtl.left).toBeGreaterThanOrEqual((await rectOf(page, 'polling')).right);
    await page.close();
  });
});
