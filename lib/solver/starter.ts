/**
 * The creating half of the cycle: start queued jobs while the limits allow, and call createTask EXACTLY
 * once per job. `creating`, createStartedAt and the job's ledger entry (its reservation toward the daily
 * cap) are saved before the request, so a restart in the middle finds the job `creating` and fails it
 * as INTERRUPTED instead of paying twice — and the start stays counted at its estimate.
 */
import { AnySolverError } from '../anysolver/errors';
import { buildTask } from '../anysolver/task-types';
import type { Settings } from '../settings';
import type { Prepared, SolverContext } from './context';
import type { Job, JobError } from './jobs';
import { entryId, type Ledger, pruneLedger, settleAfter } from './ledger';
import { checkLimits, jobSites } from './limits';
import { planFor } from './runner';
import type { JobMap } from './store';

/**
 * Errors that prove no task was created (an API error reply, or a request never sent): the start costs
 * nothing. A transport failure or an unreadable reply may follow a task the API created and charged.
 */
const MAYBE_CHARGED = new Set(['NETWORK_ERROR', 'TIMEOUT', 'BAD_RESPONSE']);
export const notCharged = (e: Error) =>
  e instanceof AnySolverError && !(e.errorId === 0 && MAYBE_CHARGED.has(e.errorCode));

type Outcome = { taskId: string } | { error: Error } | { invalid: string } | { unprepared: JobError };

