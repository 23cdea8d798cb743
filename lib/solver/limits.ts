/**
 * Guarding the balance: which limit, if any, stops a job from creating a task now. Pure: takes the jobs,
 * the spend ledger and the clock. Concurrency only delays (the job waits `queued`); the others stop the job.
 */
import type { Notice } from '../notice';
import type { Settings } from '../settings';
import { isInFlight, type Job } from './jobs';
import { type Ledger, type LedgerEntry, spentToday, weight } from './ledger';
import { budgetsOf, siteOf } from './site';
import { startOfDay } from './time';

export { startOfDay };

export const DEFAULT_COST_ESTIMATE = 0.003;
/** Jobs one frame site can make in one tab's lifetime (an ad frame cannot use up the page's own). */
export const MAX_JOBS_PER_TAB = 50;
/** Jobs of all frame sites of one tab together (bounds what a tab keeps in storage). */
export const MAX_JOBS_PER_TAB_TOTAL = 200;

export type LimitCode =
  | 'RATE_LIMITED_TAB'
  | 'RATE_LIMITED_SITE'
  | 'RATE_LIMITED_EMBEDDED'
  | 'RATE_LIMITED_NO_GESTURE'
  | 'DAILY_CAP_REACHED';

export type LimitVerdict =
  | { ok: true }
  /**
   * Wait `queued`: every slot is taken (`all`), or this site holds its fair share (`site`: others may start).
   */
  | { ok: false; wait: true; scope: 'all' | 'site' }
  | { ok: false; wait: false; code: LimitCode; notice: Notice };

/** Median of recent costs for a type, else the default estimate. */
export function estimateCost(costs: readonly number[] | undefined): number {
  if (!costs?.length) return DEFAULT_COST_ESTIMATE;
  const sorted = [...costs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Slots one budget (a site, or the frames embedded in one) may hold: half, so no site holds every slot. */
export const siteShare = (maxConcurrent: number) => Math.max(1, Math.ceil(maxConcurrent / 2));
/** Slots all the frames of one top-level site may hold together: one is always left for another site. */
export const topSiteShare = (maxConcurrent: number) => Math.max(1, maxConcurrent - 1);

/** The sites a job counts toward (jobs stored before sites existed fall back to their URLs). */
export function jobSites(job: Job): { site: string; topSite: string } {
  const site = job.site ?? siteOf(job.frameUrl);
  return { site, topSite: job.topSite ?? site };
}

/**
 * May `job` start its createTask now? Starts are counted from the ledger (every start, whatever became
 * of it), and so is the spend: a cancelled or undelivered task costs what it cost.
 */
export function checkLimits(
  job: Job,
  jobs: readonly Job[],
  ledger: Ledger,
  limits: Settings['limits'],
  estimate: (taskType: string | undefined) => number,
  now: number,
): LimitVerdict {
  const mine = jobSites(job);
  const flying = jobs.filter(isInFlight).map(jobSites);
  if (flying.length >= limits.maxConcurrent) return { ok: false, wait: true, scope: 'all' };
  const held = (key: string) => flying.filter((f) => budgetsOf(f).includes(key)).length;
  if (budgetsOf(mine).some((key) => held(key) >= siteShare(limits.maxConcurrent)))
    return { ok: false, wait: true, scope: 'site' };
  if (flying.filter((f) => f.topSite === mine.topSite).length >= topSiteShare(limits.maxConcurrent))
    return { ok: false, wait: true, scope: 'site' };

  const entries = Object.values(ledger);
  const hour = entries.filter((e) => e.at >= now - 3_600_000);
  const perTab = entries.filter(
    (e) => e.at >= now - 60_000 && e.tabId === job.tabId && (e.site ?? e.origin) === mine.site,
  ).length;
  if (perTab >= limits.perTabPerMinute) {
    return stop('RATE_LIMITED_TAB', { key: 'err_RATE_LIMITED_TAB', params: [limits.perTabPerMinute] });
  }
  for (const key of budgetsOf(mine)) {
    const inBudget = hour.filter((e) => budgetsOf(entrySites(e)).includes(key));
    const used = inBudget.reduce((n, e) => n + weight(e), 0);
    const churned = inBudget.some((e) => e.churned);
    const embedded = key.startsWith('embedded@');
    if (used >= limits.perSitePerHour) {
      const code = embedded ? 'RATE_LIMITED_EMBEDDED' : 'RATE_LIMITED_SITE';
      return stop(
        code,
        limitNotice(`err_${code}`, limits.perSitePerHour, embedded ? mine.topSite : mine.site, churned),
      );
    }
    if (job.gesture) continue;
    const unasked = inBudget.filter((e) => !e.gesture).reduce((n, e) => n + weight(e), 0);
    if (unasked >= limits.perSiteNoGesturePerHour) {
      const key = embedded ? 'err_RATE_LIMITED_NO_GESTURE_EMBEDDED' : 'err_RATE_LIMITED_NO_GESTURE';
      return stop(
        'RATE_LIMITED_NO_GESTURE',
        limitNotice(key, limits.perSiteNoGesturePerHour, embedded ? mine.topSite : mine.site, churned),
      );
    }
  }
  if (spentToday(ledger, now) + estimate(job.taskType) > limits.dailySpendCapUsd + 1e-9) {
    return stop('DAILY_CAP_REACHED', capNotice(limits.dailySpendCapUsd));
  }
  return { ok: true };
}

const stop = (code: LimitCode, notice: Notice): LimitVerdict => ({ ok: false, wait: false, code, notice });
/**
 * "More than N captchas an hour on SITE…", and why the count ran up sooner when churned widgets counted
 * twice.
 */
const limitNotice = (key: string, count: number, site: string, churned: boolean): Notice => ({
  key,
  params: [count, site],
  ...(churned ? { also: 'note_churnCountsTwice' } : {}),
});
/** Entries written before sites existed count by their origin. */
const entrySites = (e: LedgerEntry) => ({
  site: e.site ?? siteOf(e.origin),
  topSite: e.topSite ?? e.site ?? siteOf(e.origin),
});

/** A reached daily cap (the job's error and the popup say the same). */
export const capNotice = (cap: number): Notice => ({ key: 'err_DAILY_CAP_REACHED', params: [{ usd: cap }] });
