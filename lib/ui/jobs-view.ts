/** How jobs read in the UI (pure): which are in flight, which can be (re)solved, what the badge says. */
import type { Job, JobStatus, TabState } from './types';

const IN_FLIGHT: ReadonlySet<JobStatus> = new Set(['queued', 'creating', 'polling']);
const SOLVABLE: ReadonlySet<JobStatus> = new Set([
  'detected',
  'failed',
  'expired',
  'cancelled',
  'undelivered',
]);

/** A job whose task is being created or polled. */
export const isInFlight = (job: Job): boolean => IN_FLIGHT.has(job.status);
/** A job the user can start (or retry) with "Solve". */
export const isSolvable = (job: Job): boolean => SOLVABLE.has(job.status);

/** The toolbar badge as the background sets it: in-flight count, or an error mark. */
export interface BadgeState {
  inFlight: number;
  error: boolean;
}

/**
 * Badge state of a tab, as the engine sets the toolbar badge (lib/solver/engine.ts refreshBadge): the
 * count of queued, creating and polling jobs, or "!" while the account is blocked (bad key, no funds).
 */
export function badgeState(state: TabState | null): BadgeState {
  const jobs = state?.jobs ?? [];
  return { inFlight: jobs.filter(isInFlight).length, error: Boolean(state?.accountBlock) };
}

/** Whether this tab's site is paused: the background sends a list of paused origins (or, older, a flag). */
export function isPaused(state: TabState | null, origin: string | null): boolean {
  if (!state) return false;
  if (typeof state.paused === 'boolean') return state.paused;
  return origin !== null && (state.pausedSites ?? []).includes(origin);
}
