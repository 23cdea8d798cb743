// hCaptcha end to end: the built extension in Chromium, the offline imitation of hCaptcha's loader and
// frames (e2e/fixtures/vendor/js.hcaptcha.com/1/api.js, newassets.hcaptcha.com/…/hcaptcha.html), the
// sandbox API. The extension's frame agent in the challenge frame completes the widget through
// hCaptcha's own chat ('challenge-closed' / 'challenge-passed'); the imitation then does what the real
// api.js does: fills the textareas, calls the callback, resolves execute({ async: true }), answers
// getResponse(). Each page checks the createTask fields, the token in every response field, the site's
// callback, hcaptcha.getResponse(), and that the recaptcha-compat alias never turns an hCaptcha page into
// a (paid, wrong) reCAPTCHA task.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPushed, type Harness, launch, recaptchaTasksFrom, SITE } from './harness';

type PageWin = Window & {
  __calls: string[];
  __exec: string[];
  __widgetId: string;
  hcaptcha: { getResponse(id?: string): string };
  grecaptcha?: { getResponse(id?: string): string };
};

describe('hCaptcha', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch({ solveMs: 800 });
  });
  afterAll(() => h?.close());

  const fields = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLTextAreaElement>('textarea')].map((t) => [t.name, t.value]),
    );

  it('checkbox: task fields, both textareas, data-callback, getResponse (and grecaptcha) agree', async () => {
    const page = await h.open('hcaptcha/checkbox.html');
    const task = await h.taskFor('10000000-ffff-ffff-ffff-000000000001');
    expect(task).toMatchObject({
      type: 'PopularCaptchaTokenProxyLess',
      websiteURL: `${SITE}/hcaptcha/checkbox.html`,
    });
    const token = await firstPushed(page);
    expect(await fields(page)).toEqual([
      ['g-recaptcha-response', token],
      ['h-captcha-response', token],
    ]);
    expect(
      await page.evaluate(() => {
        const w = window as unknown as PageWin;
        return [w.hcaptcha.getResponse(), w.grecaptcha?.getResponse(), w.__calls.length];
      }),
    ).toEqual([token, token, 1]);
    await page.close();
  });

  it('invisible with rqdata: no task before execute, rqdata sent, callback and execute resolve', async () => {
    const KEY = '20000000-ffff-ffff-ffff-000000000002';
    const page = await h.open('hcaptcha/invisible.html');
    // Rendered, rqdata set, the frames loaded: an invisible widget is not asked for a token yet.
    await page.waitForFunction(() => typeof (window as unknown as PageWin).__widgetId === 'string');
    await page.waitForTimeout(1500);
    expect(h.createdTasks().filter((b) => b.task?.websiteKey === KEY)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as PageWin).__calls.length)).toBe(0);
    // The user sends the form: the page calls hcaptcha.execute(id, { async: true }).
    await page.click('#send');
    const task = await h.taskFor(KEY);
    expect(task).toMatchObject({ type: 'PopularCaptchaTokenProxyLess', rqdata: 'rq-data-blob_123' });
    const token = await firstPushed(page);
    expect(await firstPushed(page, '__exec')).toBe(token);
    // recaptchacompat=off: one field, and no grecaptcha alias.
    expect(await fields(page)).toEqual([['h-captcha-response', token]]);
    expect(
      await page.evaluate(() => {
        const w = window as unknown as PageWin;
        return [w.hcaptcha.getResponse(w.__widgetId), typeof w.grecaptcha];
      }),
    ).toEqual([token, 'undefined']);
    expect(h.createdTasks().filter((b) => b.task?.websiteKey === KEY)).toHaveLength(1);
    await page.close();
  });

  it('the trap: .g-recaptcha markup rendered by hCaptcha is solved as hCaptcha, not reCAPTCHA', async () => {
    const page = await h.open('hcaptcha/grecaptcha-markup.html');
    const task = await h.taskFor('30000000-ffff-ffff-ffff-000000000003');
    expect(task.type).toBe('PopularCaptchaTokenProxyLess');
    const token = await firstPushed(page);
    expect(await fields(page)).toEqual([
      ['g-recaptcha-response', token],
      ['h-captcha-response', token],
    ]);
    expect(
      await page.evaluate(() => {
        const w = window as unknown as PageWin;
        return [w.grecaptcha === (w.hcaptcha as unknown), w.grecaptcha?.getResponse()];
      }),
    ).toEqual([true, token]);
    expect(recaptchaTasksFrom(h, '/hcaptcha/')).toEqual([]);
    await page.close();
  });
});
