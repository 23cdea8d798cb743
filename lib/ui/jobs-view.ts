/** How jobs read in the UI (pure): which can be (re)solved, what the toolbar badge says. */
import { isActive } from '@/lib/solver/jobs';
import type { Job, JobStatus, TabState } from './types';

const SOLVABLE: ReadonlySet<JobStatus> = new Set([
  'detected',
  'failed',
  'expired',
  'cancelled',
  'undelivered',
]);

/** A job the user can start (or retry) with "Solve"; one being worked on is `isActive` (solver/jobs.ts). */
export const canSolve = (job: Job): boolean => SOLVABLE.has(job.status);

/** The toolbar badge as the background sets it: in-flight count, or an error mark. */
export interface ToolbarBadge {
  inFlight: number;
  error: boolean;
}

/**
 * Badge state of a tab, as the engine sets the toolbar badge (lib/solver/engine.ts refreshBadge): the
 * count of queued, creating and polling jobs, or "!" while the account is blocked (bad key, no funds).
 */
export function toolbarBadge(state: TabState | null): ToolbarBadge {
  const jobs = state?.jobs ?? [];
  return { inFlight: jobs.filter(isActive).length, error: Boolean(state?.accountBlock) };
}

/** Whether this tab's site is paused: the background sends the list of paused origins. */
export function isPaused(state: TabState | null, origin: string | null): boolean {
  if (!state) return false;
  return origin !== null && (state.pausedSites ?? []).includes(origin);
}
