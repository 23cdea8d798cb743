/** Test kit for the engine: a manual clock with timers, a scripted fake API, and recorded side effects. */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AnySolverError } from '../anysolver/errors';
import type { AnySolverClient, TaskPayload, TaskResult } from '../anysolver/types';
import type { DetectedWidget } from '../captcha/types';
import { defaultSettings, type Settings } from '../settings';
import { engineStorage } from '../storage-items';
import { type AnnounceTarget, createAnnouncer, type SolveEvent } from './announce';
import { createSolver, type SolverDeps } from './engine';
import type { Job } from './jobs';

export const SITEKEY = '6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI';
export const widget = (id: string, over: Partial<DetectedWidget> = {}): DetectedWidget => ({
  widgetId: id,
  kind: 'recaptcha-v2',
  websiteKey: SITEKEY,
  websiteURL: 'https://site.test/login',
  ...over,
});
export const sender = (tabId = 1, frameId = 0) => ({ tabId, frameId, frameUrl: 'https://site.test/login' });

/** A manual clock: timers run only when advanced. */
export function createClock(start = Date.UTC(2026, 10, 28, 12)) {
  let t = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => t,
    setTimeout: (fn: () => void, ms: number) => {
      const id = ++seq;
      timers.set(id, { at: t + Math.max(0, ms), fn });
      return id as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimeout: (id: ReturnType<typeof setTimeout>) => void timers.delete(id as unknown as number),
    /** Move time forward, running due timers in order and letting their promises settle. */
    async advance(ms: number) {
      const end = t + ms;
      for (;;) {
        await settle();
        const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > end) break;
        t = Math.max(t, next[1].at);
        timers.delete(next[0]);
        next[1].fn();
      }
      t = end;
      await settle();
    },
    pending: () => timers.size,
    /** The worker died: its in-memory timers are gone. */
    dropTimers: () => timers.clear(),
  };
}

/** Let storage promises and chained work run. */
export async function settle(rounds = 30) {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** A fake API whose tasks are ready `solveMs` after creation (by the manual clock). */
export function createFakeApi(clock: { now: () => number }, solveMs = 5000) {
  let n = 0;
  const tasks = new Map<string, { createdAt: number; token: string }>();
  const script: Array<(id: string) => TaskResult | Error> = [];
  const api = {
    createTask: vi.fn(async (_key: string, task: TaskPayload, _routing?: unknown) => {
      const id = `TASK${++n}`;
      tasks.set(id, { createdAt: clock.now(), token: `tok-${id}-${String(task.websiteKey)}` });
      return id;
    }),
    getTaskResult: vi.fn(async (_key: string, id: string): Promise<TaskResult> => {
      const scripted = script.shift();
      if (scripted) {
        const r = scripted(id);
        if (r instanceof Error) throw r;
        return r;
      }
      const t = tasks.get(id);
      if (!t)
        return {
          status: 'failed',
          solution: null,
          error: { errorId: 1, errorCode: 'TASK_NOT_FOUND', description: '' },
        };
      if (clock.now() - t.createdAt < solveMs) return { status: 'processing', solution: null };
      return { status: 'ready', solution: { token: t.token }, cost: 0.002, provider: 'Fake' };
    }),
    getBalance: vi.fn(async () => 5),
    /** Queue results for the next getTaskResult calls. */
    script,
    failWith:
      (code: string, errorId = 1) =>
      (id: string): TaskResult => ({
        status: 'failed',
        taskId: id,
        solution: null,
        cost: 0,
        error: { errorId, errorCode: code, description: code },
      }),
    throwing: (code: string) => () => new AnySolverError(code, code, code === 'INTERNAL_ERROR' ? 2 : 0),
  };
  return api satisfies AnySolverClient & Record<string, unknown>;
}

/** An engine over the fake browser's storage, with every side effect recorded. */
export function createHarness(
  opts: {
    settings?: Partial<Settings>;
    key?: string | null;
    solveMs?: number;
    clock?: ReturnType<typeof createClock>;
    api?: ReturnType<typeof createFakeApi>;
    liveTabs?: () => Promise<number[]>;
    prepareWidget?: SolverDeps['prepareWidget'];
  } = {},
) {
  const clock = opts.clock ?? createClock();
  const api = opts.api ?? createFakeApi(clock, opts.solveMs);
  const delivered: Array<{ job: Job; token: string }> = [];
  const notified: Job[] = [];
  const badges: Array<{ tabId: number | null; text: string }> = [];
  const alarms: Array<{ name: string; when?: number }> = [];
  /** The solve events dispatched into pages (only with `settings.announce` on), in dispatch order. */
  const announced: Array<{ target: AnnounceTarget; name: string; event: SolveEvent }> = [];
  let deliverImpl: (job: Job, token: string) => Promise<boolean> = async () => true;
  const settings = { ...defaultSettings(), ...opts.settings } as Settings;
  const solver = createSolver({
    api,
    storage: engineStorage,
    getKey: async () => (opts.key === undefined ? 'anysolver_test' : opts.key),
    readSettings: async () => settings,
    deliver: async (job, token) => {
      delivered.push({ job, token });
      return deliverImpl(job, token);
    },
    notify: (job) => void notified.push(structuredClone(job)),
    setBadge: (tabId, text) => void badges.push({ tabId, text }),
    alarms: {
      create: (name, info) => void alarms.push({ name, when: info.when }),
      clear: (name) => void alarms.push({ name }),
    },
    now: clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    liveTabs: opts.liveTabs,
    prepareWidget: opts.prepareWidget,
    announce: createAnnouncer({
      readSettings: async () => settings,
      now: clock.now,
      dispatch: async (target, name, detail) =>
        void announced.push({ target, name, event: JSON.parse(detail) as SolveEvent }),
    }),
  });
  return {
    solver,
    api,
    clock,
    settings,
    delivered,
    notified,
    badges,
    alarms,
    announced,
    setDeliver: (fn: typeof deliverImpl) => {
      deliverImpl = fn;
    },
  };
}

/** Whether a storage.get/set argument names `key`. */
function names(arg: unknown, key: string): boolean {
  if (typeof arg === 'string') return arg === key;
  if (Array.isArray(arg)) return arg.includes(key);
  return typeof arg === 'object' && arg !== null && key in arg;
}

/**
 * Counts the fake browser's storage.local reads and writes of `settings` and `jobs`, and its
 * storage.managed reads, while `on` (the storage-per-token tests); `jobs()` reads the jobs uncounted.
 */
export function countStorageCalls() {
  const local = fakeBrowser.storage.local;
  const get = local.get.bind(local);
  const set = local.set.bind(local);
  const jobs = async () => Object.values(((await get('jobs')) as { jobs?: Record<string, Job> }).jobs ?? {});
  const counts = { on: false, settingsGet: 0, managedGet: 0, jobsGet: 0, jobsSet: 0, jobs };
  local.get = (async (arg?: unknown) => {
    if (counts.on && names(arg, 'settings')) counts.settingsGet++;
    if (counts.on && names(arg, 'jobs')) counts.jobsGet++;
    return get(arg as never);
  }) as typeof local.get;
  local.set = (async (items: Record<string, unknown>) => {
    if (counts.on && names(items, 'jobs')) counts.jobsSet++;
    return set(items);
  }) as typeof local.set;
  const managed = fakeBrowser.storage.managed;
  const managedGet = managed.get.bind(managed);
  managed.get = (async (arg?: unknown) => {
    if (counts.on) counts.managedGet++;
    return managedGet(arg as never);
  }) as typeof managed.get;
  return counts;
}
