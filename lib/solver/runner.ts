/**
 * The polling half of the cycle: in-memory timers while the worker lives, a watchdog alarm for when it
 * does not, one getTaskResult per due job, and delivery of the token (never an expired one).
 */
import { AnySolverError } from '../anysolver/errors';
import type { TaskResult } from '../anysolver/types';
import type { Settings } from '../settings';
import type { SolverContext } from './context';
import type { Job } from './jobs';
import { entryId, type Ledger, type LedgerEntry, nextSettleAt, settleAfter } from './ledger';
import { judgePoll } from './poll-outcome';
import { MARGIN_MS, planPolls } from './schedule';
import type { EngineStore, JobMap } from './store';

export const WATCHDOG_ALARM = 'solver-watchdog';
/** A job as read at a store write (`seq`): current while the store wrote nothing since. */
type Seen = { job: Job; seq: number };
/** A job due within this much is polled with one that is due now (one request burst, one wake). */
const DUE_SLACK_MS = 50;
/** Tokens live ~120 s [vendor behaviour]; never deliver one older than this. */
export const TOKEN_MAX_AGE_MS = 110_000;
/** Unpacked extensions may set alarms ~1 s ahead; the store minimum is longer and Chrome clamps it. */
const WATCHDOG_MIN_MS = 1000;
/** The timer of the settle polls (abandoned tasks) shares the timer map with the jobs' timers. */
const SETTLE_TIMER = '#settle';

export interface RunnerHooks {
  /** Start queued jobs (a poll that ends a job frees a slot). */
  pump: () => Promise<void>;
  /** Queue a finished job again as attempt 2 (the one automatic re-solve). */
  resolveAgain: (id: string) => Promise<void>;
}

/** The poll plan of a task type under the current settings. */
export async function planFor(
  store: Pick<EngineStore, 'solveTimes'>,
  taskType: string | undefined,
  polling: { firstDelayMs: number; intervalMs: number; timeoutMs: number; adaptive: boolean },
) {
  return planPolls(await store.solveTimes(taskType), polling, polling.adaptive);
}

