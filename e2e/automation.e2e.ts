// The automation path (docs/automation.md): a script opens the extension's setup page with a config in the
// URL hash and waits for its readiness title. Nobody opens the options page or clicks anything; a web page
// that tries the same gets nothing.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_KEY, type Harness, launch, recaptchaToken, until } from './harness';

/** A fresh profile given as `profile`: the rig then configures nothing (no key, no settings). */
const unconfigured = async () =>
  launch({ profile: await mkdtemp(join(tmpdir(), 'anysolver-auto-')), solveMs: 500 });

const setupUrl = (h: Harness, config: unknown) =>
  h.extensionUrl(`setup.html#${encodeURIComponent(JSON.stringify(config))}`);

/** Open the setup page and wait for its answer (the title leaves `anysolver:pending`). */
async function runSetup(
  h: Harness,
  url: string,
): Promise<{ page: Page; title: string; readiness: Record<string, unknown> }> {
  const page = await h.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.title !== 'anysolver:pending', null, { timeout: 20_000 });
  const readiness = JSON.parse((await page.textContent('#readiness')) ?? '{}');
  return { page, title: await page.title(), readiness };
}

/** Everything in storage.local, as one string (the key must never be in it). */
const allLocal = async (h: Harness) =>
  JSON.stringify(await (await h.worker()).evaluate(() => chrome.storage.local.get(null)));

describe('automation setup page', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('seeds key and settings with no clicks, answers ready with the balance, solves reCAPTCHA', async () => {
    h = await unconfigured();
    const opened: string[] = [];
    h.context.on('page', (p) => opened.push(p.url()));
    expect((await runSetup(h, h.extensionUrl('setup.html'))).title).toBe('anysolver:error:NO_KEY');

    const { page, title, readiness } = await runSetup(
      h,
      setupUrl(h, {
        clientKey: DEMO_KEY,
        settings: { endpoint: h.sandbox.url, polling: { firstDelayMs: 1000 }, showBadge: false },
      }),
    );
    expect(title).toBe('anysolver:ready');
    expect(readiness).toMatchObject({
      ready: true,
      key: { present: true, valid: true, managed: false },
      balance: 5,
      endpoint: h.sandbox.url.replace(/\/$/, ''),
      permissions: { granted: true, missing: [] },
      managed: [],
      ignored: [],
    });
    // The key is gone from the address bar (the history entry was replaced), and shown nowhere.
    expect(page.url()).toBe(h.extensionUrl('setup.html'));
    expect(await page.content()).not.toContain(DEMO_KEY);
    expect(await allLocal(h)).not.toContain(DEMO_KEY);
    expect((await h.storage('settings')).polling.firstDelayMs).toBe(1000);

    const captcha = await h.open('recaptcha/v2-checkbox.html');
    expect(await recaptchaToken(captcha)).toMatch(/\S{20,}/);
    expect(opened.some((u) => u.includes('options.html') || u.includes('popup.html'))).toBe(false);
  });

  it('refuses a bad config as a whole and names what was wrong; a refused key is not stored', async () => {
    h = await unconfigured();
    const before = await h.storage('settings');
    expect((await runSetup(h, h.extensionUrl('setup.html#not-json'))).title).toBe(
      'anysolver:error:INVALID_CONFIG',
    );

    const typo = await runSetup(
      h,
      setupUrl(h, {
        clientKey: DEMO_KEY,
        settings: { endpoint: h.sandbox.url, autoSolv: false, polling: { timeoutMs: 5 } },
      }),
    );
    expect(typo.title).toBe('anysolver:error:INVALID_CONFIG');
    expect(typo.readiness.invalid).toEqual(['autoSolv', 'polling.timeoutMs']);
    expect(await h.storage('settings')).toEqual(before);

    const wrong = await runSetup(
      h,
      setupUrl(h, { clientKey: 'anysolver_wrong_key_123', settings: { endpoint: h.sandbox.url } }),
    );
    expect(wrong.title).toBe('anysolver:error:ERROR_KEY_DOES_NOT_EXIST');
    expect(wrong.readiness).toMatchObject({
      ready: false,
      key: { present: false, valid: false },
      balance: null,
    });
    expect(await allLocal(h)).not.toContain('anysolver_wrong_key_123');
  });

  it('a web page cannot reach the setup page: iframe, window.open, link, navigation', async () => {
    h = await unconfigured();
    const evil = encodeURIComponent(
      JSON.stringify({
        clientKey: 'anysolver_attacker_key',
        settings: { endpoint: 'http://127.0.0.1:9', autoSubmit: true },
      }),
    );
    const page = await h.open(`hostile/setup-attempt.html?id=${h.extensionId}&cfg=${evil}`);
    await until(
      () => page.evaluate(() => (window as unknown as { __attempts: string[] }).__attempts.length >= 2),
      5000,
      'the attempts',
    );
    await page.click('#link').catch(() => undefined);
    await page
      .evaluate(() => (window as unknown as { __navigate(): void }).__navigate())
      .catch(() => undefined);
    await page.waitForTimeout(2000);
    // No page or frame ever ran the setup page's script (its title would have left "pending").
    for (const p of h.context.pages()) {
      for (const f of p.frames()) {
        if (!f.url().includes('setup.html')) continue;
        expect(await f.evaluate(() => document.title).catch(() => 'blocked')).not.toMatch(
          /^anysolver:(ready|error)/,
        );
      }
    }
    expect(h.sandbox.requests.length).toBe(0);
    const settings = await h.storage('settings');
    expect(settings?.endpoint).not.toBe('http://127.0.0.1:9');
    expect(settings?.autoSubmit ?? false).toBe(false);
    const status = await runSetup(h, h.extensionUrl('setup.html'));
    expect(status.title).toBe('anysolver:error:NO_KEY');
  });
});
