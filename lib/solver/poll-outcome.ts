/**
 * What one getTaskResult reply means for a polling job (pure). The engine applies the patch and acts on
 * the verdict: wait for the next poll, deliver the token, or fail (maybe blocking the account, maybe
 * re-solving once).
 */
import { AnySolverError, describeError } from '../anysolver/errors';
import { solutionToken } from '../anysolver/task-types';
import type { TaskResult } from '../anysolver/types';
import type { Notice } from '../notice';
import type { Job } from './jobs';
import { nextPollOffset, type PollTiming } from './schedule';

/** Consecutive transport failures tolerated while polling (each already retried by the client). */
export const MAX_TRANSIENT_POLL_ERRORS = 5;

export interface PollFailure {
  code: string;
  notice: Notice;
  /** The API's errorDescription, as data. */
  description?: string;
  /** The account is refused (key, balance, ban): block new tasks. */
  account: boolean;
  /** Solve once more as attempt 2 (unsolvable, timed out). */
  resolveAgain: boolean;
}

export type PollVerdict =
  | { next: 'wait'; patch: Partial<Job> }
  | { next: 'ready'; patch: Partial<Job>; token: string | null }
  | { next: 'fail'; patch: Partial<Job>; failure: PollFailure };

/** Poll times a job keeps (its storage stays bounded however long a task runs). */
export const POLL_TIMES_KEPT = 20;

/** Judge a poll reply (or the error it threw) at `now`, given the job's poll plan. */
export function judgePoll(
  job: Job,
  outcome: TaskResult | Error,
  now: number,
  plan: readonly number[],
  timing: PollTiming,
): PollVerdict {
  const verdict = judge(job, outcome, now, plan, timing);
  verdict.patch.pollTimes = [...(job.pollTimes ?? []), now].slice(-POLL_TIMES_KEPT);
  return verdict;
}

function judge(
  job: Job,
  outcome: TaskResult | Error,
  now: number,
  plan: readonly number[],
  timing: PollTiming,
): PollVerdict {
  const polls = job.polls + 1;
  const createdAt = job.taskCreatedAt ?? now;
  if (outcome instanceof Error) {
    const transientErrors = job.transientErrors + 1;
    const patch = { polls, transientErrors };
    if (!(outcome instanceof AnySolverError)) {
      return {
        next: 'fail',
        patch,
        failure: {
          code: 'UNEXPECTED',
          notice: { key: 'err_UNEXPECTED' },
          account: false,
          resolveAgain: false,
        },
      };
    }
    if (!outcome.retryable || transientErrors > MAX_TRANSIENT_POLL_ERRORS) {
      const failure = {
        code: outcome.errorCode,
        notice: outcome.notice,
        ...apiDescription(outcome),
        account: outcome.scope === 'account',
        resolveAgain: false,
      };
      return { next: 'fail', patch, failure };
    }
    return waitOrTimeout(patch, now, job, createdAt, plan, timing);
  }
  if (outcome.status === 'ready') {
    const patch = {
      polls,
      transientErrors: 0,
      readyAt: job.readyAt ?? now,
      cost: outcome.cost,
      provider: outcome.provider,
    };
    return { next: 'ready', patch, token: solutionToken(job.kind, outcome.solution) };
  }
  if (outcome.status === 'failed') {
    const code = outcome.error?.errorCode ?? 'UNKNOWN_ERROR';
    const info = describeError(code, outcome.error?.errorId);
    const resolveAgain = info.resolvable && job.attempt < 2;
    const notice = resolveAgain ? { ...info.notice, also: 'note_tryingOnceMore' } : info.notice;
    const description = outcome.error?.description;
    return {
      next: 'fail',
      patch: { polls, cost: outcome.cost ?? 0 },
      failure: {
        code,
        notice,
        ...(description ? { description } : {}),
        account: info.scope === 'account',
        resolveAgain,
      },
    };
  }
  // Still processing at `now`: the task becomes ready after this (what the solve-time learning needs).
  return waitOrTimeout(
    { polls, transientErrors: 0, lastProcessingAt: now },
    now,
    job,
    createdAt,
    plan,
    timing,
  );
}

function waitOrTimeout(
  patch: Partial<Job>,
  now: number,
  job: Job,
  createdAt: number,
  plan: readonly number[],
  timing: PollTiming,
): PollVerdict {
  const elapsed = now - createdAt;
  if (elapsed >= timing.timeoutMs) {
    const notice = { key: 'err_POLL_TIMEOUT', params: [Math.round(timing.timeoutMs / 1000)] };
    return {
      next: 'fail',
      patch,
      failure: { code: 'POLL_TIMEOUT', notice, account: false, resolveAgain: false },
    };
  }
  // The next point after the one just polled: a poll sent a few ms early (jobs due together are polled
  // together) must not find its own point still ahead and poll it again (measured: 1 task in 4 polled
  // twice, 20 ms apart).
  const polledPoint = Math.max(elapsed, (job.nextPollAt ?? now) - createdAt);
  return {
    next: 'wait',
    patch: { ...patch, nextPollAt: createdAt + nextPollOffset(plan, polledPoint, timing.intervalMs) },
  };
}

/** The API's own words for an error it sent (not for our transport codes), kept as data. */
function apiDescription(e: AnySolverError): { description?: string } {
  return e.errorId !== 0 && e.description ? { description: e.description } : {};
}