export function createRunner(ctx: SolverContext, hooks: RunnerHooks) {
  const { deps, store, timers, busy } = ctx;
  const settling = new Set<string>();
  let settleArmedAt = Number.POSITIVE_INFINITY;

  /**
   * Arm a timer per polling job (and one for the settle polls), and the watchdog a little after the earliest.
   */
  function schedule(jobs: JobMap) {
    let earliest = ctx.settle.at ?? Number.POSITIVE_INFINITY;
    // One timer for the settle polls, moved earlier when an earlier one is due (a task just cancelled).
    if (ctx.settle.at !== undefined && !(settleArmedAt <= ctx.settle.at && timers.has(SETTLE_TIMER))) {
      const armed = timers.get(SETTLE_TIMER);
      if (armed !== undefined) deps.clearTimeout(armed);
      const fire = () => {
        timers.delete(SETTLE_TIMER);
        void pollDue();
      };
      settleArmedAt = ctx.settle.at;
      timers.set(SETTLE_TIMER, deps.setTimeout(fire, Math.max(0, ctx.settle.at - deps.now())));
    }
    for (const j of Object.values(jobs)) {
      if (j.status !== 'polling' || j.nextPollAt === undefined) continue;
      earliest = Math.min(earliest, j.nextPollAt);
      // A job being polled right now is re-armed when its poll ends (pollDue): a timer for it would fire at
      // once (its nextPollAt is past), find it busy and re-arm, spinning the worker for the whole request.
      if (timers.has(j.id) || busy.has(j.id)) continue;
      const id = j.id;
      const fire = () => {
        timers.delete(id);
        void pollDue();
      };
      timers.set(id, deps.setTimeout(fire, Math.max(0, j.nextPollAt - deps.now())));
    }
    // The alarm only matters if this worker is stopped: then it wakes a new one, which resumes.
    if (Number.isFinite(earliest)) {
      deps.alarms.create(WATCHDOG_ALARM, {
        when: Math.max(earliest + WATCHDOG_MIN_MS, deps.now() + WATCHDOG_MIN_MS),
      });
    } else deps.alarms.clear(WATCHDOG_ALARM);
  }

  /** Poll every polling job that is due and not already being polled by this worker. */
  async function pollDue(): Promise<void> {
    const { jobs, seq } = await store.snapshot();
    const due = Object.values(jobs).filter(
      (j) => j.status === 'polling' && (j.nextPollAt ?? 0) <= deps.now() + DUE_SLACK_MS && !busy.has(j.id),
    );
    await Promise.all(due.map((j) => poll(j.id, { job: j, seq })));
    if (!ctx.settle.loaded) await loadSettle(); // an alarm may wake a new worker before resume() ran
    if (ctx.settle.at !== undefined && ctx.settle.at <= deps.now() + DUE_SLACK_MS) await settleDue();
    // The polls just wrote the jobs: schedule from what they wrote (a timer left for a job cleared
    // meanwhile finds nothing due).
    schedule(store.unchangedSince(seq) ? jobs : await store.latest());
  }

  /**
   * Poll the abandoned tasks that are due for their cost (a cancelled job's task is paid for all the
   * same): a few times (SETTLE_OFFSETS_MS), then the estimate stays. The answer corrects the ledger, the
   * history record and the learned costs.
   */
  async function settleDue(): Promise<void> {
    const due = Object.values(await store.readLedger()).filter(
      (e) => e.settle && e.taskId && e.settle.nextAt <= deps.now() + DUE_SLACK_MS && !settling.has(e.id),
    );
    const key = due.length ? await deps.getKey() : null;
    await Promise.all(
      due.map(async (e) => {
        settling.add(e.id);
        try {
          let reply: TaskResult | Error;
          try {
            if (!key) throw new AnySolverError('NO_KEY', 'No client key saved.');
            reply = await deps.api.getTaskResult(key, e.taskId!);
          } catch (err) {
            reply = err instanceof Error ? err : new Error(String(err));
          }
          await store.serial(() => settleFrom(e.id, reply));
        } finally {
          settling.delete(e.id);
        }
      }),
    );
    // Recomputed from storage: the earliest of what is still settling (another worker may have changed it).
    ctx.settle.at = nextSettleAt(await store.readLedger());
    const t = timers.get(SETTLE_TIMER);
    if (t !== undefined) deps.clearTimeout(t);
    timers.delete(SETTLE_TIMER);
  }

  /** Apply one poll's answer to an abandoned task's entry (on the store's chain). */
  async function settleFrom(id: string, reply: TaskResult | Error) {
    const known = await store.changeLedger((ledger: Ledger): LedgerEntry | null => {
      const e = ledger[id];
      if (!e?.settle) return null;
      const final = !(reply instanceof Error) && reply.status !== 'processing';
      if (final) {
        // Ready: its cost (the estimate stays if the reply has none); failed: refunded [docs].
        e.cost = reply.status === 'ready' ? (reply.cost ?? e.estimate) : (reply.cost ?? 0);
        delete e.settle;
        return { ...e };
      }
      const next = settleAfter(e, e.settle.polls + 1, deps.now());
      if (next) e.settle = next;
      else delete e.settle; // bounded: the estimate stays
      return null;
    });
    if (!known || known.cost === undefined) return;
    await store.correctHistory(known.jobId, known.at, {
      cost: known.cost,
      costEstimated: false,
      taskId: known.taskId,
    });
    if (!(reply instanceof Error) && reply.status === 'ready' && reply.cost !== undefined && known.taskType)
      await store.learnCost(known.taskType, reply.cost);
  }

  /** Poll one job; `seen`: the job as pollDue read it (used while no write finished since). */
  async function poll(id: string, seen?: Seen) {
    busy.add(id);
    let token: string | null = null;
    let again = false;
    let ready: Seen | undefined;
    try {
      // The one settings read of the step: delivery and finishing use this snapshot.
      const settings = await deps.readSettings();
      const key = await deps.getKey();
      const job = seen && store.unchangedSince(seen.seq) ? seen.job : await store.get(id);
      // pollDue decided on a snapshot: another pollDue may have polled this job since. Only a job still
      // due is asked.
      if (job?.status !== 'polling' || !job.taskId || (job.nextPollAt ?? 0) > deps.now() + DUE_SLACK_MS)
        return;
      let outcome: TaskResult | Error;
      // What a reply says held when the question was asked: stamping it on arrival (a round trip later,
      // more with retries) would place every learned time late by that much.
      const askedAt = deps.now();
      try {
        if (!key) throw new AnySolverError('NO_KEY', 'No client key saved.');
        outcome = await deps.api.getTaskResult(key, job.taskId);
      } catch (e) {
        outcome = e instanceof Error ? e : new Error(String(e));
      }
      const plan = await planFor(store, job.taskType, settings.polling);
      const { seq } = await store.mutateAt(async (jobs) => {
        const j = jobs[id];
        if (j?.status !== 'polling') {
          // Cancelled while the request ran: a final answer settles the abandoned task's cost now.
          const settled =
            job.createStartedAt && !(outcome instanceof Error) && outcome.status !== 'processing';
          if (settled) await settleFrom(entryId(id, job.createStartedAt!), outcome);
          return;
        }
        const verdict = judgePoll(j, outcome, askedAt, plan, settings.polling);
        Object.assign(j, verdict.patch);
        if (verdict.next === 'fail') {
          if (verdict.failure.account)
            await store.items.accountBlock.setValue({
              code: verdict.failure.code,
              notice: verdict.failure.notice,
              at: deps.now(),
            });
          again = verdict.failure.resolveAgain;
          await ctx.finish(j, 'failed', verdict.failure, { retrying: again, settings });
        } else if (verdict.next === 'ready') {
          await store.learn(j.taskType ?? '', observedSolveMs(j, askedAt), j.cost);
          j.nextPollAt = undefined;
          token = verdict.token;
          if (!token)
            await ctx.finish(
              j,
              'failed',
              { code: 'BAD_RESPONSE', notice: { key: 'err_NO_TOKEN' } },
              { settings },
            );
          else ready = { job: j, seq: 0 };
        }
        // Most polls find the task still processing: the badge (jobs in flight) is unchanged then.
        if (j.status !== 'polling') await ctx.refreshBadge(jobs);
      });
      // Still marked busy: a watchdog firing meanwhile must not poll and deliver a second time.
      if (token) await deliver(id, token, settings, ready && { job: ready.job, seq });
    } finally {
      busy.delete(id);
    }
    if (again) await hooks.resolveAgain(id);
    void hooks.pump();
  }

  /**
   * Hand the token to the frame, unless it is too old; a job stays `polling` until this settles.
   * `ready`: the job as the poll's write left it (used while no write finished since).
   */
  async function deliver(id: string, token: string, settings: Settings, ready?: Seen) {
    const job = ready && store.unchangedSince(ready.seq) ? ready.job : await store.get(id);
    if (job?.status !== 'polling') return;
    const fresh = deps.now() - (job.readyAt ?? deps.now()) <= TOKEN_MAX_AGE_MS;
    let delivered = false;
    if (fresh) delivered = await deps.deliver(job, token, settings).catch(() => false);
    await store.mutate(async (jobs) => {
      const j = jobs[id];
      if (j?.status !== 'polling') return;
      if (!fresh)
        await ctx.finish(
          j,
          'expired',
          { code: 'TOKEN_EXPIRED', notice: { key: 'err_TOKEN_EXPIRED' } },
          { settings },
        );
      else if (!delivered)
        await ctx.finish(
          j,
          'undelivered',
          { code: 'UNDELIVERED', notice: { key: 'err_UNDELIVERED' } },
          { churned: true, settings },
        );
      else {
        j.filledAt = deps.now();
        await ctx.finish(j, 'solved', undefined, { token, settings });
      }
      await ctx.refreshBadge(jobs);
    });
  }

  /** Worker start: learn from storage when the earliest abandoned task is due (then schedule arms it). */
  async function loadSettle() {
    const at = nextSettleAt(await store.readLedger());
    ctx.settle.loaded = true;
    ctx.noteSettle(at);
  }

  return { schedule, pollDue, loadSettle };
}

