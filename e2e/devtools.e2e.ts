// The DevTools detector panel in real Chromium: devtools-panel.html opened as a page against a fixture
// tab (`?tabId=`), next to a page with a solved reCAPTCHA v2 widget and one stopped by the per-tab limit.
// The panel shows both with their timelines and the limit's reason; the JSON it copies is what the
// sandbox received, the key redacted; and the extension keeps solving with the panel open (its
// "Solve now" solves the held widget once the limit is raised). Then the same in DevTools itself: Chromium
// opens DevTools for every tab (`--auto-open-devtools-for-tabs`, headless too), devtools.html registers the
// panel, and the panel shown there reads the inspected tab by itself (devtools.inspectedWindow.tabId).
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEY, type Harness, launch, RIG_LIMITS, until } from './harness';

/** The bit of the extension API this test calls inside the service worker (evaluated there, not here). */
declare const chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } };

const PAGE = 'recaptcha/two-widgets.html';
/** The fixture's two widgets: which one the limit stops depends on which frame reports first. */
const WIDGETS = {
  first: '6LeFirstSiteKey000000000000000000000000',
  second: '6LeSecondSiteKey00000000000000000000000',
};

type Calls = { first: string[]; second: string[] };
const calls = (page: Page) => page.evaluate(() => (window as unknown as { __calls: Calls }).__calls);
// biome-ignore lint/suspicious/noExplicitAny: jobs are read raw from storage
type RawJob = Record<string, any>;

/**
 * The two jobs of the fixture page once one is solved and the other stopped by the per-tab limit. Jobs
 * already stored when the page opened (a retried test's) are not this page's: `before` leaves them out.
 */
async function solvedAndLimited(h: Harness, page: Page, before: ReadonlySet<string> = new Set()) {
  const jobs = async () =>
    Object.entries((await h.storage('jobs')) ?? {})
      .filter(([id]) => !before.has(id))
      .map(([, j]) => j as RawJob);
  const limited = await until(
    async () => (await jobs()).find((j) => j.errorCode === 'RATE_LIMITED_TAB'),
    15_000,
    'the limited job',
  );
  const limitedName: keyof Calls = limited.widget.websiteKey === WIDGETS.first ? 'first' : 'second';
  const solvedName: keyof Calls = limitedName === 'first' ? 'second' : 'first';
  const solved = await until(
    async () =>
      (await jobs()).find(
        (j) =>
          j.tabId === limited.tabId && j.widget.websiteKey === WIDGETS[solvedName] && j.status === 'solved',
      ),
    30_000,
    'the other job solved',
  );
  // The token the sandbox made for it reached the site's callback.
  await until(
    async () => (await calls(page))[solvedName].length === 1,
    10_000,
    'the solved widget’s callback',
  );
  expect((await calls(page))[solvedName][0]).toBe(h.sandbox.tasks.get(solved.taskId).token);
  const url = h.fixtureUrl(PAGE);
  const tabIds: Array<number | undefined> = await h
    .worker()
    .then((w) => w.evaluate(async (u) => (await chrome.tabs.query({ url: u })).map((t) => t.id), url));
  expect(tabIds).toContain(limited.tabId);
  return {
    tabId: limited.tabId as number,
    solvedName,
    limitedName,
    solvedKey: WIDGETS[solvedName],
    limitedKey: WIDGETS[limitedName],
  };
}

/**
 * Runtime.evaluate in targets Playwright does not expose (DevTools' own frontend, the frames it hosts),
 * through the page session's Target domain (messages relayed with Target.sendMessageToTarget).
 */
