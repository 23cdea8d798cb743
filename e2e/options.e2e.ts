// The options page in real Chromium: key validation against the sandbox, settings stored for the
// background, history export, axe-core, and the screenshot in docs/.
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

  it('refuses a wrong key with the API error in words, then accepts the right one and shows the balance', async () => {
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

  it('has no axe-core violations, light and dark; screenshot for the docs', async () => {
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(page)).toEqual([]);
    }
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, 'options.png'), fullPage: true });
  });

  it('clears all data only after confirming', async () => {
    await page.getByRole('button', { name: 'Clear all data' }).click();
    await page.getByRole('button', { name: 'Yes, clear everything' }).click();
    await page.getByText('All data cleared.').waitFor();
    await page.getByText(/No client key saved yet/).waitFor();
  });
});
