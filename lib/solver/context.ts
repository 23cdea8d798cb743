/**
 * What the engine's parts share for one worker lifetime: the injected dependencies, the job store, the
 * in-memory timers and the set of jobs whose request runs in this worker (a `creating` job missing from
 * it after a restart was interrupted).
 */
import type { AnySolverClient } from '../anysolver/types';
import type { Settings } from '../settings';
import type { EngineStorage } from '../storage-items';
import { type Announce, finishStep } from './announce';
import { finishPatch, isActive, type Job, type JobError, type JobStatus } from './jobs';
import { entryId, settleAfter } from './ledger';
import { createEngineStore, type JobMap } from './store';

export type Timer = ReturnType<typeof setTimeout>;

/**
 * What `prepareWidget` found for a starting job: the image to send (and whether it was fetched), or why not.
 */
export type Prepared = { ok: true; imageBase64?: string; fetched?: boolean } | ({ ok: false } & JobError);

export interface SolverDeps {
  api: AnySolverClient;
  /** Where the engine keeps its state (lib/storage-items.ts: `engineStorage`). */
  storage: EngineStorage;
  getKey: () => Promise<string | null>;
  readSettings: () => Promise<Settings>;
  /**
   * Send the token to the job's frame; true when the content script filled it. `settings`: the
   * snapshot the step read (autoSubmit), so delivering reads none.
   */
  deliver: (job: Job, token: string, settings: Settings) => Promise<boolean>;
  /** Status to the content script and popup; fire and forget. `settings`: the step's, when it has one. */
  notify: (job: Job, settings?: Settings) => void;
  setBadge: (tabId: number | null, text: string, color: string) => void;
  alarms: { create(name: string, info: { when: number }): void; clear(name: string): void };
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => Timer;
  clearTimeout: (t: Timer) => void;
  /**
   * Ids of the tabs open now. A browser restart closes tabs without tabs.onRemoved, so resume() cancels
   * the jobs of tabs that no longer exist instead of paying for them. Optional (tests may omit it).
   */
  liveTabs?: () => Promise<number[]>;
  /**
   * Called for an image-text job once its limits passed, before createTask: reads the image the user
   * sees (lib/background/image-flow.ts). A fetch it makes counts in the limits like a task.
   */
  prepareWidget?: (job: Job) => Promise<Prepared>;
  /**
   * Each step of a job as a solve event for its page (lib/solver/announce.ts), in order; the announcer
   * decides whether the setting lets it reach the page. Optional (tests may omit it).
   */
  announce?: Announce;
}

/** How a job ends, beyond its status and error. */
export interface FinishOptions {
  /** Its widget went away before the token (limits.ts counts such a start twice). */
  churned?: boolean;
  /** The engine solves it once more by itself (the solve event says so). */
  retrying?: boolean;
  /** solved: the token just delivered (the solve event carries it to the page that has it). */
  token?: string;
  /** No solve event: the page that had the widget is gone (navigated, tab closed). */
  quiet?: boolean;
  /** The settings the step already read (one read per step): finishing then reads none. */
  settings?: Settings;
}

const BADGE_BUSY = '#2563eb';
const BADGE_ERROR = '#dc2626';

/** Shared state and helpers of one engine instance. */
export function createContext(deps: SolverDeps) {
  const timers = new Map<string, Timer>();
  const busy = new Set<string>();
  const store = createEngineStore(deps.storage);
  /** When the earliest abandoned task is due to be polled for its cost (runner.ts), if any. */
  const settle = { at: undefined as number | undefined, loaded: false };
  const noteSettle = (at: number | undefined) => {
    if (at !== undefined && (settle.at === undefined || at < settle.at)) settle.at = at;
  };

  function clearTimer(id: string) {
    const t = timers.get(id);
    if (t !== undefined) deps.clearTimeout(t);
    timers.delete(id);
  }

  /**
   * End a job (inside a mutation): stop its timer, tell the page, archive it if it reached the API, and
   * close its ledger entry — with the actual cost when known; a task abandoned before its cost was
   * known (cancelled) is polled a few more times for it (runner.ts), and keeps its estimate otherwise.
   */
  async function finish(job: Job, status: JobStatus, error?: JobError, opts: FinishOptions = {}) {
    Object.assign(job, finishPatch(status, deps.now(), error));
    clearTimer(job.id);
    deps.notify(job, opts.settings);
    const step = opts.quiet ? null : finishStep(status, job.errorCode);
    if (step) deps.announce?.(job, step, { retrying: opts.retrying, token: opts.token }, opts.settings);
    // A sighting that never became a task (cancelled, stopped by a limit) costs nothing and is not history.
    const startedAt = job.createStartedAt;
    if (!startedAt) return;
    const { historyLimit } = opts.settings ?? (await deps.readSettings());
    await store.archive(job, deps.now(), historyLimit);
    const next = await store.changeLedger((ledger) => {
      const e = ledger[entryId(job.id, startedAt)];
      if (!e) return undefined;
      e.outcome = status === 'solved' ? 'delivered' : 'not-delivered';
      // Its widget went away before the token (limits.ts counts such a start twice).
      if (opts.churned && status !== 'solved') e.churned = true;
      if (job.taskType) e.taskType = job.taskType;
      if (job.taskId) e.taskId = job.taskId;
      if (job.cost !== undefined) {
        e.cost = job.cost;
        delete e.settle;
      } else if (job.taskId && status === 'cancelled') e.settle = settleAfter(e, 0, deps.now());
      return e.settle?.nextAt;
    });
    noteSettle(next);
  }

  /** Badge: jobs in flight per tab, or a red '!' everywhere while the account is blocked. */
  async function refreshBadge(jobs: JobMap) {
    const block = await store.items.accountBlock.getValue();
    const perTab = new Map<number, number>();
    for (const j of Object.values(jobs))
      perTab.set(j.tabId, (perTab.get(j.tabId) ?? 0) + (isActive(j) ? 1 : 0));
    const color = block ? BADGE_ERROR : BADGE_BUSY;
    for (const [tabId, n] of perTab) deps.setBadge(tabId, block ? '!' : n ? String(n) : '', color);
    deps.setBadge(null, block ? '!' : '', color);
  }

  return { deps, store, timers, busy, settle, noteSettle, clearTimer, finish, refreshBadge };
}
export type SolverContext = ReturnType<typeof createContext>;
