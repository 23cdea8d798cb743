// The balance and the user's cookies against hostile pages (issue 12), in real Chromium with the built
// extension: each attack of the issue reproduced, and its bound asserted. Every test prints its figure
// (`[attack] …`); with BEFORE=1 (an older build in EXT_DIR) the bounds are not asserted, only measured.
// The two long attacks run 45 s and 90 s (ATTACK_MS below); the bounds hold for any duration.
// The threat model these tests back is docs/security.md.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, type Harness, launch, SITE, until } from './harness';

const BEFORE = process.env.BEFORE === '1';
/**
 * How long each attack runs: the shortest time in which its bound bites (without the limit the attack
 * would get more than the bound allows), so the suite stays fast. ATTACK_MS overrides both.
 * - churn: a widget every 2 s, each a paid task → about 22 in 45 s, where the $0.01 cap buys 8;
 * - subdomains + 4 tabs: 6 a minute per tab × 4 tabs × 1.5 min = 36 > the site's 30 an hour.
 */
const ATTACK_MS = process.env.ATTACK_MS ? Number(process.env.ATTACK_MS) : undefined;
const CHURN_MS = ATTACK_MS ?? 45_000;
const SPREAD_MS = ATTACK_MS ?? 90_000;
const SANDBOX_COST = 0.0012; // sandbox/core.mjs: the price of every task
const bound = (fn: () => void) => {
  if (!BEFORE) fn();
};
const figure = (name: string, value: string) => console.log(`[attack] ${name}: ${value}`);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.js': 'text/javascript',
};
/** Serve e2e/fixtures for more hostile hosts than the rig's two (subdomains, a victim site). */
async function serveHosts(context: BrowserContext, pattern: RegExp, onRequest?: (r: Request) => void) {
  await context.route(pattern, async (route) => {
    onRequest?.(route.request());
    const url = new URL(route.request().url());
    const file = join(FIXTURES, decodeURIComponent(url.pathname));
    if (file.startsWith(FIXTURES) && existsSync(file) && statSync(file).isFile()) {
      return route.fulfill({
        status: 200,
        contentType: TYPES[extname(file)] ?? 'application/octet-stream',
        body: readFileSync(file),
      });
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
}

const tasksWithKey = (h: Harness, prefix: string) =>
  h.createdTasks().filter((b) => String(b.task?.websiteKey ?? '').startsWith(prefix));
const tabIdOf = async (h: Harness, url: string) => {
  const sw = await h.worker();
  return sw.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
};

describe('the balance against hostile pages', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it(
    `a page churning widgets for ${CHURN_MS / 1000} s gets at most what a $0.01 cap buys, and the popup ` +
      `says the cap is reached`,
    async () => {
      const limits = {
        dailySpendCapUsd: 0.01,
        maxConcurrent: 4,
        perTabPerMinute: 100,
        perSitePerHour: 1000,
        perSiteNoGesturePerHour: 1000,
      };
      h = await launch({ solveMs: 4000, settings: { limits } });
      const page = await h.open('hostile/attacks/churn.html');
      await page.waitForTimeout(CHURN_MS);
      const rendered = await page.evaluate(() => (window as unknown as { __rendered: number }).__rendered);
      const created = tasksWithKey(h, '6LeChurn').length;
      figure('churn, $0.01 cap', `${created} createTask for ${rendered} widgets in ${CHURN_MS / 1000} s`);
      expect(rendered).toBeGreaterThan(CHURN_MS / 2500);
      bound(() => {
        expect(created).toBeGreaterThan(0);
        expect(created).toBeLessThanOrEqual(Math.floor(0.01 / SANDBOX_COST));
      });
      if (BEFORE) return;
      // What was spent is what the sandbox charged: every paid task counted, though none was delivered.
      const tabId = await tabIdOf(h, page.url());
      const popup = await h.context.newPage();
      await popup.goto(h.extensionUrl(`popup.html?tab=${tabId}`));
      await until(() => popup.getByText('Daily cap reached').count(), 10_000, 'the cap notice');
      expect(await popup.locator('.totals').textContent()).toMatch(/Paid, not delivered/);
    },
    CHURN_MS + 60_000,
  );

  it(
    `iframes on s<N>.evil.test subdomains and tabs the page opens stay within the per-site budget ` +
      `(${SPREAD_MS / 1000} s)`,
    async () => {
      h = await launch({
        solveMs: 1500,
        settings: {
          limits: {
            dailySpendCapUsd: 100,
            maxConcurrent: 4,
            perTabPerMinute: 6,
            perSitePerHour: 30,
            perSiteNoGesturePerHour: 10,
          },
        },
      });
      await serveHosts(h.context, /^https:\/\/([a-z0-9-]+\.)*evil[0-9]*\.test\//);
      const frames = await h.context.newPage();
      await frames.goto('https://evil.test/hostile/attacks/subdomain-frames.html');
      // The multi-tab page: each click (a user gesture) opens one more tab of the same site.
      const opener = await h.context.newPage();
      await opener.goto('https://evil2.test/hostile/attacks/widget.html?key=6LeTabs&every=4000');
      for (let i = 0; i < 3; i++) {
        const [tab] = await Promise.all([h.context.waitForEvent('page'), opener.click('#open')]);
        await tab.waitForLoadState('domcontentloaded');
      }
      await frames.waitForTimeout(SPREAD_MS);
      const sub = tasksWithKey(h, '6LeSub').length;
      const tabs = tasksWithKey(h, '6LeTabs').length;
      const framesMade = await frames.evaluate(() => (window as unknown as { __frames: number }).__frames);
      figure(
        'subdomain iframes',
        `${sub} createTask from ${framesMade} frames on s<N>.evil.test in ${SPREAD_MS / 1000} s`,
      );
      figure('multi-tab (4 tabs)', `${tabs} createTask in ${SPREAD_MS / 1000} s`);
      bound(() => {
        expect(sub).toBeGreaterThan(0);
        expect(sub).toBeLessThanOrEqual(10); // perSiteNoGesturePerHour: one site, whatever the subdomain
        expect(tabs).toBeGreaterThan(0);
        // The same site's budget across its 4 tabs: widgets reported within a click's transient activation
        // count as asked for (Job.gesture), so the bound is the site's whole hourly budget.
        expect(tabs).toBeLessThanOrEqual(30);
      });
    },
    SPREAD_MS + 60_000,
  );

  it('a victim tab’s own captcha gets its task within 5 s while a hostile tab holds slow tasks', async () => {
    h = await launch({
      sandbox: {
        solveMs: (t: { websiteKey?: unknown }) =>
          String(t.websiteKey).startsWith('6LeSlow') ? 90_000 : 1500,
      },
    });
    await serveHosts(h.context, /^https:\/\/evil\.test\//);
    const hostile = await h.context.newPage();
    await hostile.goto('https://evil.test/hostile/attacks/widget.html?key=6LeSlow&every=1000');
    await until(() => tasksWithKey(h, '6LeSlow').length >= 2 || null, 20_000, 'the hostile tab’s slow tasks');
    await hostile.waitForTimeout(6000);
    const t0 = Date.now();
    const victim = await h.context.newPage();
    await victim.goto(h.fixtureUrl('hostile/attacks/widget.html?key=6LeVictim'));
    await until(
      () => tasksWithKey(h, '6LeVictim').length > 0 || null,
      BEFORE ? 100_000 : 20_000,
      'the victim’s task',
    );
    const waited = Date.now() - t0;
    figure(
      'victim beside a hostile tab',
      `createTask ${waited} ms after the victim page opened (${tasksWithKey(h, '6LeSlow').length} hostile ` +
        `tasks)`,
    );
    bound(() => expect(waited).toBeLessThanOrEqual(5000));
  }, 150_000);

  it('an ad frame churning 60 short-lived widgets leaves the page’s own captcha its job', async () => {
    h = await launch({ solveMs: 1500 });
    const page = await h.open('hostile/attacks/ad-churn.html?every=200');
    // The ad frame (other.test) renders a widget every 200 ms, each removed 150 ms later.
    await page.frameLocator('#ad').locator('body').waitFor();
    const ad = page.frames().find((f) => f.url().includes('/attacks/churn.html'))!;
    await ad.evaluate(() => undefined);
    await page.waitForTimeout(12_000);
    await page.evaluate(() => (window as unknown as { showOwn(): void }).showOwn());
    const own = await until(
      () => tasksWithKey(h, '6LeOwnPage').length > 0 || null,
      BEFORE ? 30_000 : 20_000,
      'the page’s own task',
    ).catch(() => null);
    const adRendered = await ad.evaluate(() => (window as unknown as { __rendered: number }).__rendered);
    figure(
      'ad-frame churn',
      `${adRendered} ad widgets, ${tasksWithKey(h, '6LeAdChurn').length} ad tasks; the page's own captcha ` +
        `${own ? 'got its task' : 'got NO task'}`,
    );
    bound(() => expect(own).toBeTruthy());
  });
});

describe('the image flow is no confused deputy', () => {
  let h: Harness;
  let ext: Page;
  /** Requests the extension itself made (fetch() from the service worker: no frame, dest `empty`). */
  const seen: Array<{ url: string; cookie?: string; extension: boolean }> = [];
  const isExtension = (r: Request) => r.headers()['sec-fetch-dest'] === 'empty' || r.serviceWorker() !== null;
  const record = (r: Request) =>
    seen.push({ url: r.url(), cookie: r.headers().cookie, extension: isExtension(r) });
  const extensionRequests = () => seen.filter((s) => s.extension);

  beforeAll(async () => {
    h = await launch({ solveMs: 300 });
    await h.context.addCookies([
      {
        name: 'sid',
        value: 'victim-secret',
        domain: 'victim.test',
        path: '/',
        secure: true,
        sameSite: 'Strict',
      },
      {
        name: 'session',
        value: 'victim-session',
        domain: 'victim.test',
        path: '/',
        secure: true,
        sameSite: 'None',
      },
      { name: 'cdn', value: 'cdn-cookie', domain: 'other.test', path: '/', secure: true, sameSite: 'None' },
    ]);
    await serveHosts(
      h.context,
      /^https:\/\/(evil\.test|victim\.test|127\.0\.0\.1|192\.168\.0\.1|10\.0\.0\.1)\//,
      record,
    );
    // The rig serves other.test; this route sees its requests first and records them.
    await serveHosts(h.context, /^https:\/\/other\.test\/image\//, record);
    ext = await h.context.newPage();
    await ext.goto(h.extensionUrl('popup.html'));
  });
  afterAll(async () => {
    await h?.close();
  });

  const textTasks = () =>
    h.createdTasks().filter((b) => (b.task as { type?: string } | undefined)?.type === 'TextRecognition');
  const solveFromMenu = (tabId: number, frameId: number, srcUrl: string) =>
    ext.evaluate((m) => chrome.runtime.sendMessage(m), { type: 'image:solve', tabId, frameId, srcUrl });
  const answer = (page: Page | ReturnType<Page['frames']>[number], timeoutMs = 20_000) =>
    until(
      () =>
        page.evaluate(() => document.querySelector<HTMLInputElement>('input[name="code"]')?.value || null),
      timeoutMs,
      'the answer',
    );

  it('a marked image pointed at a victim, the intranet and loopback: 0 requests, 0 cookies', async () => {
    const victims = [
      'https://victim.test/image/captcha.png',
      'https://127.0.0.1/image/captcha.png',
      'https://192.168.0.1/image/captcha.png',
      'https://10.0.0.1/image/captcha.png',
    ];
    const page = await h.context.newPage();
    await page.goto('https://evil.test/hostile/attacks/image-rotate.html');
    await page.waitForLoadState('load');
    const tabId = (await tabIdOf(h, page.url())) as number;
    // The user marks the page's (cross-origin) image captcha once.
    expect(await solveFromMenu(tabId, 0, 'https://other.test/image/captcha.png?r=1')).toMatchObject({
      ok: true,
    });
    await answer(page);
    const marked = textTasks().length;
    const afterMark = extensionRequests().length;
    // Then the page rotates the image through other sites' URLs every 100 ms, and reloads doing the same.
    await page.evaluate((t) => (window as unknown as { rotate(t: string[]): void }).rotate(t), victims);
    await page.waitForTimeout(6000);
    const rotating = victims.map(encodeURIComponent).join(',');
    for (let i = 0; i < 3; i++) {
      await page.goto(`https://evil.test/hostile/attacks/image-rotate.html?rotate=${rotating}`);
      await page.waitForTimeout(2000);
    }
    const rotations = await page.evaluate(() => (window as unknown as { __rotations: number }).__rotations);
    const ours = extensionRequests().slice(afterMark);
    const elsewhere = ours.filter((s) => !s.url.startsWith('https://other.test/'));
    const withCookies = extensionRequests().filter(
      (s) => s.cookie && !s.url.startsWith('https://evil.test/'),
    );
    const victimCookie = extensionRequests().filter(
      (s) => s.url.startsWith('https://victim.test/') && /victim-(secret|session)/.test(s.cookie ?? ''),
    );
    const privateHits = extensionRequests().filter((s) =>
      /^https:\/\/(127\.0\.0\.1|192\.168\.0\.1|10\.0\.0\.1)\//.test(s.url),
    );
    figure(
      'image deputy',
      `the mark: ${afterMark} extension requests (0: read from the screen); ${ours.length} extension ` +
        `requests after it (${elsewhere.length} to other hosts, ${privateHits.length} private, ` +
        `${withCookies.length} with cookies, ${victimCookie.length} with the victim's cookies), ` +
        `${textTasks().length - marked} more tasks, over 6 s of rotation (${rotations} URLs) + 3 reloads`,
    );
    bound(() => {
      expect(elsewhere).toEqual([]);
      expect(privateHits).toEqual([]);
      expect(withCookies).toEqual([]);
      expect(victimCookie).toEqual([]);
    });
    await page.close();
  });

  it('a framed image captcha from another site: fetched once per page load, without cookies', async () => {
    const before = extensionRequests().length;
    const page = await h.context.newPage();
    await page.goto(`${SITE}/hostile/attacks/image-frame.html`);
    await page.waitForLoadState('load');
    const tabId = (await tabIdOf(h, page.url())) as number;
    const frameId = await ext.evaluate(
      async (t) =>
        (await chrome.webNavigation.getAllFrames({ tabId: t }))?.find((f: { url: string }) =>
          f.url.includes('image-form'),
        )?.frameId,
      tabId,
    );
    expect(frameId).toBeTypeOf('number');
    const form = () => page.frames().find((f) => f.url().includes('image-form'))!;
    expect(await solveFromMenu(tabId, frameId!, 'https://other.test/image/captcha.png?r=7')).toMatchObject({
      ok: true,
    });
    await answer(form());
    // Solve it again by hand on the same page load: no second fetch.
    const jobs = (await (await h.worker()).evaluate(() => chrome.storage.local.get('jobs'))).jobs as Record<
      string,
      { id: string; tabId: number }
    >;
    const job = Object.values(jobs).find((j) => j.tabId === tabId)!;
    await ext.evaluate((m) => chrome.runtime.sendMessage(m), { type: 'solve', tabId, jobId: job.id });
    await page.waitForTimeout(2000);
    const firstLoad = extensionRequests().slice(before);
    // Two more loads: remembered, solved by itself, one fetch each.
    for (let i = 0; i < 2; i++) {
      await page.reload();
      await until(
        () =>
          form()?.evaluate(
            () => document.querySelector<HTMLInputElement>('input[name="code"]')?.value || null,
          ),
        20_000,
        'the answer after a reload',
      );
    }
    const all = extensionRequests().slice(before);
    figure(
      'framed image fetch',
      `${firstLoad.length} fetch on the marked load (a second Solve included), ${all.length} over 3 loads, ` +
        `${all.filter((s) => s.cookie).length} with cookies`,
    );
    bound(() => {
      expect(firstLoad).toHaveLength(1);
      expect(all).toHaveLength(3);
      expect(all.every((s) => s.url.startsWith('https://other.test/image/captcha.png') && !s.cookie)).toBe(
        true,
      );
    });
    await page.close();
  });
});
