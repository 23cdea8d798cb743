/**
 * Guarding the balance: which limit, if any, stops a job from creating a task now. Pure: takes the jobs,
 * the history and the clock. Concurrency only delays (the job waits `queued`); the others stop the job.
 */
import type { Settings } from '../settings';
import { type HistoryRecord, isInFlight, type Job } from './jobs';

export const DEFAULT_COST_ESTIMATE = 0.003;
/** A page cannot make more jobs than this in one tab's lifetime, whatever it does. */
export const MAX_JOBS_PER_TAB = 50;

export type LimitVerdict =
  | { ok: true }
  | { ok: false; wait: true }
  | { ok: false; wait: false; code: 'RATE_LIMITED_TAB' | 'RATE_LIMITED_SITE' | 'DAILY_CAP_REACHED'; message: string };

/** Local midnight of the day of `now`. */
export const startOfDay = (now: number) => new Date(new Date(now).setHours(0, 0, 0, 0)).getTime();

/** Median of recent costs for a type, else the default estimate. */
export function estimateCost(costs: readonly number[] | undefined): number {
  if (!costs?.length) return DEFAULT_COST_ESTIMATE;
  const sorted = [...costs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** May `job` start its createTask now? */
export function checkLimits(
  job: Job,
  jobs: readonly Job[],
  history: readonly HistoryRecord[],
  limits: Settings['limits'],
  estimate: (taskType: string | undefined) => number,
  now: number,
): LimitVerdict {
  if (jobs.filter(isInFlight).length >= limits.maxConcurrent) return { ok: false, wait: true };
  // Tasks started in the window: finished ones are in the history (a re-solved job has one record per
  // attempt), the ones still running are in flight. Each attempt counts once.
  const started = (since: number, match: (j: { origin: string; tabId?: number }) => boolean) =>
    jobs.filter((j) => isInFlight(j) && (j.createStartedAt ?? 0) >= since && match(j)).length +
    history.filter((h) => (h.startedAt ?? 0) >= since && match(h)).length;
  if (started(now - 60_000, (j) => j.tabId === job.tabId) >= limits.perTabPerMinute) {
    return { ok: false, wait: false, code: 'RATE_LIMITED_TAB', message: `More than ${limits.perTabPerMinute} captchas a minute in this tab: stopped to protect your balance (Options → Limits).` };
  }
  if (started(now - 3_600_000, (j) => j.origin === job.origin) >= limits.perSitePerHour) {
    return { ok: false, wait: false, code: 'RATE_LIMITED_SITE', message: `More than ${limits.perSitePerHour} captchas an hour on this site: stopped to protect your balance (Options → Limits).` };
  }
  const day = startOfDay(now);
  const spent = history.filter((h) => h.at >= day).reduce((sum, h) => sum + h.cost, 0);
  const reserved = jobs.filter((j) => isInFlight(j) && j.id !== job.id).reduce((sum, j) => sum + estimate(j.taskType), 0);
  if (spent + reserved + estimate(job.taskType) > limits.dailySpendCapUsd) {
    return { ok: false, wait: false, code: 'DAILY_CAP_REACHED', message: `Today's spending cap of $${limits.dailySpendCapUsd.toFixed(2)} is reached (Options → Limits).` };
  }
  return { ok: true };
}
