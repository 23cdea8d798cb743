// Solve events (docs/solve-events.md) in Firefox ESR: the built Firefox MV3 extension over WebDriver BiDi
// (rig.mjs). Firefox targets frames, not documents, and a content script's objects need cloneInto to reach
// the page: the event's detail is a string, dispatched from the isolated world. Waited for with the docs'
// own Puppeteer snippet (extracted from the markdown), for reCAPTCHA (the detector's frame) and Turnstile
// (the page embedding the vendor's frame).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SolveEvent } from '../../lib/solver/announce';
import { type FirefoxHarness, firefoxSkipReason, launch } from './rig.mjs';

const skip = firefoxSkipReason();
if (skip) console.warn(skip);

interface Helpers {
  recordCaptchaEvents(page: Page): Promise<void>;
  waitForCaptchaSolved(page: Page, o?: { timeout?: number }): Promise<SolveEvent>;
}

async function puppeteerSnippet(): Promise<Helpers> {
  const md = readFileSync(resolve(import.meta.dirname, '../../docs/solve-events.md'), 'utf8');
  const m = /<!-- snippet: puppeteer -->\s*```js\n([\s\S]*?)```/.exec(md);
  if (!m) throw new Error('docs/solve-events.md has no puppeteer snippet');
  const file = join(mkdtempSync(join(tmpdir(), 'solve-events-ff-')), 'puppeteer.mjs');
  writeFileSync(file, m[1]!);
  return import(pathToFileURL(file).href);
}

describe.skipIf(skip)('Firefox: solve events', () => {
  let h: FirefoxHarness;
  let helpers: Helpers;
  beforeAll(async () => {
    helpers = await puppeteerSnippet();
    h = await launch({ solveMs: 800, settings: { announce: { mode: 'all', sites: [] } } });
  });
  afterAll(() => h?.close());

  const task = (websiteKey: string) =>
    [...h.sandbox.tasks.values()].find(
      (t: { task: { websiteKey?: string } }) => t.task.websiteKey === websiteKey,
    ) as { taskId: string; cost: number; token: string };

  it.each([
    [
      'reCAPTCHA v2',
      'recaptcha/v2-checkbox.html',
      'recaptcha-v2',
      '6LeCheckboxSiteKey0000000000000000000000',
    ],
    ['Turnstile', 'turnstile/implicit.html', 'turnstile', '0x4AAAAAAAImplicitKey01'],
  ])(
    '%s: detected → solving → solved in the page, with the sandbox task id, cost and token',
    async (_l, path, kind, sitekey) => {
      const page = await h.browser.newPage();
      await helpers.recordCaptchaEvents(page);
      await page.goto(h.fixtureUrl(path));
      const solved = await helpers.waitForCaptchaSolved(page, { timeout: 40_000 });
      const t = task(sitekey);
      expect(solved).toMatchObject({
        v: 1,
        step: 'solved',
        kind,
        sitekey,
        taskId: t.taskId,
        cost: t.cost,
        provider: 'Sandbox',
        token: t.token,
      });
      const list = await page.evaluate(
        () => (window as unknown as { __captchaEvents: SolveEvent[] }).__captchaEvents,
      );
      expect(list.map((e) => [e.step, e.widgetId, e.taskId])).toEqual([
        ['detected', solved.widgetId, undefined],
        ['solving', solved.widgetId, t.taskId],
        ['solved', solved.widgetId, t.taskId],
      ]);
      expect(await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toEqual([
        t.token,
      ]);
      await page.close();
    },
  );
});
