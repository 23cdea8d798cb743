import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../settings';
import { inWords } from '../ui/test-i18n';
import { type Job, newJob } from './jobs';
import type { Ledger, LedgerEntry } from './ledger';
import { checkLimits, DEFAULT_COST_ESTIMATE, estimateCost } from './limits';
import { reportSites } from './site';

const NOW = Date.UTC(2026, 10, 28, 12);
const limits = {
  ...defaultSettings().limits,
  maxConcurrent: 4,
  perTabPerMinute: 3,
  perSitePerHour: 5,
  dailySpendCapUsd: 0.02,
};
const job = (id: string, over: Partial<Job> = {}, tabId = 1, url = 'https://shop.test/'): Job => ({
  ...newJob(
    id,
    { tabId, frameId: 0, frameUrl: url },
    new URL(url).origin,
    { widgetId: id, kind: 'hcaptcha', websiteKey: 'k' },
    null,
    NOW,
    reportSites({ frameId: 0, frameUrl: url }),
  ),
  ...over,
});
let seq = 0;
/** A start in the ledger (by default 5 s ago, solved, $0.001). */
const start = (over: Partial<LedgerEntry>): LedgerEntry => {
  const id = `e${++seq}`;
  return {
    id,
    jobId: 'old',
    at: NOW - 5000,
    tabId: 1,
    origin: 'https://shop.test',
    site: 'shop.test',
    topSite: 'shop.test',
    gesture: false,
    estimate: DEFAULT_COST_ESTIMATE,
    cost: 0.001,
    outcome: 'delivered',
    ...over,
  };
};
const ledgerOf = (entries: LedgerEntry[]): Ledger => Object.fromEntries(entries.map((e) => [e.id, e]));
const estimate = () => DEFAULT_COST_ESTIMATE;
// inWords: a stop's notice also in the English words the user reads (`message`).
const check = (jobs: Job[], entries: LedgerEntry[] = []) =>
  inWords(checkLimits(jobs[0]!, jobs, ledgerOf(entries), limits, estimate, NOW));

describe('checkLimits', () => {
  it('lets a job start when nothing stands in the way', () => {
    expect(check([job('a')])).toEqual({ ok: true });
  });

  it('makes a job wait while maxConcurrent tasks are in flight', () => {
    const busy = ['b', 'c', 'd', 'e'].map((id) =>
      job(id, { status: 'polling', createStartedAt: NOW - 100 }, 2, 'https://other.test/'),
    );
    expect(check([job('a'), ...busy])).toEqual({ ok: false, wait: true, scope: 'all' });
  });

  it('counts every start in the tab within a minute, whatever became of it', () => {
    // One open, one cancelled and one refused start (a re-solve of the same job among them): three starts.
    const starts = [
      start({ jobId: 'b', outcome: 'open', cost: undefined }),
      start({ jobId: 'a', outcome: 'not-delivered' }),
      start({ jobId: 'a', at: NOW - 10_000, cost: 0 }),
    ];
    expect(check([job('a')], starts)).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED_TAB',
      message: expect.stringMatching(/Options → Limits/),
    });
    // Starts older than a minute no longer count for the tab.
    expect(
      check(
        [job('a')],
        starts.map((e) => ({ ...e, at: NOW - 61_000 })),
      ),
    ).toEqual({ ok: true });
  });

  it('limits starts per site per hour across tabs', () => {
    const starts = Array.from({ length: 5 }, (_, i) => start({ tabId: 10 + i, at: NOW - 30 * 60_000 }));
    expect(check([job('a')], starts)).toMatchObject({ ok: false, code: 'RATE_LIMITED_SITE' });
    expect(check([job('a', {}, 1, 'https://elsewhere.test/')], starts)).toEqual({ ok: true });
  });

  it('stops at the daily cap: every start today at its cost (estimate while unknown), plus this job', () => {
    const today = [start({ cost: 0.012, at: NOW - 2 * 3_600_000 })];
    expect(check([job('a')], today)).toEqual({ ok: true }); // 0.012 + 0.003 ≤ 0.02
    // An open start and a cancelled one whose cost is unknown count at their estimates: 0.012 + 2 × 0.003 +
    // 0.003 > 0.02.
    const more = [
      start({ cost: undefined, outcome: 'open', tabId: 2 }),
      start({ cost: undefined, outcome: 'not-delivered', tabId: 3 }),
    ];
    expect(check([job('a')], [...today, ...more])).toMatchObject({
      code: 'DAILY_CAP_REACHED',
      message: expect.stringMatching(/delivered or not/),
    });
    // A refused start costs nothing; a known actual cost replaces the estimate.
    expect(
      check([job('a')], [...today, start({ cost: 0, tabId: 2 }), start({ cost: 0.001, tabId: 3 })]),
    ).toEqual({ ok: true });
    // Yesterday's spend does not count.
    expect(check([job('a')], [start({ cost: 1, at: NOW - 86_400_000 })])).toEqual({ ok: true });
  });
});

describe('estimateCost', () => {
  it('uses the median of the learned costs, or the default', () => {
    expect(estimateCost(undefined)).toBe(DEFAULT_COST_ESTIMATE);
    expect(estimateCost([0.004, 0.001, 0.002])).toBe(0.002);
  });
});