export function createStarter(ctx: SolverContext, schedule: (jobs: JobMap) => void) {
  const { deps, store, busy } = ctx;

  /** Move queued jobs to `creating` (oldest first) while limits allow, then create their tasks. */
  async function pump(): Promise<void> {
    // Every poll, report and cancel ends here: with nothing queued (nearly always), nothing read (the
    // store knows from its last write) — no settings, history or stats read, no write, no badge update
    // (the caller refreshed it).
    if (!(await store.mayHaveQueued())) return;
    const settings = await deps.readSettings();
    const starts = await store.mutate(async (jobs) => {
      if (await store.items.accountBlock.getValue()) return []; // the account is refused: queued jobs wait
      const list = Object.values(jobs);
      const ledger: Ledger = pruneLedger(await store.readLedger(), deps.now());
      const estimate = await store.costEstimator();
      const ready: Job[] = [];
      for (const job of list.filter((j) => j.status === 'queued').sort((a, b) => a.createdAt - b.createdAt)) {
        // The type decides the estimate the limits reserve (buildTask is pure and cheap).
        const built = buildTask(job.widget);
        if (built.ok) job.taskType = built.task.type;
        const verdict = checkLimits(job, list, ledger, settings.limits, estimate, deps.now());
        // Every slot taken: nothing else can start. This site at its fair share: others still may.
        if (!verdict.ok && verdict.wait && verdict.scope === 'all') break;
        if (!verdict.ok && verdict.wait) continue;
        if (!verdict.ok) {
          await ctx.finish(job, 'failed', { code: verdict.code, notice: verdict.notice });
          continue;
        }
        job.status = 'creating';
        job.createStartedAt = deps.now();
        job.estimate = estimate(job.taskType);
        // Counted from now on: the next job in this loop already sees it.
        const id = entryId(job.id, job.createStartedAt);
        const { site, topSite } = jobSites(job);
        ledger[id] = {
          id,
          jobId: job.id,
          at: job.createStartedAt,
          tabId: job.tabId,
          origin: job.origin,
          site,
          topSite,
          gesture: job.gesture === true,
          taskType: job.taskType,
          estimate: job.estimate,
          outcome: 'open',
        };
        busy.add(job.id);
        ready.push(job);
      }
      if (ready.length) await store.changeLedger((l) => Object.assign(l, ledger));
      await ctx.refreshBadge(jobs);
      return ready;
    });
    // Not awaited: a report must not wait for the API. A storage failure leaves the job `creating`,
    // which the next resume() turns into INTERRUPTED: never a second createTask.
    for (const job of starts) void create(job, settings).catch(() => undefined);
  }

  async function request(built: ReturnType<typeof buildTask>, settings: Settings): Promise<Outcome> {
    if (!built.ok) return { invalid: built.reason };
    const key = await deps.getKey();
    if (!key) return { error: new AnySolverError('NO_KEY', 'No client key saved.') };
    try {
      return { taskId: await deps.api.createTask(key, built.task, settings.routing) };
    } catch (e) {
      return { error: e instanceof Error ? e : new Error(String(e)) };
    }
  }

  /** An image job's image, read only now that its limits passed (see SolverDeps.prepareWidget). */
  async function prepare(job: Job): Promise<Prepared> {
    if (job.kind !== 'image-text' || !deps.prepareWidget) return { ok: true };
    return deps
      .prepareWidget(job)
      .catch(() => ({ ok: false, code: 'IMAGE_UNREADABLE', notice: { key: 'err_IMAGE_UNREADABLE' } }));
  }

  async function create(job: Job, settings: Settings) {
    const prepared = await prepare(job);
    const widget =
      prepared.ok && prepared.imageBase64 ? { ...job.widget, imageBase64: prepared.imageBase64 } : job.widget;
    const built = buildTask(widget);
    const outcome: Outcome = prepared.ok ? await request(built, settings) : { unprepared: prepared };
    const plan = built.ok ? await planFor(store, built.task.type, settings.polling) : [];
    busy.delete(job.id);
    const free = !('taskId' in outcome) && !('error' in outcome && !notCharged(outcome.error));
    if (prepared.ok && prepared.fetched) await store.serial(() => markFetched(job));
    await store.mutate(async (jobs) => {
      const j = jobs[job.id];
      // Cancelled meanwhile (and maybe started again since: that is another attempt, with its own entry).
      if (j?.status !== 'creating' || j.createStartedAt !== job.createStartedAt) {
        await abandoned(job, outcome, free);
        return schedule(jobs);
      }
      if (built.ok) j.taskType = built.task.type;
      if (free) j.cost = 0;
      if ('taskId' in outcome) {
        Object.assign(j, {
          taskId: outcome.taskId,
          taskCreatedAt: deps.now(),
          status: 'polling',
        } satisfies Partial<Job>);
        j.nextPollAt = deps.now() + (plan[0] ?? settings.polling.firstDelayMs);
        deps.notify(j, settings);
        deps.announce?.(j, 'solving', {}, settings);
      } else if ('invalid' in outcome) {
        await ctx.finish(j, 'failed', {
          code: 'INVALID_WIDGET',
          notice: { key: 'err_INVALID_WIDGET', params: [outcome.invalid] },
        });
      } else if ('unprepared' in outcome) await ctx.finish(j, 'failed', outcome.unprepared);
      else await failWithError(j, outcome.error);
      schedule(jobs);
      await ctx.refreshBadge(jobs);
    });
    // A failure frees a slot (and a success may not have used the last one).
    if (!('taskId' in outcome)) void pump();
  }

  /** The image flow fetched this start's image: it weighs one more task in the site budgets. */
  async function markFetched(job: Job) {
    await store.changeLedger((ledger) => {
      const e = ledger[entryId(job.id, job.createStartedAt!)];
      if (e) e.fetched = true;
    });
  }

  /**
   * The job ended while its createTask ran: the start stays counted. A task the API accepted is polled a
   * few times for its cost (it is paid even though nobody will use it); a refusal costs nothing.
   */
  async function abandoned(job: Job, outcome: Outcome, free: boolean) {
    const startedAt = job.createStartedAt!;
    const next = await store.changeLedger((ledger) => {
      const e = ledger[entryId(job.id, startedAt)];
      if (!e) return undefined;
      if ('taskId' in outcome) {
        e.taskId = outcome.taskId;
        e.settle = settleAfter(e, 0, deps.now());
      } else if (free) e.cost = 0;
      return e.settle?.nextAt;
    });
    ctx.noteSettle(next);
    if (free) await store.correctHistory(job.id, startedAt, { cost: 0, costEstimated: false });
    else if ('taskId' in outcome) await store.correctHistory(job.id, startedAt, { taskId: outcome.taskId });
  }

  async function failWithError(job: Job, e: Error) {
    if (!(e instanceof AnySolverError))
      return ctx.finish(job, 'failed', { code: 'UNEXPECTED', notice: { key: 'err_UNEXPECTED' } });
    if (e.scope === 'account')
      await store.items.accountBlock.setValue({ code: e.errorCode, notice: e.notice, at: deps.now() });
    // The API's own description (errorId ≠ 0) is kept as data beside the notice; our transport codes have
    // none.
    const description = e.errorId !== 0 && e.description ? { description: e.description } : {};
    return ctx.finish(job, 'failed', { code: e.errorCode, notice: e.notice, ...description });
  }

  return { pump };
}