async function cdpTargets(h: Harness, via: Page) {
  const cdp: CDPSession = await h.context.newCDPSession(via);
  let seq = 0;
  const pending = new Map<
    number,
    (m: { result?: { result?: { value?: unknown }; exceptionDetails?: unknown } }) => void
  >();
  const sessions = new Map<string, string>();
  (cdp as unknown as { on(e: string, fn: (e: { message: string }) => void): void }).on(
    'Target.receivedMessageFromTarget',
    (e) => {
      const m = JSON.parse(e.message);
      pending.get(m.id)?.(m);
      pending.delete(m.id);
    },
  );
  const send = cdp.send.bind(cdp) as (method: string, params?: object) => Promise<Record<string, unknown>>;
  return {
    targets: async () =>
      (await send('Target.getTargets')).targetInfos as Array<{ targetId: string; type: string; url: string }>,
    async evaluate<T>(targetId: string, expression: string): Promise<T> {
      let sessionId = sessions.get(targetId);
      if (!sessionId) {
        sessionId = (await send('Target.attachToTarget', { targetId, flatten: false })).sessionId as string;
        sessions.set(targetId, sessionId);
      }
      const id = ++seq;
      const reply = new Promise<Parameters<NonNullable<ReturnType<typeof pending.get>>>[0]>((r) =>
        pending.set(id, r),
      );
      const message = JSON.stringify({
        id,
        method: 'Runtime.evaluate',
        params: { expression, awaitPromise: true, returnByValue: true },
      });
      await send('Target.sendMessageToTarget', { sessionId, message });
      const m = await reply;
      if (m.result?.exceptionDetails)
        throw new Error(`evaluate failed: ${JSON.stringify(m.result.exceptionDetails)}`);
      return m.result?.result?.value as T;
    },
    detach: () => cdp.detach(),
  };
}

