import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../settings';
import { type Job, newJob } from './jobs';
import type { Ledger, LedgerEntry } from './ledger';
import { checkLimits, DEFAULT_COST_ESTIMATE, estimateCost } from './limits';

const NOW = Date.UTC(2026, 10, 28, 12);
const limits = { ...defaultSettings().limits, maxConcurrent: 4, perTabPerMinute: 3, perSitePerHour: 5, dailySpendCapUsd: 0.02 };
const job = (id: string, over: Partial<Job> = {}, tabId = 1, url = 'https://shop.test/'): Job => ({
  ...newJob(id, { tabId, frameId: 0, frameUrl: url }, new URL(url).origin, { widgetId: id, kind: 'hcaptcha', websiteKey: 'k' }, null, NOW),
  ...over,
});
let seq = 0;
/** A start in the ledger (by default 5 s ago, solved, $0.001). */
const start = (over: Partial<LedgerEntry>): LedgerEntry => {
  const id = `e${++seq}`;
  return { id, jobId: 'old', at: NOW - 5000, tabId: 1, origin: 'https://shop.test', estimate: DEFAULT_COST_ESTIMATE, cost: 0.001, outcome: 'delivered', ...over };
};
const ledgerOf = (entries: LedgerEntry[]): Ledger => Object.fromEntries(entries.map((e) => [e.id, e]));
const estimate = () => DEFAULT_COST_ESTIMATE;
const check = (jobs: Job[], entries: LedgerEntry[] = []) => checkLimits(jobs[0]!, jobs, ledgerOf(entries), limits, estimate, NOW);

describe('checkLimits', () => {
  it('lets a job start when nothing stands in the way', () => {
    expect(check([job('a')])).toEqual({ ok: true });
  });

  it('makes a job wait while maxConcurrent tasks are in flight', () => {
    const busy = ['b', 'c', 'd', 'e'].map((id) => job(id, { status: 'polling', createStartedAt: NOW - 100 }, 2, 'https://other.test/'));
    expect(check([job('a'), ...busy])).toEqual({ ok: false, wait: true });
  });

  it('counts every start in the tab within a minute, whatever became of it', () => {
    // One open, one cancelled and one refused start (a re-solve of the same job among them): three starts.
    const starts = [start({ jobId: 'b', outcome: 'open', cost: undefined }), start({ jobId: 'a', outcome: 'not-delivered' }), start({ jobId: 'a', at: NOW - 10_000, cost: 0 })];
    expect(check([job('a')], starts)).toMatchObject({ ok: false, code: 'RATE_LIMITED_TAB', message: expect.stringMatching(/Options → Limits/) });
    // Starts older than a minute no longer count for the tab.
    expect(check([job('a')], starts.map((e) => ({ ...e, at: NOW - 61_000 })))).toEqual({ ok: true });
  });

  it('limits starts per site per hour across tabs', () => {
    const starts = Array.from({ length: 5 }, (_, i) => start({ tabId: 10 + i, at: NOW - 30 * 60_000 }));
    expect(check([job('a')], starts)).toMatchObject({ ok: false, code: 'RATE_LIMITED_SITE' });
    expect(check([job('a', {}, 1, 'https://elsewhere.test/')], starts)).toEqual({ ok: true });
  });

  it("stops at the daily cap: every start today at its cost, or its estimate while unknown, plus this job", () => {
    const today = [start({ cost: 0.012, at: NOW - 2 * 3_600_000 })];
    expect(check([job('a')], today)).toEqual({ ok: true }); // 0.012 + 0.003 ≤ 0.02
    // An open start and a cancelled one whose cost is unknown count at their estimates: 0.012 + 2 × 0.003 + 0.003 > 0.02.
    const more = [start({ cost: undefined, outcome: 'open', tabId: 2 }), start({ cost: undefined, outcome: 'not-delivered', tabId: 3 })];
    expect(check([job('a')], [...today, ...more])).toMatchObject({ code: 'DAILY_CAP_REACHED', message: expect.stringMatching(/delivered or not/) });
    // A refused start costs nothing; a known actual cost replaces the estimate.
    expect(check([job('a')], [...today, start({ cost: 0, tabId: 2 }), start({ cost: 0.001, tabId: 3 })])).toEqual({ ok: true });
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