describe('limits a page cannot multiply', () => {
  const frameJob = (
    id: string,
    frameUrl: string,
    topUrl: string,
    over: Partial<Job> = {},
    tabId = 1,
  ): Job => ({
    ...newJob(
      id,
      { tabId, frameId: frameUrl === topUrl ? 0 : 3, frameUrl, topUrl },
      new URL(frameUrl).origin,
      { widgetId: id, kind: 'hcaptcha', websiteKey: 'k' },
      null,
      NOW,
      reportSites({ frameId: frameUrl === topUrl ? 0 : 3, frameUrl, topUrl }),
    ),
    ...over,
  });
  const at = (site: string, topSite = site, over: Partial<LedgerEntry> = {}) =>
    start({ site, topSite, origin: `https://${site}`, at: NOW - 20 * 60_000, tabId: 9, ...over });
  const wide = {
    ...limits,
    perTabPerMinute: 100,
    perSitePerHour: 30,
    perSiteNoGesturePerHour: 1000,
    dailySpendCapUsd: 100,
  };
  const run = (j: Job, entries: LedgerEntry[], l = wide, jobs: Job[] = [j]) =>
    inWords(checkLimits(j, jobs, ledgerOf(entries), l, estimate, NOW));

  it('subdomains are one site: frames on s<N>.evil.example share its hourly budget', () => {
    const starts = Array.from({ length: 30 }, () => at('evil.example'));
    const j = frameJob('a', 'https://s31.evil.example/frame', 'https://evil.example/');
    expect(j.site).toBe('evil.example');
    expect(run(j, starts)).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED_SITE',
      message: expect.stringMatching(/on evil\.example/),
    });
  });

  it('frames embedded in a site share one budget (whatever their sites), apart from the site’s own', () => {
    const starts = Array.from({ length: 30 }, (_, i) => at(`ad${i}.test`, 'site.test'));
    expect(run(frameJob('a', 'https://ad99.test/f', 'https://site.test/'), starts)).toMatchObject({
      code: 'RATE_LIMITED_EMBEDDED',
      message: expect.stringMatching(/embedded in site\.test/),
    });
    expect(run(frameJob('b', 'https://site.test/login', 'https://site.test/login'), starts)).toEqual({
      ok: true,
    });
  });

  it('starts without a user gesture are bounded per site per hour; a gesture is not', () => {
    const l = { ...wide, perSiteNoGesturePerHour: 10 };
    const starts = Array.from({ length: 10 }, () => at('site.test'));
    expect(run(frameJob('a', 'https://site.test/', 'https://site.test/'), starts, l)).toMatchObject({
      code: 'RATE_LIMITED_NO_GESTURE',
      message: expect.stringMatching(/without you clicking/),
    });
    expect(
      run(frameJob('b', 'https://site.test/', 'https://site.test/', { gesture: true }), starts, l),
    ).toEqual({ ok: true });
    // Starts after a gesture do not use up the unasked budget.
    expect(
      run(
        frameJob('c', 'https://site.test/', 'https://site.test/'),
        starts.map((e) => ({ ...e, gesture: true })),
        l,
      ),
    ).toEqual({ ok: true });
  });

  it('a churned widget (removed before its token) counts twice, and the message says so', () => {
    const starts = Array.from({ length: 15 }, () => at('evil.example', 'evil.example', { churned: true }));
    expect(
      run(frameJob('a', 'https://evil.example/', 'https://evil.example/', { gesture: true }), starts),
    ).toMatchObject({
      code: 'RATE_LIMITED_SITE',
      message: expect.stringMatching(/removed before they were solved count twice/),
    });
    expect(
      run(
        frameJob('b', 'https://evil.example/', 'https://evil.example/', { gesture: true }),
        starts.slice(1),
      ),
    ).toEqual({ ok: true });
  });

  it('per-tab budgets are per frame site: an ad frame’s starts leave the page’s own minute alone', () => {
    const l = { ...wide, perTabPerMinute: 3 };
    const ads = Array.from({ length: 3 }, () => at('ads.test', 'site.test', { tabId: 1, at: NOW - 1000 }));
    expect(run(frameJob('a', 'https://ads.test/f', 'https://site.test/'), ads, l)).toMatchObject({
      code: 'RATE_LIMITED_TAB',
    });
    expect(run(frameJob('b', 'https://site.test/', 'https://site.test/'), ads, l)).toEqual({ ok: true });
  });

  it('fair share: a site holds at most half the slots; the frames of one top site leave one free', () => {
    const l = { ...wide, maxConcurrent: 4 };
    const flying = (id: string, url: string, top: string) =>
      frameJob(id, url, top, { status: 'polling', createStartedAt: NOW - 100 }, 2);
    const evil = [
      flying('e1', 'https://evil.example/', 'https://evil.example/'),
      flying('e2', 'https://s2.evil.example/', 'https://evil.example/'),
    ];
    const next = frameJob('e3', 'https://evil.example/', 'https://evil.example/');
    expect(run(next, [], l, [next, ...evil])).toEqual({ ok: false, wait: true, scope: 'site' });
    const victim = frameJob('v', 'https://site.test/', 'https://site.test/', {}, 5);
    expect(run(victim, [], l, [victim, ...evil])).toEqual({ ok: true });
    // evil's own two + one embedded frame: its top site holds 3 of 4; nothing more under it starts.
    const ad = flying('x1', 'https://ad.test/', 'https://evil.example/');
    const ad2 = frameJob('x2', 'https://ad2.test/', 'https://evil.example/');
    expect(run(ad2, [], l, [ad2, ...evil, ad])).toEqual({ ok: false, wait: true, scope: 'site' });
    expect(run(victim, [], l, [victim, ...evil, ad])).toEqual({ ok: true });
  });
});
