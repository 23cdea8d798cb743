/**
 * The creating half of the cycle: start queued jobs while the limits allow, and call createTask EXACTLY
 * once per job. `creating` and createStartedAt are saved before the request, so a restart in the middle
 * finds the job `creating` and fails it as INTERRUPTED instead of paying twice.
 */
import { AnySolverError } from '../anysolver/errors';
import { buildTask } from '../anysolver/task-types';
import type { Settings } from '../settings';
import { accountBlockItem, historyItem } from '../storage';
import type { SolverContext } from './context';
import type { Job } from './jobs';
import { checkLimits } from './limits';
import { planFor } from './runner';
import { costEstimator, type JobMap } from './store';

type Outcome = { taskId: string } | { error: Error } | { invalid: string };

export function createStarter(ctx: SolverContext, schedule: (jobs: JobMap) => void) {
  const { deps, store, busy } = ctx;

  /** Move queued jobs to `creating` (oldest first) while limits allow, then create their tasks. */
  async function pump(): Promise<void> {
    // Every poll, report and cancel ends here: with nothing queued (nearly always), a read and nothing
    // else — no settings, history or stats read, no write, no badge update (the caller refreshed it).
    if (!Object.values(await store.all()).some((j) => j.status === 'queued')) return;
    const settings = await deps.readSettings();
    const starts = await store.mutate(async (jobs) => {
      if (await accountBlockItem.getValue()) return []; // the account is refused: queued jobs wait
      const list = Object.values(jobs);
      const history = await historyItem.getValue();
      const estimate = await costEstimator();
      const ready: Job[] = [];
      for (const job of list.filter((j) => j.status === 'queued').sort((a, b) => a.createdAt - b.createdAt)) {
        const verdict = checkLimits(job, list, history, settings.limits, estimate, deps.now());
        if (!verdict.ok && verdict.wait) break;
        if (!verdict.ok) {
          await ctx.finish(job, 'failed', { code: verdict.code, message: verdict.message });
          continue;
        }
        job.status = 'creating';
        job.createStartedAt = deps.now();
        busy.add(job.id);
        ready.push(job);
      }
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

  async function create(job: Job, settings: Settings) {
    const built = buildTask(job.widget);
    const outcome = await request(built, settings);
    const plan = built.ok ? await planFor(built.task.type, settings.polling) : [];
    busy.delete(job.id);
    await store.mutate(async (jobs) => {
      const j = jobs[job.id];
      if (j?.status !== 'creating') return; // cancelled meanwhile: a created task is simply not polled
      if (built.ok) j.taskType = built.task.type;
      if ('taskId' in outcome) {
        Object.assign(j, { taskId: outcome.taskId, taskCreatedAt: deps.now(), status: 'polling' } satisfies Partial<Job>);
        j.nextPollAt = deps.now() + (plan[0] ?? settings.polling.firstDelayMs);
        deps.notify(j);
      } else if ('invalid' in outcome) {
        await ctx.finish(j, 'failed', { code: 'INVALID_WIDGET', message: `This widget cannot be solved (${outcome.invalid}).` });
      } else await failWithError(j, outcome.error);
      schedule(jobs);
      await ctx.refreshBadge(jobs);
    });
    // A failure frees a slot (and a success may not have used the last one).
    if (!('taskId' in outcome)) void pump();
  }

  async function failWithError(job: Job, e: Error) {
    if (!(e instanceof AnySolverError)) return ctx.finish(job, 'failed', { code: 'UNEXPECTED', message: 'Something went wrong while solving.' });
    if (e.scope === 'account') await accountBlockItem.setValue({ code: e.errorCode, message: e.userMessage, at: deps.now() });
    return ctx.finish(job, 'failed', { code: e.errorCode, message: e.userMessage });
  }

  return { pump };
}