describe('DevTools detector panel', () => {
  let h: Harness;
  let page: Page;
  let panel: Page;
  let tabId: number;
  /** The limited widget's fixture name (`first`/`second`), and both widgets' sitekeys. */
  let limitedName: keyof Calls;
  let solvedKey: string;
  let limitedKey: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // One task a minute per site per tab: the page's second widget is stopped by the limit.
    // Ready at 4 s: polled at 3 s (processing) and 5.5 s (ready).
    h = await launch({ solveMs: 4000, settings: { limits: { ...RIG_LIMITS, perTabPerMinute: 1 } } });
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await h.open(PAGE);
    ({ tabId, limitedName, solvedKey, limitedKey } = await solvedAndLimited(h, page));
    panel = await h.context.newPage();
    panel.on('pageerror', (e) => pageErrors.push(e.message));
    await panel.goto(h.extensionUrl(`devtools-panel.html?tabId=${tabId}`));
  });
  afterAll(() => h?.close());

  const card = (sitekey: string) => panel.locator('article', { hasText: sitekey });
  const timeline = (sitekey: string) =>
    card(sitekey).getByRole('region', { name: 'Timeline' }).getByRole('listitem').allTextContents();

  it('shows the solved widget with its parameters and its whole timeline', async () => {
    const solved = card(solvedKey);
    await solved.getByText(/^Solved — \$/).waitFor();
    expect(await solved.getByRole('heading', { level: 2 }).textContent()).toBe('reCAPTCHA v2');
    const job = (Object.values(await h.storage('jobs')) as RawJob[]).find(
      (j) => j.widget.websiteKey === solvedKey,
    )!;
    expect(await solved.getByText(`${h.fixtureUrl(PAGE)} (frame 0)`).count()).toBe(1);
    expect(await solved.getByText(job.taskId).count()).toBeGreaterThan(0);
    const steps = (await timeline(solvedKey)).map((s) => s.replace(/^\+\d+\.\d s /, ''));
    const polls = h.sandbox.tasks.get(job.taskId).polls as number;
    expect(polls).toBe(2);
    expect(steps).toEqual([
      'Detected',
      'Queued to solve',
      'createTask sent',
      `Task created — ${job.taskId}`,
      ...Array.from({ length: polls }, (_, i) => `Poll ${i + 1}`),
      'Ready — by Sandbox',
      "Filled — the token reached the widget; whether the site's callback ran is not reported to the " +
        'extension',
    ]);
    // The offsets are the job's own times: the last poll is the ready one.
    const offsets = (await timeline(solvedKey)).map((s) => Number(/^\+(\d+\.\d) s/.exec(s)?.[1]));
    expect(offsets.at(-2)).toBeCloseTo((job.readyAt - job.createdAt) / 1000, 0);
  });

  it('shows the limited widget, and "Why not solved?" names the limit and its setting', async () => {
    const limited = card(limitedKey);
    await limited.getByText(/^Failed: More than 1 captchas a minute/).waitFor();
    const steps = (await timeline(limitedKey)).map((s) => s.replace(/^\+\d+\.\d s /, ''));
    expect(steps).toEqual([
      'Detected',
      'Queued to solve',
      expect.stringMatching(/^Ended: Failed — More than 1 captchas a minute from this site in this tab/),
    ]);
    await limited.getByRole('button', { name: 'Why not solved?' }).click();
    const note = limited.getByRole('note');
    expect(await note.locator('p').allTextContents()).toEqual([
      'Tab limit: 1 tasks a minute from site.test in this tab.',
      'Setting: Options → Spending and rate limits',
      expect.stringMatching(/^More than 1 captchas a minute/),
    ]);
  });

  it('copies the createTask JSON the sandbox got, key redacted, and a curl without the key', async () => {
    const received = h.sandbox.requests.find(
      (r: { path: string; body: { task?: { websiteKey?: string } } }) =>
        r.path === '/createTask' && r.body.task?.websiteKey === solvedKey,
    );
    expect(received.body.clientKey).toBe(DEMO_KEY);
    await card(solvedKey).getByRole('button', { name: 'Copy createTask JSON' }).click();
    await panel.getByRole('status').getByText('Copied the createTask JSON (client key redacted).').waitFor();
    const copied = await panel.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(JSON.stringify({ ...received.body, clientKey: '<redacted>' }));
    expect(copied).not.toContain(DEMO_KEY);
    await card(solvedKey).getByRole('button', { name: 'Copy curl' }).click();
    await panel
      .getByRole('status')
      .getByText(/^Copied the curl command/)
      .waitFor();
    const curl = await panel.evaluate(() => navigator.clipboard.readText());
    expect(
      curl.startsWith(
        `curl -X POST '${h.sandbox.url}/createTask' -H 'content-type: application/json' -d ` +
          `'{"clientKey":"'"$ANYSOLVER_KEY"'","task":`,
      ),
    ).toBe(true);
    expect(curl).not.toContain(DEMO_KEY);
  });

  it('solving goes on with the panel open: "Solve now" solves once the limit allows', async () => {
    await h.configure({ settings: { limits: RIG_LIMITS } });
    await card(limitedKey).getByRole('button', { name: 'Solve now' }).click();
    await until(
      async () => (await calls(page))[limitedName].length === 1,
      30_000,
      'the held widget’s callback',
    );
    const job = (Object.values(await h.storage('jobs')) as RawJob[]).find(
      (j) => j.widget.websiteKey === limitedKey,
    )!;
    expect((await calls(page))[limitedName][0]).toBe(h.sandbox.tasks.get(job.taskId).token);
    // The panel followed the engine live, without a reload.
    await card(limitedKey)
      .getByText(/^Solved — \$/)
      .waitFor();
    const steps = await timeline(limitedKey);
    expect(steps.some((s) => s.includes(`Task created — ${job.taskId}`))).toBe(true);
    expect(steps.at(-1)).toMatch(/Filled/);
    // And a new tab's captcha is solved as usual.
    const other = await h.open('recaptcha/v2-checkbox.html');
    await until(
      () => other.evaluate(() => (window as unknown as { __calls: string[] }).__calls[0]),
      30_000,
      'a token in another tab',
    );
    expect(pageErrors).toEqual([]);
  });

  it('devtools.html opened outside DevTools (no devtools API there) loads without an error', async () => {
    const dt = await h.context.newPage();
    const errors: string[] = [];
    dt.on('pageerror', (e) => errors.push(e.message));
    dt.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await dt.goto(h.extensionUrl('devtools.html'));
    await dt.waitForLoadState('load');
    await new Promise((r) => setTimeout(r, 300));
    expect(errors).toEqual([]);
  });
});

