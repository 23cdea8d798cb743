// The AnySolver behaviour without HTTP: accounts, tasks and the three methods, on an injected clock.
// Facts reproduced (from the AnySolver API notes): errorId categories, processing → ready/failed,
// opaque string ids, cost reserved at creation and refunded on failure [docs], ~24 h retention.
import { randomHex, ulid } from './ids.mjs';
import { checkTask } from './task-rules.mjs';

/**
 * @typedef {{ type: string, [field: string]: unknown }} Task
 * @typedef {{ taskId: string, key: string, task: Task, createdAt: number, readyAt: number,
 *   settledAt?: number, deliveredAt?: number, status: 'processing' | 'ready' | 'failed', fail: boolean,
 *   cost: number, polls: number, token: string, text: string,
 *   routing: { selectionMode?: string, keyPoolMode?: string, provider?: string } }} TaskRecord
 * @typedef {{ keys?: Record<string, number>, solveMs?: number | ((task: Task) => number),
 *   cost?: number | ((task: Task) => number), retentionMs?: number, failRate?: number,
 *   now?: () => number, random?: () => number }} CoreOptions
 */

const round6 = (/** @type {number} */ n) => Math.round(n * 1e6) / 1e6;
/** An error reply: errorId is the category (1 external, 2 internal), errorCode an open string. */
export const errorReply = (
  /** @type {number} */ errorId,
  /** @type {string} */ errorCode,
  /** @type {string} */ errorDescription,
) => ({
  errorId,
  errorCode,
  errorDescription,
});
const NO_KEY = () => errorReply(1, 'ERROR_KEY_DOES_NOT_EXIST', 'The client key does not exist.');

/** @param {CoreOptions} [options] */
export function createSandboxCore(options = {}) {
  const { retentionMs = 24 * 3600e3, failRate = 0, now = Date.now, random = Math.random } = options;
  let solveMs = options.solveMs ?? 4000;
  const cost = options.cost ?? 0.0012;
  /** @type {Map<string, number>} */
  const balances = new Map(Object.entries(options.keys ?? { anysolver_sandbox_demo_key: 5 }));
  /** @type {Map<string, TaskRecord>} */
  const tasks = new Map();
  /** @type {Set<(task: TaskRecord) => void>} */
  const readyListeners = new Set();
  let failNext = 0;

  /** @template T @param {T | ((task: Task) => T)} v @param {Task} task @returns {T} */
  const valueFor = (v, task) => (typeof v === 'function' ? /** @type {(t: Task) => T} */ (v)(task) : v);
  const credit = (/** @type {string} */ key, /** @type {number} */ usd) =>
    balances.set(key, round6((balances.get(key) ?? 0) + usd));

  /** Move a due task to ready (or failed, refunded) and tell the listeners. @param {TaskRecord} t */
  function settle(t) {
    const at = now();
    if (t.status !== 'processing' || at < t.readyAt) return;
    t.status = t.fail ? 'failed' : 'ready';
    if (t.fail) credit(t.key, t.cost); // failed tasks are refunded [docs]
    t.settledAt = at;
    for (const listener of readyListeners) listener(t);
  }

  /** @param {any} body */
  function createTask(body) {
    if (!balances.has(body.clientKey)) return NO_KEY();
    const invalid = checkTask(body.task);
    if (invalid) return errorReply(1, invalid.errorCode, invalid.errorDescription);
    /** @type {Task} */
    const task = body.task;
    const price = valueFor(cost, task);
    const balance = balances.get(body.clientKey) ?? 0;
    if (balance < price)
      return errorReply(1, 'ERROR_ZERO_BALANCE', 'Your balance is too low. Top up your account.');
    credit(body.clientKey, -price); // reserved at creation [docs]
    const createdAt = now();
    const taskId = ulid(createdAt);
    const fail = failNext > 0 || random() < failRate;
    if (failNext > 0) failNext--;
    tasks.set(taskId, {
      taskId,
      key: body.clientKey,
      task,
      createdAt,
      readyAt: createdAt + Math.max(0, valueFor(solveMs, task)),
      status: 'processing',
      fail,
      cost: price,
      polls: 0,
      // Carries the id and sitekey so tests can prove a token reached the widget it was solved for.
      token: `sandbox.${taskId}.${String(task.websiteKey ?? 'image')}.${randomHex()}`,
      text: `sandbox-${taskId.slice(-6).toLowerCase()}`,
      routing: { selectionMode: body.selectionMode, keyPoolMode: body.keyPoolMode, provider: body.provider },
    });
    return { errorId: 0, taskId };
  }

  /** @param {any} body */
  function getTaskResult(body) {
    if (!balances.has(body.clientKey)) return NO_KEY();
    const t = typeof body.taskId === 'string' ? tasks.get(body.taskId) : undefined;
    const expired = t !== undefined && now() - t.createdAt > retentionMs;
    if (expired) tasks.delete(t.taskId);
    // Another key's task is reported as unknown: ids must not leak across accounts.
    if (!t || expired || t.key !== body.clientKey) {
      return {
        status: 'failed',
        taskId: body.taskId,
        solution: null,
        ...errorReply(1, 'TASK_NOT_FOUND', 'Task ID not found or expired.'),
      };
    }
    t.polls++;
    settle(t);
    const base = { taskId: t.taskId, taskType: t.task.type, provider: 'Sandbox' };
    if (t.status === 'processing') return { status: 'processing', errorId: 0, ...base, solution: null };
    if (t.status === 'failed') {
      return {
        status: 'failed',
        ...base,
        cost: 0,
        solution: null,
        ...errorReply(1, 'CAPTCHA_UNSOLVABLE', 'The captcha could not be solved.'),
      };
    }
    t.deliveredAt ??= now();
    const solution = t.task.type === 'TextRecognition' ? { text: t.text } : { token: t.token };
    return { status: 'ready', errorId: 0, ...base, cost: t.cost, solution };
  }

  /** @param {any} body */
  function getBalance(body) {
    if (!balances.has(body.clientKey)) return NO_KEY();
    return { errorId: 0, balance: round6(balances.get(body.clientKey) ?? 0) };
  }

  return {
    balances,
    tasks,
    methods: { '/createTask': createTask, '/getTaskResult': getTaskResult, '/getBalance': getBalance },
    settle,
    /** Settle every task whose time has come (called by timers so onReady fires without a poll). */
    settleDue: () => tasks.forEach(settle),
    /** The next created task fails (CAPTCHA_UNSOLVABLE, refunded). */
    failNextTask: () => void failNext++,
    /** @param {number | ((task: Task) => number)} v */
    setSolveMs: (v) => {
      solveMs = v;
    },
    /** @param {string} taskId */
    markReady: (taskId) => {
      const t = tasks.get(taskId);
      if (!t) return false;
      t.readyAt = Math.min(t.readyAt, now());
      settle(t);
      return true;
    },
    /** @param {(task: TaskRecord) => void} listener @returns {() => void} unsubscribe */
    onReady: (listener) => {
      readyListeners.add(listener);
      return () => void readyListeners.delete(listener);
    },
  };
}
