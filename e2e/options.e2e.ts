// The options page in real Chromium: key validation against the sandbox, settings stored for the
// background, history export, the section navigation (wide sidebar, narrow menu, URL hash, keyboard),
// axe-core light/dark/right-to-left, and the screenshots in docs/.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEY, type Harness, launch, ROOT, until } from './harness';

/** The bits of the extension API these tests call inside the service worker (evaluated there, not here). */
interface StoredSettings {
  autoSubmit?: boolean;
  showBadge?: boolean;
  polling?: { intervalMs?: number };
}
declare const chrome: {
  storage: {
    local: {
      get(key: string | null): Promise<{ settings?: StoredSettings } & Record<string, unknown>>;
      set(items: object): Promise<void>;
    };
  };
};

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
// Screenshots refresh docs/ only when asked (UPDATE_SCREENSHOTS=1), so a test run leaves the tree clean.
const DOCS = join(ROOT, process.env.UPDATE_SCREENSHOTS ? 'docs' : 'e2e/out');

async function axeViolations(page: Page): Promise<string[]> {
  // addScriptTag adds an inline <script>, which the extension pages' CSP (script-src 'self') blocks;
  // evaluating the source through the DevTools protocol is not subject to the page's CSP.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const result = await (window as any).axe.run(document);
    if (!result.passes.length) throw new Error('axe checked nothing');
    return (result.violations as Array<{ id: string; nodes: Array<{ target: string[] }> }>).map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}

const SECTIONS = [
  'Account',
  'Solving',
  'Routing',
  'Polling',
  'Spending and rate limits',
  'Site rules',
  'History',
  'Your data',
];

/** Where an element is in the window (CSS pixels), and the window's height. */
function rectOf(page: Page, id: string) {
  return page.evaluate((id) => {
    const r = document.getElementById(id)!.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: innerHeight };
  }, id);
}

/** The section links marked current, by name. */
async function currentSections(page: Page): Promise<string[]> {
  return page
    .getByRole('navigation', { name: 'Sections' })
    .locator('a[aria-current="true"]')
    .allTextContents();
}