describe('the panel inside DevTools', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch({
      solveMs: 4000,
      settings: { limits: { ...RIG_LIMITS, perTabPerMinute: 1 } },
      args: ['--auto-open-devtools-for-tabs'],
    });
  });
  // A retried run must not find the first run's DevTools window (it inspects the same URL): its tab goes.
  afterEach(async () => {
    for (const p of h?.context.pages() ?? []) await p.close();
  });
  afterAll(() => h?.close());

  it('DevTools lists the AnySolver panel; shown, it lists the tab’s solved and limited widgets', async () => {
    // A retried run (CI retries once) opens the page again in a new tab, next to the first run's jobs.
    const before = new Set(Object.keys((await h.storage('jobs')) ?? {}));
    const page = await h.open(PAGE);
    const { tabId, solvedKey, limitedKey } = await solvedAndLimited(h, page, before);
    const cdp = await cdpTargets(h, page);
    // The DevTools window inspecting the fixture page, with the panel devtools.html registered.
    const probe = `(async () => {
      const SDK = await import('./core/sdk/sdk.js');
      const UI = await import('./ui/legacy/legacy.js');
      const all = [...UI.ViewManager.ViewManager.instance().views.keys()];
      const views = all.filter((v) => v.startsWith('chrome-extension://'));
      return { url: SDK.TargetManager.TargetManager.instance().primaryPageTarget()?.inspectedURL(), views };
    })()`;
    const front = await until(
      async () => {
        for (const t of await cdp.targets()) {
          if (!t.url.startsWith('devtools://devtools/bundled/devtools_app.html')) continue;
          const r = await cdp
            .evaluate<{ url?: string; views: string[] }>(t.targetId, probe)
            .catch(() => null);
          if (r?.url === h.fixtureUrl(PAGE) && r.views.length)
            return { targetId: t.targetId, views: r.views };
        }
        return null;
      },
      20_000,
      'DevTools for the fixture tab with the AnySolver panel',
    );
    expect(front.views).toEqual([`chrome-extension://${h.extensionId}AnySolver`]);
    await cdp.evaluate(
      front.targetId,
      `(async () => { const UI = await import('./ui/legacy/legacy.js'); await ` +
        `UI.ViewManager.ViewManager.instance().showView(${JSON.stringify(front.views[0])}); return ` +
        `true; })()`,
    );
    const panel = await until(
      async () => (await cdp.targets()).find((t) => t.url.startsWith(h.extensionUrl('devtools-panel.html'))),
      15_000,
      'the panel frame',
    );
    // No ?tabId=: the panel found the tab through devtools.inspectedWindow.tabId.
    expect(panel.url).toBe(h.extensionUrl('devtools-panel.html'));
    const text = await until(
      async () => {
        // The frame may still be loading (no body yet).
        const t = await cdp.evaluate<string>(panel.targetId, "document.body?.textContent ?? ''");
        return t.includes('Filled') && t.includes('Failed: More than 1 captchas a minute') ? t : null;
      },
      15_000,
      'both widgets in the panel',
    );
    expect(text).toContain(`Tab ${tabId}`);
    for (const expected of [solvedKey, limitedKey, 'Poll 1', 'Poll 2', 'Ready — by Sandbox'])
      expect(text).toContain(expected);
    const why = await cdp.evaluate<string>(
      panel.targetId,
      `(async () => {
        const key = ${JSON.stringify(limitedKey)};
        const card = [...document.querySelectorAll('article')].find((a) => a.textContent.includes(key));
        [...card.querySelectorAll('button')].find((b) => b.textContent === 'Why not solved?').click();
        // Preact renders the note on its next frame: wait for it (a loaded machine can take a while).
        for (let i = 0; i < 100 && !card.querySelector('[role=note]'); i++) {
          await new Promise((r) => setTimeout(r, 50));
        }
        return card.querySelector('[role=note]')?.textContent ?? '';
      })()`,
    );
    expect(why).toContain('Tab limit: 1 tasks a minute from site.test in this tab.');
    expect(why).toContain('Setting: Options → Spending and rate limits');
    await cdp.detach();
  });
});
