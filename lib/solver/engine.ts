/**
 * The solve engine: owns every job from detection to delivery. State lives in storage (lib/storage.ts),
 * never only in memory: MV3 stops the worker at will, so every entry point is safe to run again after a
 * restart. Fast in-memory timers drive polls while the worker lives; a chrome.alarms watchdog resumes
 * them after it was stopped. Exactly one createTask per job: a job found `creating` after a restart is
 * failed as INTERRUPTED, never re-created (it may have been charged).
 */
import { AnySolverError, describeError } from '../anysolver/errors';
import { buildTask, isSolvable, solutionToken } from '../anysolver/task-types';
import type { AnySolverClient } from '../anysolver/types';
import type { DetectedWidget } from '../captcha/types';
import type { Settings } from '../settings';
import { accountBlockItem, historyItem, jobsItem, pausedSitesItem, statsItem } from '../storage';
import { appendHistory, computeTotals, pushCapped } from './history';
import { isActive, isInFlight, type Job, jobKey, toHistory } from './jobs';
import { checkLimits, estimateCost, MAX_JOBS_PER_TAB } from './limits';
import { nextPollOffset, planPolls } from './schedule';
import { siteAllowed } from './site-rules';

export const WATCHDOG_ALARM = 'solver-watchdog';
/** Tokens live ~120 s [vendor behaviour]; never deliver one older than this. */
export const TOKEN_MAX_AGE_MS = 110_000;
/** Consecutive transport failures tolerated while polling (each already retried by the client). */
export const MAX_TRANSIENT_POLL_ERRORS = 5;

type Timer = ReturnType<typeof setTimeout>;

export interface SolverDeps {
  api: AnySolverClient;
  getKey: () => Promise<string | null>;
  readSettings: () => Promise<Settings>;
  /** Send the token to the job's frame; true when the content script filled it. */
  deliver: (job: Job, token: string) => Promise<boolean>;
  /** Status to the content script (badge, v3 release); fire and forget. */
  notify: (job: Job) => void;
  setBadge: (tabId: number | null, text: string, color: string) => void;
  alarms: { create(name: string, info: { when: number }): void; clear(name: string): void };
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => Timer;
  clearTimeout: (t: Timer) => void;
}

export interface ReportSender {
  tabId: number;
  frameId: number;
  documentId?: string;
  frameUrl: string;
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
};

