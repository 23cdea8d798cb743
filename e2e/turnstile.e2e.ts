// Cloudflare Turnstile end to end: the built extension in Chromium, the offline imitation of Turnstile's
// loader (e2e/fixtures/vendor/challenges.cloudflare.com/turnstile/v0/api.js: closed shadow root, refuses to
// load if window.turnstile exists), the sandbox API. Each page checks the createTask fields, the token in
// every response field, the site's callback (which no studied peer calls), and turnstile.getResponse().
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPushed, type Harness, launch, recaptchaTasksFrom, SITE } from './harness';

type PageWin = Window & {
  __calls: string[];
  __widgetId: string;
  __turnstileBefore: string;
  turnstile: { getResponse(id?: string): string };
  grecaptcha?: { getResponse(id?: string): string };
};

describe('Turnstile', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch({ solveMs: 800 });
  });
  afterAll(() => h?.close());

  const inputs = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('input[type="hidden"]')].map((i) => [i.name, i.value]),
    );

  it('implicit: turnstile untouched before api.js, closed shadow root, Turnstile’s callback', async () => {
    const page = await h.open('turnstile/implicit.html');
    const task = await h.taskFor('0x4AAAAAAAImplicitKey01');
    expect(task).toMatchObject({
      type: 'TurnstileTokenProxyLess',
      websiteURL: `${SITE}/turnstile/implicit.html`,
    });
    const token = await firstPushed(page);
    expect(await inputs(page)).toEqual([['cf-turnstile-response', token]]);
    expect(
      await page.evaluate(() => {
        const w = window as unknown as PageWin;
        return [w.__turnstileBefore, w.turnstile.getResponse(), document.querySelectorAll('iframe').length];
      }),
    ).toEqual(['undefined', token, 0]);
    await page.close();
  });

  it('explicit render with action and cData: pageAction and data in the task, callback called', async () => {
    const page = await h.open('turnstile/explicit.html');
    const task = await h.taskFor('0x4AAAAAAAExplicitKey02');
    expect(task).toMatchObject({ type: 'TurnstileTokenProxyLess', pageAction: 'login', data: 'session-42' });
    const token = await firstPushed(page);
    expect(await inputs(page)).toEqual([['cf-turnstile-response', token]]);
    expect(
      await page.evaluate(() => {
        const w = window as unknown as PageWin;
        return w.turnstile.getResponse(w.__widgetId);
      }),
    ).toBe(token);
    await page.close();
  });

  it('compat=recaptcha: grecaptcha is turnstile, both inputs filled, solved as Turnstile only', async () => {
    const page = await h.open('turnstile/compat.html');
    const task = await h.taskFor('1x00000000000000000000AA');
    expect(task.type).toBe('TurnstileTokenProxyLess');
    const token = await firstPushed(page);
    expect(await inputs(page)).toEqual([
      ['cf-turnstile-response', token],
      ['g-recaptcha-response', token],
    ]);
    expect(
      await page.evaluate(() => {
        const w = window as unknown as PageWin;
        return [w.grecaptcha === (w.turnstile as unknown), w.grecaptcha?.getResponse()];
      }),
    ).toEqual([true, token]);
    expect(recaptchaTasksFrom(h, '/turnstile/')).toEqual([]);
    await page.close();
  });
});
