/**
 * Storage access of the engine, over the items it is given (`SolverDeps.storage`: lib/storage-items.ts
 * in the background, the same items over the fake browser in tests). Jobs change only through
 * `mutate`, which serializes every read-modify-write on a promise chain (one per worker lifetime), so
 * two events cannot interleave.
 */
import type { EngineStorage, Item, SolveStats } from '../storage-items';
import { appendHistory, pushCapped } from './history';
import { type HistoryRecord, type Job, toHistory } from './jobs';
import type { Ledger } from './ledger';
import { estimateCost } from './limits';

export type JobMap = Record<string, Job>;

/** The job table with a mutex around writes. */
export function createJobStore(jobsItem: Item<JobMap>) {
  // Copies: an item returns its fallback object itself when storage is empty, and that must never be
  // edited.
  const readJobs = async (): Promise<JobMap> => ({ ...(await jobsItem.getValue()) });
  let chain: Promise<unknown> = Promise.resolve();
  // Tabs that have jobs, as of this worker's last write (null until known). Every frame navigation asks
  // whether its tab has any: answered from memory, it costs no storage read. It can only overstate (data
  // cleared from an extension page), which sends the question to storage: never a missed job.
  let tabs: Set<number> | null = null;
  const tabsOf = (jobs: JobMap) => new Set(Object.values(jobs).map((j) => j.tabId));
  // Whether a job waits in the queue, as of this worker's last write (null until known): every poll,
  // report and cancel ends in a pump that asks. Only this store adds jobs, so it can only overstate
  // (data cleared), which sends the question to storage.
  let queued: boolean | null = null;
  const queuedIn = (jobs: JobMap) => Object.values(jobs).some((j) => j.status === 'queued');
  // Writes this store finished. A job read at `seq` is still current when no write finished since —
  // unless storage was cleared meanwhile (data:clearAll), which only removes jobs.
  let writes = 0;
  // The jobs as this store last wrote them (read-only), current while `writes` is `last.seq`.
  let last: { jobs: JobMap; seq: number } | null = null;
  /** Run `fn` on the current jobs and save what it changed; `seq` names the write. */
  function mutateAt<T>(fn: (jobs: JobMap) => T | Promise<T>): Promise<{ result: T; seq: number }> {
    const run = chain.then(async () => {
      const jobs = await readJobs();
      const result = await fn(jobs);
      await jobsItem.setValue(jobs);
      tabs = tabsOf(jobs);
      queued = queuedIn(jobs);
      last = { jobs, seq: ++writes };
      return { result, seq: writes };
    });
    chain = run.catch(() => undefined);
    return run;
  }
  return {
    /** A snapshot of every job (read-only use). */
    all: readJobs,
    /** A snapshot of every job, and the write it is current as of (for `unchangedSince`). */
    async snapshot(): Promise<{ jobs: JobMap; seq: number }> {
      const seq = writes;
      return { jobs: await readJobs(), seq };
    },
    /** The jobs as of the last write when this store wrote them (read-only use), else a read. */
    latest: async (): Promise<JobMap> => (last && last.seq === writes ? { ...last.jobs } : readJobs()),
    /** Whether no write of this store finished since `seq` (a job read then is still current). */
    unchangedSince: (seq: number): boolean => writes === seq,
    /** Whether a tab may have jobs (false: certainly none). */
    async mayHaveJobs(tabId: number): Promise<boolean> {
      if (tabs) return tabs.has(tabId);
      const read = tabsOf(await readJobs());
      // A write that finished meanwhile knows better than this read.
      tabs ??= read;
      return tabs.has(tabId);
    },
    /** Whether a job may wait in the queue (false: certainly none). */
    async mayHaveQueued(): Promise<boolean> {
      if (queued !== null) return queued;
      const read = queuedIn(await readJobs());
      queued ??= read;
      return queued;
    },
    get: async (id: string): Promise<Job | undefined> => (await jobsItem.getValue())[id],
    /** Run `fn` on the current jobs and save what it changed; queued behind any mutation in progress. */
    mutate: async <T>(fn: (jobs: JobMap) => T | Promise<T>): Promise<T> => (await mutateAt(fn)).result,
    mutateAt,
    /** Run `fn` on the same chain without reading or writing the jobs (ledger-only work). */
    serial<T>(fn: () => Promise<T>): Promise<T> {
      const run = chain.then(fn);
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
export type JobStore = ReturnType<typeof createJobStore>;

/**
 * The engine's storage: the job table (above) and the history, ledger and learned stats, over the given
 * items; the account block, paused sites and per-tab counts as the items themselves.
 */
export function createEngineStore(items: EngineStorage) {
  /** Append a finished job to the history (capped). */
  async function archive(job: Job, now: number, historyLimit: number): Promise<void> {
    await items.history.setValue(
      appendHistory(await items.history.getValue(), toHistory(job, now), historyLimit),
    );
  }

  /** A copy of the spend ledger (lib/solver/ledger.ts). */
  const readLedger = async (): Promise<Ledger> => ({ ...(await items.ledger.getValue()) });

  /** Change the ledger (call on the store's chain: inside `mutate` or `serial`). */
  async function changeLedger<T>(fn: (ledger: Ledger) => T): Promise<T> {
    const ledger = await readLedger();
    const result = fn(ledger);
    await items.ledger.setValue(ledger);
    return result;
  }

  /** Correct the history record of one attempt (a cost learned after the job ended). */
  async function correctHistory(
    jobId: string,
    startedAt: number,
    patch: Partial<HistoryRecord>,
  ): Promise<void> {
    const history = await items.history.getValue();
    const i = history.findLastIndex((h) => h.jobId === jobId && h.startedAt === startedAt);
    if (i < 0) return;
    const next = [...history];
    const { costEstimated: _was, ...rest } = { ...next[i]!, ...patch };
    next[i] = patch.costEstimated ? { ...rest, costEstimated: true } : rest;
    await items.history.setValue(next);
  }

  /** Learn a cost alone (a task settled after its job ended: its timing says nothing about solve times). */
  async function learnCost(taskType: string, cost: number): Promise<void> {
    const stats: SolveStats = { ...(await items.stats.getValue()) };
    const prev = stats[taskType];
    stats[taskType] = { durations: prev?.durations ?? [], costs: pushCapped(prev?.costs, cost) };
    await items.stats.setValue(stats);
  }

  /** Learn a create→ready duration (and the cost, when known) for a task type. */
  async function learn(taskType: string, durationMs: number, cost: number | undefined): Promise<void> {
    const stats: SolveStats = { ...(await items.stats.getValue()) };
    const prev = stats[taskType];
    stats[taskType] = {
      durations: pushCapped(prev?.durations, durationMs),
      costs: cost !== undefined ? pushCapped(prev?.costs, cost) : (prev?.costs ?? []),
    };
    await items.stats.setValue(stats);
  }

  /** Learned solve times for a task type (empty without history). */
  const solveTimes = async (taskType: string | undefined): Promise<number[]> =>
    (await items.stats.getValue())[taskType ?? '']?.durations ?? [];

  /** The lowest estimate of any learned type (else the default): below it, no task can start. */
  async function cheapestEstimate(): Promise<number> {
    const estimates = Object.values(await items.stats.getValue())
      .filter((s) => s.costs.length)
      .map((s) => estimateCost(s.costs));
    return estimates.length ? Math.min(...estimates) : estimateCost(undefined);
  }

  /** Cost estimator from the learned costs: median per type, else the default. */
  async function costEstimator(): Promise<(taskType: string | undefined) => number> {
    const stats = await items.stats.getValue();
    return (t) => estimateCost(t ? stats[t]?.costs : undefined);
  }

  return {
    ...createJobStore(items.jobs),
    items,
    archive,
    readLedger,
    changeLedger,
    correctHistory,
    learnCost,
    learn,
    solveTimes,
    cheapestEstimate,
    costEstimator,
  };
}
export type EngineStore = ReturnType<typeof createEngineStore>;