/**
 * The solve time to learn from a job. Polls only see that a task became ready somewhere between the
 * last `processing` answer and the first `ready` one; learning the `ready` poll's time would bias every
 * sample late by up to a poll interval (the fixed schedule's own rhythm), and an adaptive plan built on
 * it would never poll earlier. The interval's midpoint is unbiased for a uniform ready time inside it.
 * With no earlier poll (the plan's first poll already found it ready) the sample is that poll's planned
 * time less the margin the plan adds, so a plan that works keeps its place instead of creeping later; if
 * tasks slow down, its polls answer `processing` and the midpoints move it.
 */
export function observedSolveMs(job: Job, now: number): number {
  const created = job.taskCreatedAt ?? now;
  const seen = job.readyAt ?? now;
  const lo = job.lastProcessingAt;
  if (lo !== undefined && lo < seen) return Math.max(0, (lo + seen) / 2 - created);
  // The point the plan scheduled, not when the reply arrived: the reply comes a round trip later, and a
  // margin smaller than that round trip made every sample, and so the plan, creep later task by task
  // (measured in the browser: 1–3 s tasks drifted from 3.0 s to ~3.5 s).
  const point = Math.min(seen, job.nextPollAt ?? seen);
  return Math.max(0, point - MARGIN_MS - created);
}
