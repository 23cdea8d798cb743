/**
 * Guarding the balance: which limit, if any, stops a job from creating a task now. Pure: takes the jobs,
 * the spend ledger and the clock. Concurrency only delays (the job waits `queued`); the others stop the job.
 */
import type { Settings } from '../settings';
import { isInFlight, type Job } from './jobs';
import { type Ledger, type LedgerEntry, spentToday } from './ledger';
import { startOfDay } from './time';

export { startOfDay };

export const DEFAULT_COST_ESTIMATE = 0.003;
/** A page cannot make more jobs than this in one tab's lifetime, whatever it does. */
export const MAX_JOBS_PER_TAB = 50;

export type LimitVerdict =
  | { ok: true }
  | { ok: false; wait: true }
  | { ok: false; wait: false; code: 'RATE_LIMITED_TAB' | 'RATE_LIMITED_SITE' | 'DAILY_CAP_REACHED'; message: string };

/** Median of recent costs for a type, else the default estimate. */
export function estimateCost(costs: readonly number[] | undefined): number {
  if (!costs?.length) return DEFAULT_COST_ESTIMATE;
  const sorted = [...costs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
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
  if (jobs.filter(isInFlight).length >= limits.maxConcurrent) return { ok: false, wait: true };
  const entries = Object.values(ledger);
  const started = (since: number, match: (e: LedgerEntry) => boolean) => entries.filter((e) => e.at >= since && match(e)).length;
  if (started(now - 60_000, (e) => e.tabId === job.tabId) >= limits.perTabPerMinute) {
    return { ok: false, wait: false, code: 'RATE_LIMITED_TAB', message: `More than ${limits.perTabPerMinute} captchas a minute in this tab: stopped to protect your balance (Options → Limits).` };
  }
  if (started(now - 3_600_000, (e) => e.origin === job.origin) >= limits.perSitePerHour) {
    return { ok: false, wait: false, code: 'RATE_LIMITED_SITE', message: `More than ${limits.perSitePerHour} captchas an hour on this site: stopped to protect your balance (Options → Limits).` };
  }
  if (spentToday(ledger, now) + estimate(job.taskType) > limits.dailySpendCapUsd + 1e-9) {
    return { ok: false, wait: false, code: 'DAILY_CAP_REACHED', message: capMessage(limits.dailySpendCapUsd) };
  }
  return { ok: true };
}

/** The words for a reached daily cap (the job's error and the popup say the same). */
export const capMessage = (cap: number) =>
  `Today's spending cap of $${cap.toFixed(2)} is reached: tasks already paid for count, delivered or not (Options → Limits).`;
