// Solve events for scripts (docs/solve-events.md), end to end: the built extension in Chromium, the offline
// vendor imitations, the sandbox API. With "Announce solving to pages" on, each widget's events reach the
// page that has it in order with the documented fields (taskId, cost and provider as the sandbox knows
// them, the token as the page holds it); a failure and a limit end as documented; a page scanning all it
// can reach finds no client key. With it off, the page hears nothing and can enumerate nothing new. The
// wait helpers are the docs' own snippets, extracted from the markdown and run here with Playwright and
// Puppeteer (connected to the same Chromium), so the docs cannot drift.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SolveEvent } from '../lib/solver/announce';
import { ALT, DEMO_KEY, firstPushed, type Harness, launch, RIG_LIMITS, ROOT, until } from './harness';
import { extensionEventNames } from './real/real-rig';
import { diffSurfaces, expectNoTrace, pageSurface } from './real/surface';

const EVENT = 'anysolver:captcha';
const ON = { announce: { mode: 'all' as const, sites: [] } };

/** The docs' code snippets (`<!-- snippet: name -->` before a js fence), as importable modules. */
async function docSnippets() {
  const md = readFileSync(join(ROOT, 'docs/solve-events.md'), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'solve-events-docs-'));
  const load = async (name: string) => {
    const m = new RegExp(`<!-- snippet: ${name} -->\\s*\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(md);
    if (!m) throw new Error(`docs/solve-events.md has no ${name} snippet`);
    const file = join(dir, `${name}.mjs`);
    writeFileSync(file, m[1]!);
    return import(pathToFileURL(file).href);
  };
  return {
    playwright: (await load('playwright')) as {
      recordCaptchaEvents(context: BrowserContext): Promise<void>;
      waitForCaptchaSolved(page: Page | Frame, o?: { timeout?: number }): Promise<SolveEvent>;
    },
    puppeteer: (await load('puppeteer')) as {
      recordCaptchaEvents(page: PuppeteerPage): Promise<void>;
      waitForCaptchaSolved(page: PuppeteerPage, o?: { timeout?: number }): Promise<SolveEvent>;
    },
  };
}

/**
 * The test's own recorder (beside the docs' one): every raw `detail` string the page received, and the
 * page's callback calls and response field at the moment of each `solved` (proof that it came after them).
 */
const RAW_RECORDER = `(() => {
  const raw = [];
  Object.defineProperty(window, '__rawCaptchaEvents', { value: raw });
  window.addEventListener(${JSON.stringify(EVENT)}, (e) => {
    const at = { detail: e.detail, type: typeof e.detail, bubbles: e.bubbles, cancelable: e.cancelable };
    if (JSON.parse(e.detail).step === 'solved') {
      at.calls = (window.__calls || []).slice();
      at.fields = [...document.querySelectorAll('textarea, ' +
        'input[type=hidden]')].map((f) => f.value).filter(Boolean);
    }
    raw.push(at);
  });
})();`;

interface Raw {
  detail: string;
  type: string;
  bubbles: boolean;
  cancelable: boolean;
  calls?: string[];
  fields?: string[];
}

describe('solve events', () => {
  let h: Harness;
  let docs: Awaited<ReturnType<typeof docSnippets>>;
  beforeAll(async () => {
    docs = await docSnippets();
    // A DevTools port beside Playwright's pipe: Puppeteer drives the same browser (the docs' snippet).
    h = await launch({ solveMs: 800, settings: ON, args: ['--remote-debugging-port=0'] });
    await docs.playwright.recordCaptchaEvents(h.context);
    await h.context.addInitScript({ content: RAW_RECORDER });
  });
  afterAll(() => h?.close());

  const events = (page: Page | Frame) =>
    page.evaluate(() => (window as unknown as { __captchaEvents: SolveEvent[] }).__captchaEvents);
  const raw = (page: Page) =>
    page.evaluate(() => (window as unknown as { __rawCaptchaEvents: Raw[] }).__rawCaptchaEvents);
  const sandboxTask = (websiteKey: string) =>
    [...h.sandbox.tasks.values()].filter(
      (t: { task: { websiteKey?: string } }) => t.task.websiteKey === websiteKey,
    ) as Array<{
      taskId: string;
      cost: number;
      token: string;
    }>;

  /** What every event of a widget shares, and the rules the docs give for the order and the fields. */
  function expectOneWidget(list: SolveEvent[], kind: string, sitekey: string) {
    const widgetId = list[0]!.widgetId;
    expect(widgetId).toMatch(/^[0-9a-f]{16}$/);
    for (const e of list) expect(e).toMatchObject({ v: 1, widgetId, kind, sitekey });
    const at = list.map((e) => e.at);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  }

  it('reCAPTCHA v2: detected → solving → solved, the task’s id, cost, provider, after the fill', async () => {
    const page = await h.open('recaptcha/v2-checkbox.html');
    const sitekey = '6LeCheckboxSiteKey0000000000000000000000';
    const solved = await docs.playwright.waitForCaptchaSolved(page, { timeout: 30_000 });
    const [task] = sandboxTask(sitekey);
    const list = await events(page);
    expect(list.map((e) => e.step)).toEqual(['detected', 'solving', 'solved']);
    expectOneWidget(list, 'recaptcha-v2', sitekey);
    const [detected, solving] = list;
    expect(detected).toEqual({
      v: 1,
      step: 'detected',
      widgetId: detected!.widgetId,
      kind: 'recaptcha-v2',
      sitekey,
      at: detected!.at,
    });
    expect(Object.keys(solving!).sort()).toEqual([
      'at',
      'cost',
      'costEstimated',
      'durationMs',
      'kind',
      'sitekey',
      'step',
      'taskId',
      'v',
      'widgetId',
    ]);
    expect(solving).toMatchObject({ taskId: task!.taskId, costEstimated: true });
    expect(Object.keys(solved).sort()).toEqual([
      'at',
      'cost',
      'durationMs',
      'kind',
      'provider',
      'sitekey',
      'step',
      'taskId',
      'token',
      'v',
      'widgetId',
    ]);
    expect(solved).toMatchObject({
      step: 'solved',
      taskId: task!.taskId,
      cost: task!.cost,
      provider: 'Sandbox',
      token: task!.token,
    });
    // The sandbox takes 800 ms and the first poll comes ≥ 3 s after the create.
    expect(solved.durationMs).toBeGreaterThanOrEqual(800);
    // detail is a JSON string, the event neither bubbles nor cancels; at `solved` the page has the token.
    const r = await raw(page);
    expect(r.map((x) => [x.type, x.bubbles, x.cancelable])).toEqual(Array(3).fill(['string', false, false]));
    expect(r[2]!.calls).toEqual([task!.token]);
    expect(r[2]!.fields).toContain(task!.token);
    await page.close();
  });

  it("Turnstile: the events reach the embedding page (not the vendor's frame), with the token", async () => {
    const page = await h.open('turnstile/implicit.html');
    const sitekey = '0x4AAAAAAAImplicitKey01';
    const solved = await docs.playwright.waitForCaptchaSolved(page, { timeout: 30_000 });
    const [task] = sandboxTask(sitekey);
    const list = await events(page);
    expect(list.map((e) => e.step)).toEqual(['detected', 'solving', 'solved']);
    expectOneWidget(list, 'turnstile', sitekey);
    expect(list[1]!.taskId).toBe(task!.taskId);
    expect(solved).toMatchObject({
      taskId: task!.taskId,
      cost: task!.cost,
      provider: 'Sandbox',
      token: task!.token,
    });
    expect((await raw(page))[2]!.calls).toEqual([task!.token]);
    expect(await firstPushed(page)).toBe(task!.token);
    await page.close();
  });

  it('failed: an unsolvable captcha, tried twice, ends failed with its code; helper rejects', async () => {
    // The next two tasks fail at the sandbox (CAPTCHA_UNSOLVABLE; the extension solves once more by itself).
    h.sandbox.fault({ path: '/createTask', times: 2, kind: { type: 'fail-task' } });
    const page = await h.open('recaptcha/v2-explicit.html');
    const sitekey = '6LeExplicitSiteKey0000000000000000000000';
    await expect(docs.playwright.waitForCaptchaSolved(page, { timeout: 40_000 })).rejects.toThrow(
      /^captcha failed: CAPTCHA_UNSOLVABLE/,
    );
    const tasks = sandboxTask(sitekey);
    expect(tasks).toHaveLength(2);
    const list = await events(page);
    expect(list.map((e) => [e.step, e.taskId, e.error?.code, e.retrying])).toEqual([
      ['detected', undefined, undefined, undefined],
      ['solving', tasks[0]!.taskId, undefined, undefined],
      ['failed', tasks[0]!.taskId, 'CAPTCHA_UNSOLVABLE', true],
      ['solving', tasks[1]!.taskId, undefined, undefined],
      ['failed', tasks[1]!.taskId, 'CAPTCHA_UNSOLVABLE', undefined],
    ]);
    expectOneWidget(list, 'recaptcha-v2', sitekey);
    expect(list[4]).toMatchObject({
      cost: 0,
      error: { message: 'The captcha could not be solved (you were not charged).' },
    });
    expect(list.some((e) => e.token)).toBe(false);
    await page.close();
  });

  it('limited: the daily cap → detected, limited (DAILY_CAP_REACHED), no task; helper rejects', async () => {
    await h.configure({ settings: { ...ON, limits: { ...RIG_LIMITS, dailySpendCapUsd: 0 } } });
    try {
      const page = await h.open('recaptcha/enterprise-v2.html');
      const sitekey = '6LeEnterpriseV2Key000000000000000000000';
      await expect(docs.playwright.waitForCaptchaSolved(page, { timeout: 30_000 })).rejects.toThrow(
        /^captcha limited: DAILY_CAP_REACHED/,
      );
      const list = await events(page);
      expect(list).toEqual([
        {
          v: 1,
          step: 'detected',
          widgetId: list[0]!.widgetId,
          kind: 'recaptcha-v2-enterprise',
          sitekey,
          at: list[0]!.at,
        },
        {
          v: 1,
          step: 'limited',
          widgetId: list[0]!.widgetId,
          kind: 'recaptcha-v2-enterprise',
          sitekey,
          error: { code: 'DAILY_CAP_REACHED', message: "The user's daily spending cap is reached." },
          at: list[1]!.at,
        },
      ]);
      expect(sandboxTask(sitekey)).toEqual([]);
      await page.close();
    } finally {
      await h.configure({ settings: { ...ON, limits: RIG_LIMITS } });
    }
  });

  it("a cross-origin frame's widget: events in that frame only; site lists name its host", async () => {
    await h.configure({ settings: { announce: { mode: 'list', sites: ['other.test'] } } });
    try {
      const page = await h.open('recaptcha/cross-origin.html');
      const frame = await until(
        () => page.frames().find((f) => f.url().startsWith(ALT)),
        10_000,
        'the child frame',
      );
      const solved = await docs.playwright.waitForCaptchaSolved(frame, { timeout: 30_000 });
      expect((await events(frame)).map((e) => e.step)).toEqual(['detected', 'solving', 'solved']);
      expect(solved.token).toBe(await frame.evaluate(() => document.querySelector('textarea')?.value));
      expect(solved.taskId).toBe(
        sandboxTask('6LeCheckboxSiteKey0000000000000000000000').find((t) => t.token === solved.token)?.taskId,
      );
      await page.waitForTimeout(500);
      expect(await events(page)).toEqual([]);
      await page.close();
    } finally {
      await h.configure({ settings: ON });
    }
  });

  it('a page scanning events, DOM, globals, messages and storage: no key, no endpoint', async () => {
    const needles = [
      DEMO_KEY,
      Buffer.from(DEMO_KEY).toString('base64'),
      encodeURIComponent(DEMO_KEY).replace(/_/g, '%5F'),
    ];
    const page = await h.context.newPage();
    await page.addInitScript(`window.__needles = ${JSON.stringify(needles)};`);
    await page.goto(h.fixtureUrl('hostile/key-scan.html'));
    const solved = await docs.playwright.waitForCaptchaSolved(page, { timeout: 30_000 });
    expect(solved.token).toBeTruthy();
    const scan = await page.evaluate(() =>
      (
        window as unknown as { __scan(): Promise<{ sightings: string[]; sizes: Record<string, number> }> }
      ).__scan(),
    );
    expect(scan.sightings).toEqual([]);
    // The scan covered the events: the recorders' arrays are page globals it walked.
    const details = (await raw(page)).map((r) => r.detail);
    expect(details).toHaveLength(3);
    expect(scan.sizes.globals).toBeGreaterThan(details.join('').length);
    const endpoint = new URL(h.sandbox.url);
    const seen = JSON.stringify(details);
    for (const n of [
      ...needles,
      endpoint.host,
      endpoint.href,
      'clientKey',
      'api.anysolver.com',
      h.extensionId,
    ])
      expect(seen).not.toContain(n);
    await page.close();
  });

  it("the docs' Puppeteer helper, same Chromium: hCaptcha solved, events in the embedding page", async () => {
    const port = readFileSync(join(h.profile, 'DevToolsActivePort'), 'utf8').split('\n');
    const browser: PuppeteerBrowser = await puppeteer.connect({
      browserWSEndpoint: `ws://127.0.0.1:${port[0]}${port[1]}`,
      defaultViewport: null,
    });
    try {
      // Opened by Playwright (its routes answer the page offline), driven by Puppeteer from here on.
      const marker = h.fixtureUrl('recaptcha/decoy-words.html?puppeteer');
      const opened = await h.context.newPage();
      await opened.goto(marker);
      const page = await until(
        async () => (await browser.pages()).find((p) => p.url() === marker),
        10_000,
        'the page in Puppeteer',
      );
      await docs.puppeteer.recordCaptchaEvents(page);
      await page.goto(h.fixtureUrl('hcaptcha/checkbox.html'));
      const solved = await docs.puppeteer.waitForCaptchaSolved(page, { timeout: 30_000 });
      const sitekey = '10000000-ffff-ffff-ffff-000000000001';
      const [task] = sandboxTask(sitekey);
      expect(solved).toMatchObject({
        v: 1,
        step: 'solved',
        kind: 'hcaptcha',
        sitekey,
        taskId: task!.taskId,
        token: task!.token,
        provider: 'Sandbox',
      });
      expect((await events(opened)).map((e) => e.step)).toEqual(['detected', 'solving', 'solved']);
      await opened.close();
    } finally {
      await browser.disconnect();
    }
  });

  describe('off (the default)', () => {
    let bare: Harness;
    // The no-trace observer (e2e/no-trace.e2e.ts), listening for this event too.
    const observer = `${readFileSync(join(import.meta.dirname, 'real/pages/observe.js'), 'utf8')}
;window.__obs.listen(${JSON.stringify([...extensionEventNames(), EVENT])});`;
    beforeAll(async () => {
      bare = await launch({ extensionDir: '' });
      await docs.playwright.recordCaptchaEvents(bare.context);
      await bare.context.addInitScript({ content: RAW_RECORDER });
      for (const x of [bare, h]) await x.context.addInitScript({ content: observer });
    });
    afterAll(() => bare?.close());

    /**
     * Open `path` in both browsers and compare what the page can enumerate 1.5 s in (as no-trace.e2e.ts:
     * detected and created, before the token changes the vendor's own fields); with the extension, then
     * wait for the solve and return every event the page heard up to then.
     */
    const surfaceDiff = async (path: string) => {
      const a = await bare.open(path);
      await a.waitForTimeout(1500);
      const without = await pageSurface(a);
      await a.close();
      const b = await h.open(path);
      await b.waitForTimeout(1500);
      const withExt = await pageSurface(b);
      await until(
        () => b.evaluate(() => (window as unknown as { __calls: string[] }).__calls[0]),
        20_000,
        'the solve',
      );
      await b.waitForTimeout(1000);
      const heard = await raw(b);
      await b.close();
      return { diff: diffSurfaces(without, withExt), heard };
    };

    it('on, the page-visible difference test sees the events (so it can fail)', async () => {
      const { diff, heard } = await surfaceDiff('turnstile/explicit.html');
      expect(heard.map((r) => JSON.parse(r.detail).step)).toEqual(['detected', 'solving', 'solved']);
      expect(diff['CustomEvents on window/document']).toEqual([
        `events: added with the extension: heard ${EVENT} on window`,
      ]);
    });

    it.each([
      ['reCAPTCHA v2', 'recaptcha/v2-checkbox.html'],
      ['Turnstile', 'turnstile/implicit.html'],
      ['hCaptcha', 'hcaptcha/checkbox.html'],
    ])(
      '%s solved with the setting off: no event, and nothing the page can enumerate differs from a browser ' +
        'without the extension',
      async (_l, path) => {
        await h.configure({ settings: { announce: { mode: 'off', sites: [] } } });
        const { diff, heard } = await surfaceDiff(path);
        expect(heard).toEqual([]);
        expectNoTrace(diff, expect.soft);
      },
    );

    it("a site list without the page's host is off for it", async () => {
      await h.configure({ settings: { announce: { mode: 'list', sites: ['*.example.com', 'other.test'] } } });
      const page = await h.open('recaptcha/two-widgets.html');
      const both = () =>
        page.evaluate(() =>
          Object.values((window as unknown as { __calls: Record<string, string[]> }).__calls).every(
            (c) => c.length > 0,
          ),
        );
      await until(both, 20_000, 'both widgets solved');
      await page.waitForTimeout(1000);
      expect(await raw(page)).toEqual([]);
      await page.close();
    });
  });
});
