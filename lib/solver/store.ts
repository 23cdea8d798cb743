/**
 * Storage access of the engine. Jobs change only through `mutate`, which serializes every
 * read-modify-write on a promise chain (one per worker lifetime), so two events cannot interleave.
 */
import { historyItem, jobsItem, type SolveStats, statsItem } from '../storage';
import { appendHistory, pushCapped } from './history';
import { type Job, toHistory } from './jobs';
import { estimateCost } from './limits';

export type JobMap = Record<string, Job>;

// Copies: an item returns its fallback object itself when storage is empty, and that must never be edited.
const readJobs = async (): Promise<JobMap> => ({ ...(await jobsItem.getValue()) });

/** The job table with a mutex around writes. */
export function createJobStore() {
  let chain: Promise<unknown> = Promise.resolve();
  // Tabs that have jobs, as of this worker's last write (null until known). Every frame navigation asks
  // whether its tab has any: answered from memory, it costs no storage read. It can only overstate (data
  // cleared from an extension page), which sends the question to storage: never a missed job.
  let tabs: Set<number> | null = null;
  const tabsOf = (jobs: JobMap) => new Set(Object.values(jobs).map((j) => j.tabId));
  return {
    /** A snapshot of every job (read-only use). */
    all: readJobs,
    /** Whether a tab may have jobs (false: certainly none). */
    async mayHaveJobs(tabId: number): Promise<boolean> {
      if (tabs) return tabs.has(tabId);
      const read = tabsOf(await readJobs());
      // A write that finished meanwhile knows better than this read.
      tabs ??= read;
      return tabs.has(tabId);
    },
    get: async (id: string): Promise<Job | undefined> => (await jobsItem.getValue())[id],
    /** Run `fn` on the current jobs and save what it changed; queued behind any mutation in progress. */
    mutate<T>(fn: (jobs: JobMap) => T | Promise<T>): Promise<T> {
      const run = chain.then(async () => {
        const jobs = await readJobs();
        const result = await fn(jobs);
        await jobsItem.setValue(jobs);
        tabs = tabsOf(jobs);
        return result;
      });
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
export type JobStore = ReturnType<typeof createJobStore>;

/** Append a finished job to the history (capped). */
export async function archive(job: Job, now: number, historyLimit: number): Promise<void> {
  await historyItem.setValue(appendHistory(await historyItem.getValue(), toHistory(job, now), historyLimit));
}

/** Learn a create→ready duration (and the cost, when known) for a task type. */
export async function learn(taskType: string, durationMs: number, cost: number | undefined): Promise<void> {
  const stats: SolveStats = { ...(await statsItem.getValue()) };
  const prev = stats[taskType];
  stats[taskType] = {
    durations: pushCapped(prev?.durations, durationMs),
    costs: cost !== undefined ? pushCapped(prev?.costs, cost) : (prev?.costs ?? []),
  };
  await statsItem.setValue(stats);
}

/** Learned solve times for a task type (empty without history). */
export const solveTimes = async (taskType: string | undefined): Promise<number[]> =>
  (await statsItem.getValue())[taskType ?? '']?.durations ?? [];

/** Cost estimator from the learned costs: median per type, else the default. */
export async function costEstimator(): Promise<(taskType: string | undefined) => number> {
  const stats = await statsItem.getValue();
  return (t) => estimateCost(t ? stats[t]?.costs : undefined);
}
