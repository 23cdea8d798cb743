import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../settings';
import { type HistoryRecord, type Job, newJob } from './jobs';
import { checkLimits, DEFAULT_COST_ESTIMATE, estimateCost } from './limits';

const NOW = Date.UTC(2026, 10, 28, 12);
const limits = { ...defaultSettings().limits, maxConcurrent: 4, perTabPerMinute: 3, perSitePerHour: 5, dailySpendCapUsd: 0.02 };
const job = (id: string, over: Partial<Job> = {}, tabId = 1, url = 'https://shop.test/'): Job => ({
  ...newJob(id, { tabId, frameId: 0, frameUrl: url }, new URL(url).origin, { widgetId: id, kind: 'hcaptcha', websiteKey: 'k' }, null, NOW),
  ...over,
});
const record = (over: Partial<HistoryRecord>): HistoryRecord => ({
  at: NOW - 1000,
  startedAt: NOW - 5000,
  jobId: 'old',
  tabId: 1,
  origin: 'https://shop.test',
  kind: 'hcaptcha',
  status: 'solved',
  cost: 0.001,
  polls: 2,
  ...over,
});
const estimate = () => DEFAULT_COST_ESTIMATE;
const check = (jobs: Job[], history: HistoryRecord[] = []) => checkLimits(jobs[0]!, jobs, history, limits, estimate, NOW);

describe('checkLimits', () => {
  it('lets a job start when nothing stands in the way', () => {
    expect(check([job('a')])).toEqual({ ok: true });
  });

  it('makes a job wait while maxConcurrent tasks are in flight', () => {
    const busy = ['b', 'c', 'd', 'e'].map((id) => job(id, { status: 'polling', createStartedAt: NOW - 100 }, 2, 'https://other.test/'));
    expect(check([job('a'), ...busy])).toEqual({ ok: false, wait: true });
  });

  it('counts every attempt in the tab within a minute, finished ones from the history', () => {
    // One in flight plus two finished attempts of the SAME job (a re-solve): three starts.
    const jobs = [job('a'), job('b', { status: 'polling', createStartedAt: NOW - 2000 })];
    const history = [record({ jobId: 'a' }), record({ jobId: 'a', startedAt: NOW - 10_000 })];
    expect(check(jobs, history)).toMatchObject({ ok: false, code: 'RATE_LIMITED_TAB', message: expect.stringMatching(/Options → Limits/) });
    // Starts older than a minute no longer count for the tab.
    expect(check(jobs, history.map((h) => ({ ...h, startedAt: NOW - 61_000 })))).toEqual({ ok: true });
  });

  it('limits starts per site per hour across tabs', () => {
    const history = Array.from({ length: 5 }, (_, i) => record({ tabId: 10 + i, startedAt: NOW - 30 * 60_000 }));
    expect(check([job('a')], history)).toMatchObject({ ok: false, code: 'RATE_LIMITED_SITE' });
    expect(check([job('a', {}, 1, 'https://elsewhere.test/')], history)).toEqual({ ok: true });
  });

  it("stops at the daily cap: today's spend plus what is in flight plus this job", () => {
    const today = [record({ cost: 0.012, startedAt: NOW - 2 * 3_600_000 })];
    const inFlight = job('b', { status: 'polling', createStartedAt: NOW - 3_600_000 }, 2);
    expect(check([job('a')], today)).toEqual({ ok: true }); // 0.012 + 0.003 ≤ 0.02
    expect(check([job('a'), inFlight, job('c', { status: 'creating', createStartedAt: NOW - 3_600_000 }, 3)], today)).toMatchObject({
      code: 'DAILY_CAP_REACHED',
    });
    // Yesterday's spend does not count.
    expect(check([job('a')], [record({ cost: 1, at: NOW - 86_400_000, startedAt: NOW - 86_400_000 })])).toEqual({ ok: true });
  });
});

describe('estimateCost', () => {
  it('uses the median of the learned costs, or the default', () => {
    expect(estimateCost(undefined)).toBe(DEFAULT_COST_ESTIMATE);
    expect(estimateCost([0.004, 0.001, 0.002])).toBe(0.002);
  });
});