/** The page has stopped scrolling (a wheel during a smooth scroll is lost to it). */
async function scrollSettled(page: Page): Promise<boolean> {
  const y = await page.evaluate(() => scrollY);
  await page.waitForTimeout(150);
  return y === (await page.evaluate(() => scrollY));
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

/** A fresh options page at `hash`, with every section rendered. */
async function openOptions(h: Harness, hash = '', viewport = { width: 1000, height: 800 }): Promise<Page> {
  const p = await h.context.newPage();
  await p.setViewportSize(viewport);
  await p.goto(h.extensionUrl(`options.html${hash}`));
  await p.getByRole('heading', { name: 'Your data' }).waitFor();
  return p;
}

describe('options page', () => {
  let h: Harness;
  let page: Page;
  beforeAll(async () => {
    h = await launch({ key: null, balance: 3.5 });
    page = await h.context.newPage();
    await page.goto(h.extensionUrl('options.html'));
    await page.getByLabel('Client key').waitFor();
  });
  afterAll(() => h?.close());

  it('refuses a wrong key with the API error in words, accepts the right one, balance', async () => {
    await page.getByLabel('API endpoint').fill(h.sandbox.url);
    await page.getByLabel('Client key').fill('anysolver_not_a_real_key');
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/key/i);

    await page.getByLabel('Client key').fill(DEMO_KEY);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('$3.50').waitFor();
    // The key is stored by the background in IndexedDB, never in storage.local.
    const sw = await h.worker();
    expect(JSON.stringify(await sw.evaluate(() => chrome.storage.local.get(null)))).not.toContain(DEMO_KEY);
  });

  it('stores a changed setting where the background reads it', async () => {
    await page.getByRole('switch', { name: 'Submit the form after solving' }).check();
    await page.getByLabel('Then every (seconds)').fill('2');
    await page.getByLabel('Then every (seconds)').press('Tab');
    const sw = await h.worker();
    const stored = await until(
      () =>
        sw.evaluate(async () => {
          const s = (await chrome.storage.local.get('settings')).settings;
          return s?.autoSubmit === true && s?.polling?.intervalMs === 2000 ? s : null;
        }),
      5000,
      'settings stored',
    );
    expect(stored.autoSubmit).toBe(true);
  });

  it('follows a change made elsewhere without a reload', async () => {
    const sw = await h.worker();
    await sw.evaluate(async () => {
      const s = (await chrome.storage.local.get('settings')).settings ?? {};
      await chrome.storage.local.set({ settings: { ...s, showBadge: false } });
    });
    await until(
      () =>
        page
          .getByRole('switch', { name: 'Show a status badge next to each captcha' })
          .isChecked()
          .then((c) => !c),
      5000,
      'badge switch off',
    );
  });

  it('exports settings as a download, without the key', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export settings' }).click(),
    ]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'anysolver-settings', settings: { autoSubmit: true } });
    expect(text).not.toContain(DEMO_KEY);
  });

  it('wide: a sidebar links every section; options.html#history opens at History, highlighted', async () => {
    const p = await openOptions(h, '#history');
    const nav = p.getByRole('navigation', { name: 'Sections' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(SECTIONS);
    expect(await nav.getByRole('link', { name: 'History' }).getAttribute('href')).toBe('#history');
    expect(await nav.getByRole('button').isVisible()).toBe(false);
    await until(
      async () => {
        const r = await rectOf(p, 'history-h');
        return r.top >= 0 && r.bottom <= r.height;
      },
      5000,
      'History heading in view',
    );
    expect(await currentSections(p)).toEqual(['History']);
    // The sidebar stays in view beside the cards (at the inline start: left here).
    const navBox = await rectOf(p, 'section-nav-list');
    const card = await rectOf(p, 'history');
    expect(navBox.top).toBeGreaterThanOrEqual(0);
    expect(navBox.top).toBeLessThan(60);
    expect(navBox.right).toBeLessThanOrEqual(card.left);
    await p.close();
  });

  it('wide: Tab to the links, Enter focuses the heading; highlight and hash follow scroll', async () => {
    const p = await openOptions(h);
    const entries = await p.evaluate(() => history.length);
    await p.keyboard.press('Tab');
    expect(await focusedText(p)).toBe('Account');
    for (let i = 0; i < 5; i++) await p.keyboard.press('Tab');
    expect(await focusedText(p)).toBe('Site rules');
    // A visible focus ring on the link.
    expect(
      await p.evaluate(() => {
        const s = getComputedStyle(document.activeElement!);
        return `${s.outlineStyle} ${s.outlineWidth}`;
      }),
    ).toBe('solid 2px');
    await p.keyboard.press('Enter');
    await until(async () => (await focusedId(p)) === 'sites-h', 5000, 'Site rules heading focused');
    await until(
      async () => {
        const r = await rectOf(p, 'sites');
        return r.top >= 0 && r.top < 40 && (await scrollSettled(p));
      },
      5000,
      'Site rules at the top',
    );
    expect(await currentSections(p)).toEqual(['Site rules']);
    expect(await p.evaluate(() => location.hash)).toBe('#sites');

    // Scrolling by the wheel: the section whose top crosses the upper third becomes current.
    await p.mouse.move(600, 400);
    const delta = (await rectOf(p, 'limits')).top - 100;
    await p.mouse.wheel(0, delta);
    await until(
      async () => (await currentSections(p))[0] === 'Spending and rate limits',
      5000,
      'Limits current',
    );
    await until(async () => (await p.evaluate(() => location.hash)) === '#limits', 5000, 'hash #limits');
    await p.mouse.wheel(0, 100_000);
    await until(async () => (await currentSections(p))[0] === 'Your data', 5000, 'the last section current');
    expect(await p.evaluate(() => location.hash)).toBe('#data');
    await p.mouse.wheel(0, -100_000);
    await until(async () => (await currentSections(p))[0] === 'Account', 5000, 'Account current at the top');
    expect(await p.evaluate(() => location.hash)).toBe('#account');
    expect(await p.evaluate(() => history.length)).toBe(entries);
    await p.close();
  });

  it('narrow: a menu button opens the section list by keyboard; sections below the bar', async () => {
    const p = await openOptions(h, '', { width: 480, height: 800 });
    const nav = p.getByRole('navigation', { name: 'Sections' });
    const toggle = nav.getByRole('button', { name: 'Sections Account' });
    expect(await toggle.isVisible()).toBe(true);
    expect(await nav.getByRole('link', { name: 'History' }).isVisible()).toBe(false);
    await p.keyboard.press('Tab');
    expect(await focusedText(p)).toBe('Sections Account');
    await p.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await nav.getByRole('link', { name: 'History' }).isVisible()).toBe(true);
    for (const scheme of ['dark', 'light'] as const) {
      await p.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(p)).toEqual([]);
    }
    mkdirSync(DOCS, { recursive: true });
    await p.screenshot({ path: join(DOCS, 'options-narrow.png') });
    await p.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await focusedText(p)).toBe('Sections Account');

    await p.keyboard.press('Space');
    for (let i = 0; i < 7; i++) await p.keyboard.press('Tab');
    expect(await focusedText(p)).toBe('History');
    await p.keyboard.press('Enter');
    await until(async () => (await focusedId(p)) === 'history-h', 5000, 'History heading focused');
    expect(await nav.getByRole('button').getAttribute('aria-expanded')).toBe('false');
    expect(await nav.getByRole('button').textContent()).toBe('Sections History');
    // Scrolled so the heading sits just below the sticky menu bar, not under it.
    await until(
      async () => {
        const bar = await p.evaluate(
          () => document.querySelector('.section-nav')!.getBoundingClientRect().bottom,
        );
        const r = await rectOf(p, 'history-h');
        return r.top >= bar && r.top < bar + 80;
      },
      5000,
      'History heading just below the bar',
    );
    expect(await p.evaluate(() => location.hash)).toBe('#history');
    // Tabbing out of an open menu closes it.
    await nav.getByRole('button').focus();
    await p.keyboard.press('Enter');
    for (let i = 0; i < SECTIONS.length + 1; i++) await p.keyboard.press('Tab');
    expect(await focusedText(p)).not.toBe('Your data');
    expect(await nav.getByRole('button').getAttribute('aria-expanded')).toBe('false');
    await p.close();
  });

  it('has no axe-core violations, light, dark and right-to-left; screenshot for the docs', async () => {
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(page)).toEqual([]);
    }
    mkdirSync(DOCS, { recursive: true });
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: join(DOCS, 'options.png'), fullPage: true });

    // Right to left (as an Arabic UI sets it): the sidebar moves to the right of the cards.
    await page.evaluate(() => {
      document.documentElement.dir = 'rtl';
    });
    expect(await axeViolations(page)).toEqual([]);
    const nav = await rectOf(page, 'section-nav-list');
    const card = await rectOf(page, 'account');
    expect(nav.left).toBeGreaterThanOrEqual(card.right);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page)).toEqual([]);
    mkdirSync(join(ROOT, 'e2e/out'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'e2e/out/options-rtl-dark.png') });
    await page.evaluate(() => {
      document.documentElement.dir = '';
    });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('clears all data only after confirming', async () => {
    await page.getByRole('button', { name: 'Clear all data' }).click();
    await page.getByRole('button', { name: 'Yes, clear everything' }).click();
    await page.getByText('All data cleared.').waitFor();
    await page.getByText(/No client key saved yet/).waitFor();
  });
});