/** Create the engine. One per worker lifetime; all state is in storage. */
export function createSolver(deps: SolverDeps) {
  const { api, now } = deps;
  const timers = new Map<string, Timer>();
  /** Jobs whose createTask or poll runs in this worker (a `creating` job not here was interrupted). */
  const busy = new Set<string>();
  let chain: Promise<unknown> = Promise.resolve();

  /** Serialize read-modify-write of the jobs so two events cannot interleave. */
  function locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  }

  async function mutate<T>(fn: (jobs: Record<string, Job>) => T | Promise<T>): Promise<T> {
    return locked(async () => {
      // A copy: storage may hand back its fallback object itself, which must never be mutated.
      const jobs = structuredClone(await jobsItem.getValue());
      const result = await fn(jobs);
      await jobsItem.setValue(jobs);
      return result;
    });
  }

  async function finish(job: Job, status: Job['status'], error?: { code: string; message: string }) {
    job.status = status;
    job.finishedAt = now();
    job.nextPollAt = undefined;
    if (error) {
      job.errorCode = error.code;
      job.errorMessage = error.message;
    }
    clearTimer(job.id);
    deps.notify(job);
    // Only jobs that reached the API are history (a cancelled sighting is not a task).
    if (job.createStartedAt) {
      const { historyLimit } = await deps.readSettings();
      await historyItem.setValue(appendHistory(await historyItem.getValue(), toHistory(job, now()), historyLimit));
    }
  }

  function clearTimer(id: string) {
    const t = timers.get(id);
    if (t !== undefined) deps.clearTimeout(t);
    timers.delete(id);
  }

  async function refreshBadge(jobs: Record<string, Job>) {
    const block = await accountBlockItem.getValue();
    const perTab = new Map<number, number>();
    for (const j of Object.values(jobs)) perTab.set(j.tabId, (perTab.get(j.tabId) ?? 0) + (isActive(j) ? 1 : 0));
    for (const [tabId, n] of perTab) deps.setBadge(tabId, block ? '!' : n ? String(n) : '', block ? '#dc2626' : '#2563eb');
    if (block) deps.setBadge(null, '!', '#dc2626');
    else deps.setBadge(null, '', '#2563eb');
  }

  /** Arm the in-memory timer and the watchdog alarm for the earliest due poll. */
  function schedule(jobs: Record<string, Job>) {
    let earliest = Number.POSITIVE_INFINITY;
    for (const j of Object.values(jobs)) {
      if (j.status !== 'polling' || j.nextPollAt === undefined) continue;
      earliest = Math.min(earliest, j.nextPollAt);
      if (!timers.has(j.id)) {
        const id = j.id;
        timers.set(id, deps.setTimeout(() => {
          timers.delete(id);
          void pollDue();
        }, Math.max(0, j.nextPollAt - now())));
      }
    }
    // The alarm only matters if this worker dies: fire a little after the timer would.
    if (Number.isFinite(earliest)) deps.alarms.create(WATCHDOG_ALARM, { when: Math.max(earliest + 1000, now() + 1000) });
    else deps.alarms.clear(WATCHDOG_ALARM);
  }

  /** Start queued jobs while limits allow. */
  async function pump(): Promise<void> {
    const settings = await deps.readSettings();
    const starts = await mutate(async (jobs) => {
      const list = Object.values(jobs);
      if (await accountBlockItem.getValue()) return [];
      const history = await historyItem.getValue();
      const stats = await statsItem.getValue();
      const estimate = (t?: string) => estimateCost(t ? stats[t]?.costs : undefined);
      const ready: Job[] = [];
      for (const job of list.filter((j) => j.status === 'queued').sort((a, b) => a.createdAt - b.createdAt)) {
        const verdict = checkLimits(job, list, history, settings.limits, estimate, now());
        if (!verdict.ok && verdict.wait) break;
        if (!verdict.ok) {
          await finish(job, 'failed', { code: verdict.code, message: verdict.message });
          continue;
        }
        job.status = 'creating';
        job.createStartedAt = now();
        busy.add(job.id);
        ready.push(job);
      }
      await refreshBadge(jobs);
      return ready;
    });
    for (const job of starts) void create(job.id, settings);
  }

  async function create(id: string, settings: Settings) {
    const key = await deps.getKey();
    const job = (await jobsItem.getValue())[id];
    if (!job) return void busy.delete(id);
    const built = buildTask(job.widget);
    let result: { taskId: string } | { error: AnySolverError | Error } | { invalid: string };
    if (!key) result = { error: new AnySolverError('NO_KEY', 'No client key saved.') };
    else if (!built.ok) result = { invalid: built.reason };
    else {
      try {
        result = { taskId: await api.createTask(key, built.task, settings.routing) };
      } catch (e) {
        result = { error: e instanceof Error ? e : new Error(String(e)) };
      }
    }
    busy.delete(id);
    await mutate(async (jobs) => {
      const j = jobs[id];
      if (j?.status !== 'creating') return; // cancelled meanwhile: a created task is simply not polled
      if (built.ok) j.taskType = built.task.type;
      if ('taskId' in result) {
        const stats = await statsItem.getValue();
        j.taskId = result.taskId;
        j.taskCreatedAt = now();
        j.status = 'polling';
        j.nextPollAt = j.taskCreatedAt + planFor(j, stats, settings)[0]!;
        deps.notify(j);
      } else if ('invalid' in result) {
        await finish(j, 'failed', { code: 'INVALID_WIDGET', message: `This widget cannot be solved (${result.invalid}).` });
      } else {
        await failWithError(j, result.error);
      }
      schedule(jobs);
      await refreshBadge(jobs);
    });
    void pump();
  }

  function planFor(job: Job, stats: Awaited<ReturnType<typeof statsItem.getValue>>, settings: Settings) {
    return planPolls(stats[job.taskType ?? '']?.durations ?? [], settings.polling, settings.polling.adaptive);
  }

  async function failWithError(job: Job, e: Error) {
    if (e instanceof AnySolverError) {
      if (e.scope === 'account') await accountBlockItem.setValue({ code: e.errorCode, message: e.userMessage, at: now() });
      await finish(job, 'failed', { code: e.errorCode, message: e.userMessage });
    } else {
      await finish(job, 'failed', { code: 'UNEXPECTED', message: 'Something went wrong while solving.' });
    }
  }

  /** Poll every polling job that is due (timer or watchdog). */
  async function pollDue(): Promise<void> {
    const due = Object.values(await jobsItem.getValue()).filter(
      (j) => j.status === 'polling' && (j.nextPollAt ?? 0) <= now() + 50 && !busy.has(j.id),
    );
    await Promise.all(due.map((j) => poll(j.id)));
    const jobs = await jobsItem.getValue();
    schedule(jobs);
  }

  async function poll(id: string) {
    busy.add(id);
    try {
      const settings = await deps.readSettings();
      const key = await deps.getKey();
      const job = (await jobsItem.getValue())[id];
      if (job?.status !== 'polling' || !job.taskId) return;
      if (!key) return void (await mutate(async (jobs) => jobs[id] && failWithError(jobs[id], new AnySolverError('NO_KEY', 'No key.'))));
      let outcome: Awaited<ReturnType<AnySolverClient['getTaskResult']>> | Error;
      try {
        outcome = await api.getTaskResult(key, job.taskId);
      } catch (e) {
        outcome = e instanceof Error ? e : new Error(String(e));
      }
      let deliverToken: string | null = null;
      let resolveAgain = false;
      await mutate(async (jobs) => {
        const j = jobs[id];
        if (j?.status !== 'polling') return;
        j.polls++;
        const elapsed = now() - (j.taskCreatedAt ?? now());
        if (outcome instanceof Error) {
          j.transientErrors++;
          const transient = outcome instanceof AnySolverError && outcome.retryable;
          if (!transient || j.transientErrors > MAX_TRANSIENT_POLL_ERRORS) return failWithError(j, outcome);
        } else if (outcome.status === 'ready') {
          j.transientErrors = 0;
          j.readyAt ??= now(); // kept across a restart: the token's age counts from the first ready
          j.cost = outcome.cost;
          j.provider = outcome.provider;
          deliverToken = solutionToken(j.kind, outcome.solution);
          const stats = structuredClone(await statsItem.getValue());
          const type = j.taskType ?? '';
          stats[type] = {
            durations: pushCapped(stats[type]?.durations, j.readyAt - (j.taskCreatedAt ?? j.readyAt)),
            costs: outcome.cost !== undefined ? pushCapped(stats[type]?.costs, outcome.cost) : (stats[type]?.costs ?? []),
          };
          await statsItem.setValue(stats);
          if (!deliverToken) return finish(j, 'failed', { code: 'BAD_RESPONSE', message: 'The solution had no token.' });
          j.nextPollAt = undefined;
          return;
        } else if (outcome.status === 'failed') {
          const code = outcome.error?.errorCode ?? 'UNKNOWN_ERROR';
          const info = describeError(code, outcome.error?.errorId);
          j.cost = outcome.cost ?? 0;
          if (info.resolvable && j.attempt < 2) {
            resolveAgain = true;
            return finish(j, 'failed', { code, message: `${info.userMessage} Trying once more.` });
          }
          if (info.scope === 'account') await accountBlockItem.setValue({ code, message: info.userMessage, at: now() });
          return finish(j, 'failed', { code, message: info.userMessage });
        } else {
          j.transientErrors = 0;
        }
        if (elapsed >= settings.polling.timeoutMs) {
          return finish(j, 'failed', { code: 'POLL_TIMEOUT', message: `No result after ${Math.round(settings.polling.timeoutMs / 1000)} s.` });
        }
        const stats = await statsItem.getValue();
        j.nextPollAt = (j.taskCreatedAt ?? now()) + nextPollOffset(planFor(j, stats, settings), elapsed, settings.polling.intervalMs);
      });
      if (deliverToken) await deliver(id, deliverToken);
      if (resolveAgain) await retryJob(id, 2);
    } finally {
      busy.delete(id);
    }
    const jobs = await jobsItem.getValue();
    await refreshBadge(jobs);
    void pump();
  }

  async function deliver(id: string, token: string) {
    const job = (await jobsItem.getValue())[id];
    if (!job) return;
    if (now() - (job.readyAt ?? now()) > TOKEN_MAX_AGE_MS) {
      return void (await mutate(async (jobs) => jobs[id] && finish(jobs[id], 'expired', { code: 'TOKEN_EXPIRED', message: 'The token expired before it could be filled.' })));
    }
    let delivered = false;
    try {
      delivered = await deps.deliver(job, token);
    } catch {
      delivered = false;
    }
    await mutate(async (jobs) => {
      const j = jobs[id];
      if (!j) return;
      if (delivered) {
        j.filledAt = now();
        await finish(j, 'solved');
      } else {
        await finish(j, 'undelivered', { code: 'UNDELIVERED', message: 'Solved, but the captcha was gone from the page.' });
      }
    });
  }

  /** Queue a finished job again as a fresh task (manual solve, the one automatic re-solve, expiry). */
  async function retryJob(id: string, attempt?: number, reason?: 'expired') {
    await mutate(async (jobs) => {
      const j = jobs[id];
      if (!j || isActive(j)) return;
      Object.assign(j, {
        status: 'queued',
        queuedAt: now(),
        taskId: undefined,
        createStartedAt: undefined,
        taskCreatedAt: undefined,
        readyAt: undefined,
        filledAt: undefined,
        finishedAt: undefined,
        nextPollAt: undefined,
        errorCode: undefined,
        errorMessage: undefined,
        cost: undefined,
        polls: 0,
        transientErrors: 0,
        note: undefined,
        attempt: attempt ?? j.attempt,
        autoResolves: j.autoResolves + (reason === 'expired' ? 1 : 0),
      } satisfies Partial<Job>);
      deps.notify(j);
    });
    await pump();
  }

  async function cancelWhere(match: (j: Job) => boolean, message: string, drop = false) {
    await mutate(async (jobs) => {
      for (const j of Object.values(jobs)) {
        if (!match(j)) continue;
        if (isActive(j) || j.status === 'detected') await finish(j, 'cancelled', { code: 'CANCELLED', message });
        if (drop) delete jobs[j.id];
      }
      schedule(jobs);
      await refreshBadge(jobs);
    });
    void pump();
  }

  return {
    /** Widgets a content script reported: one job each, queued when auto-solve applies. */
    async report(sender: ReportSender, widgets: DetectedWidget[]): Promise<Job[]> {
      const settings = await deps.readSettings();
      const paused = await pausedSitesItem.getValue();
      const origin = originOf(sender.frameUrl);
      const created = await mutate(async (jobs) => {
        const out: Job[] = [];
        let tabCount = Object.values(jobs).filter((j) => j.tabId === sender.tabId).length;
        for (const widget of widgets) {
          const key = jobKey(sender.tabId, sender.frameId, sender.documentId, widget.widgetId);
          const existing = Object.values(jobs).find((j) => j.key === key);
          if (existing) {
            if (existing.status === 'detected') existing.widget = widget;
            continue;
          }
          if (tabCount >= MAX_JOBS_PER_TAB) break;
          tabCount++;
          const auto =
            settings.autoSolve && settings.autoSolveKinds[widget.kind] && siteAllowed(origin, settings.sites, paused);
          const job: Job = {
            id: `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
            key,
            tabId: sender.tabId,
            frameId: sender.frameId,
            documentId: sender.documentId,
            frameUrl: sender.frameUrl,
            origin,
            widget,
            kind: widget.kind,
            status: 'detected',
            createdAt: now(),
            polls: 0,
            transientErrors: 0,
            attempt: 1,
            autoResolves: 0,
          };
          if (!isSolvable(widget.kind)) job.note = 'This captcha type is detected but not solvable through AnySolver yet.';
          else if (!auto) job.note = settings.autoSolve ? 'Auto-solve is off for this site or captcha type.' : 'Manual mode: press Solve.';
          else {
            job.status = 'queued';
            job.queuedAt = now();
          }
          jobs[job.id] = job;
          deps.notify(job);
          out.push(job);
        }
        await refreshBadge(jobs);
        return out;
      });
      await pump();
      return created;
    },
    widgetsGone: (tabId: number, frameId: number, ids: string[]) =>
      cancelWhere((j) => j.tabId === tabId && j.frameId === frameId && ids.includes(j.widget.widgetId), 'The captcha was removed from the page.'),
    /** The page's token expired while the widget is on screen: one re-solve if auto-solve is on. */
    async expired(tabId: number, frameId: number, widgetId: string) {
      const settings = await deps.readSettings();
      const job = Object.values(await jobsItem.getValue()).find(
        (j) => j.tabId === tabId && j.frameId === frameId && j.widget.widgetId === widgetId && j.status === 'solved',
      );
      if (!job || !settings.autoSolve || job.autoResolves >= 1) return;
      await retryJob(job.id, 1, 'expired');
    },
    /** Manual solve (popup button): also after a failure, limits still apply. */
    async solve(jobId: string) {
      await accountBlockItem.setValue(null);
      const job = (await jobsItem.getValue())[jobId];
      if (job && !isActive(job) && isSolvable(job.kind)) await retryJob(jobId, 1);
    },
    async solveTab(tabId: number) {
      await accountBlockItem.setValue(null);
      const jobs = Object.values(await jobsItem.getValue()).filter(
        (j) => j.tabId === tabId && !isActive(j) && j.status !== 'solved' && isSolvable(j.kind),
      );
      for (const j of jobs) await retryJob(j.id, 1);
    },
    cancel: (jobId: string) => cancelWhere((j) => j.id === jobId, 'Cancelled.'),
    onTabRemoved: (tabId: number) => cancelWhere((j) => j.tabId === tabId, 'The tab was closed.', true),
    onNavigated: (tabId: number, frameId: number) =>
      cancelWhere((j) => j.tabId === tabId && (frameId === 0 || j.frameId === frameId), 'The page navigated away.', frameId === 0),
    /** The watchdog woke us: poll whatever is due. */
    onAlarm: async (_alarm: { name: string }) => pollDue(),
    /** Worker start or key change: fail interrupted creates, restart timers, start queued jobs. */
    async resume() {
      await mutate(async (jobs) => {
        for (const j of Object.values(jobs)) {
          if (j.status === 'creating' && !busy.has(j.id)) {
            await finish(j, 'failed', { code: 'INTERRUPTED', message: 'Interrupted while creating the task — press Solve to try again.' });
          }
        }
        schedule(jobs);
        await refreshBadge(jobs);
      });
      await pollDue();
      await pump();
    },
    /** The key or settings changed: lift an account block and start what waits. */
    async accountChanged() {
      await accountBlockItem.setValue(null);
      await pump();
    },
    accountBlock: () => accountBlockItem.getValue(),
    tabJobs: async (tabId: number) =>
      Object.values(await jobsItem.getValue()).filter((j) => j.tabId === tabId).sort((a, b) => a.createdAt - b.createdAt),
    clearHistory: () => historyItem.setValue([]),
    totals: async () => computeTotals(await historyItem.getValue(), now()),
    /** For tests: is anything in flight in this worker. */
    idle: () => busy.size === 0,
  };
}

export type Solver = ReturnType<typeof createSolver>;
export { isInFlight };
