// A first run in Firefox ESR, through the UI: no key saved, a wrong endpoint; the user types the key and
// the sandbox's endpoint into the options page and presses Save; the options page and then the popup
// (popup.html opened as a page) show the sandbox's balance. With that key, a Cloudflare Turnstile fixture is
// solved: the frame agent runs in the imitated challenges.cloudflare.com frame, completes the widget with
// Turnstile's own message, and Turnstile fills cf-turnstile-response and calls the site's callback.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEY, type FirefoxHarness, firefoxSkipReason, launch, SITE, until } from './rig.mjs';

const skip = firefoxSkipReason();
if (skip) console.warn(skip);

const BALANCE = '$7.25';
const TURNSTILE_KEY = '0x4AAAAAAAImplicitKey01';

/** The text of the page's balance line once it shows `text` (the page renders it asynchronously). */
const balanceShows = (page: Page, text: string) =>
  until(
    () =>
      page
        .evaluate((t: string) => document.querySelector('.balance-value')?.textContent === t, text)
        .catch(() => false),
    15_000,
    `the balance ${text}`,
  );

describe.skipIf(skip)('Firefox: first run through the UI, then Turnstile', () => {
  let h: FirefoxHarness;
  beforeAll(async () => {
    // Nothing on port 9: the saved endpoint answers nothing until the user types the sandbox's.
    h = await launch({
      key: null,
      balance: 7.25,
      solveMs: 800,
      settings: { endpoint: 'http://127.0.0.1:9/' },
    });
  });
  afterAll(() => h?.close());

  it('options page: key and endpoint typed and saved; options and popup show the balance', async () => {
    const options = await h.extensionPage('options.html');
    await options.waitForSelector('#opt-key');
    expect(await options.$eval('#opt-endpoint', (e) => (e as HTMLInputElement).value)).toBe(
      'http://127.0.0.1:9/',
    );
    // Real key presses (WebDriver BiDi input actions), as a user types.
    await options.click('#opt-endpoint', { count: 3 });
    await options.keyboard.type(h.sandbox.url);
    await options.type('#opt-key', DEMO_KEY);
    await options.click('form.key-form button[type="submit"]');
    await balanceShows(options, BALANCE);
    expect(
      await options.$eval('#opt-key', (e) => (e as HTMLInputElement).value),
      'the field is emptied',
    ).toBe('');
    expect(
      h.sandbox.requests.filter((r: { path: string }) => r.path === '/getBalance').length,
    ).toBeGreaterThan(0);
    // What the form stored: the key in the extension's IndexedDB, the endpoint in the settings.
    expect(await h.storedKey()).toBe(DEMO_KEY);
    expect((await h.storage('settings')).endpoint).toBe(h.sandbox.url);

    const popup = await h.extensionPage('popup.html');
    await balanceShows(popup, BALANCE);
    expect(await popup.$('#popup-key'), 'no key form once a key is saved').toBeNull();
    await popup.close();
    await options.close();
  });

  it('Turnstile: createTask from its frame, cf-turnstile-response, callback, getResponse()', async () => {
    const page = await h.open('turnstile/implicit.html');
    const task = await h.taskFor(TURNSTILE_KEY);
    expect(task).toMatchObject({
      type: 'TurnstileTokenProxyLess',
      websiteURL: `${SITE}/turnstile/implicit.html`,
    });
    // The imitated challenge frame came through the proxy: that is where the frame agent ran.
    expect(
      h.proxy.served('https://challenges.cloudflare.com/cdn-cgi/challenge-platform/').length,
    ).toBeGreaterThan(0);
    const token = await until(
      () => page.evaluate(() => (window as unknown as { __calls: string[] }).__calls[0]),
      20_000,
      'the callback',
    );
    expect(token).toMatch(new RegExp(`^sandbox\\.[^.]+\\.${TURNSTILE_KEY}\\.`));
    expect(
      await page.evaluate(() => {
        const w = window as unknown as {
          __calls: string[];
          __turnstileBefore: string;
          turnstile: { getResponse(): string };
        };
        return {
          fields: [...document.querySelectorAll<HTMLInputElement>('input[type="hidden"]')].map((i) => [
            i.name,
            i.value,
          ]),
          calls: w.__calls,
          before: w.__turnstileBefore,
          response: w.turnstile.getResponse(),
        };
      }),
    ).toEqual({
      fields: [['cf-turnstile-response', token]],
      calls: [token],
      before: 'undefined',
      response: token,
    });
    expect(h.createdTasks().filter((b) => b.task?.websiteKey === TURNSTILE_KEY)).toHaveLength(1);
    await page.close();
  });
});
