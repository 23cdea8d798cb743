// A real local HTTP server that behaves like the AnySolver API as documented (../shared/anysolver-api.md):
// HTTP 200 always, errorId categories, processing/ready/failed, opaque string task ids, cost reserved at
// creation and refunded on failure, TASK_NOT_FOUND for unknown or expired ids, ERROR_KEY_DOES_NOT_EXIST
// for a wrong key — plus configurable solve times, scripted faults and a request log. Used by the unit
// tests (over real HTTP), the e2e suite, the demo and the benchmark.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

/** Task types the sandbox accepts, with the fields each requires (mirrors lib/anysolver/task-types.ts). */
export const TASK_REQUIREMENTS = {
  ReCaptchaV2TokenProxyLess: ['websiteURL', 'websiteKey'],
  ReCaptchaV2EnterpriseTokenProxyLess: ['websiteURL', 'websiteKey'],
  ReCaptchaV3TokenProxyLess: ['websiteURL', 'websiteKey'],
  ReCaptchaV3EnterpriseTokenProxyLess: ['websiteURL', 'websiteKey'],
  PopularCaptchaTokenProxyLess: ['websiteURL', 'websiteKey'],
  TurnstileTokenProxyLess: ['websiteURL', 'websiteKey'],
  TextRecognition: ['imageBase64'],
};

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A ULID-shaped id: 10 chars of time, 16 of randomness. */
function ulid(now) {
  let t = now;
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const rnd = [...randomBytes(16)].map((b) => CROCKFORD[b % 32]).join('');
  return time + rnd;
}

const round6 = (n) => Math.round(n * 1e6) / 1e6;
const err = (errorId, errorCode, errorDescription) => ({ errorId, errorCode, errorDescription });
const redact = (body) => (body && typeof body === 'object' && 'clientKey' in body ? { ...body, clientKey: '[redacted]' } : body);

/**
 * Start the sandbox.
 * @param {{ port?: number, host?: string, keys?: Record<string, number>, solveMs?: number | ((task: any) => number),
 *   cost?: number | ((task: any) => number), retentionMs?: number, failRate?: number, log?: boolean }} [options]
 */
export async function startSandbox(options = {}) {
  const {
    port = 0,
    host = '127.0.0.1',
    keys = { anysolver_sandbox_demo_key: 5 },
    retentionMs = 24 * 3600e3,
    failRate = 0,
    log = false,
  } = options;
  let solveMs = options.solveMs ?? 4000;
  const cost = options.cost ?? 0.0012;
  const balances = new Map(Object.entries(keys));
  /** @type {Map<string, any>} */
  const tasks = new Map();
  /** @type {any[]} */
  const requests = [];
  /** @type {any[]} */
  const faults = [];
  const readyListeners = new Set();
  let failNext = 0;

  const valueOf = (v, task) => (typeof v === 'function' ? v(task) : v);

  function takeFault(path) {
    const i = faults.findIndex((f) => !f.path || f.path === path);
    if (i < 0) return null;
    const f = faults[i];
    f.times -= 1;
    if (f.times <= 0) faults.splice(i, 1);
    return f.kind;
  }

  function settle(t, now) {
    if (t.status === 'processing' && now >= t.readyAt) {
      if (t.fail) {
        t.status = 'failed';
        balances.set(t.key, round6((balances.get(t.key) ?? 0) + t.cost)); // refunded [docs]
      } else {
        t.status = 'ready';
      }
      t.settledAt = now;
      for (const l of readyListeners) l(t);
    }
  }

  function createTask(body, now) {
    if (!balances.has(body.clientKey)) return err(1, 'ERROR_KEY_DOES_NOT_EXIST', 'The client key does not exist.');
    const task = body.task;
    if (!task || typeof task !== 'object' || typeof task.type !== 'string') {
      return err(1, 'INVALID_TASK_DATA', 'Missing task object or task.type.');
    }
    const required = TASK_REQUIREMENTS[task.type];
    if (!required) return err(1, 'INVALID_TASK_DATA', `Unknown task type: ${task.type}.`);
    for (const field of required) {
      if (typeof task[field] !== 'string' || !task[field]) return err(1, 'INVALID_TASK_DATA', `Missing required field: ${field}.`);
    }
    const price = valueOf(cost, task);
    const balance = balances.get(body.clientKey);
    if (balance < price) return err(1, 'ERROR_ZERO_BALANCE', 'Your balance is too low. Top up your account.');
    balances.set(body.clientKey, round6(balance - price)); // reserved at creation [docs]
    const taskId = ulid(now);
    const fail = failNext > 0 || Math.random() < failRate;
    if (failNext > 0) failNext--;
    const text = `sandbox-${taskId.slice(-6).toLowerCase()}`;
    const token = `sandbox.${taskId}.${task.websiteKey ?? 'image'}.${randomBytes(6).toString('hex')}`;
    tasks.set(taskId, {
      taskId,
      key: body.clientKey,
      task,
      createdAt: now,
      readyAt: now + valueOf(solveMs, task),
      status: 'processing',
      fail,
      cost: price,
      polls: 0,
      token,
      text,
      routing: { selectionMode: body.selectionMode, keyPoolMode: body.keyPoolMode, provider: body.provider },
    });
    return { errorId: 0, taskId };
  }

  function getTaskResult(body, now) {
    if (!balances.has(body.clientKey)) return err(1, 'ERROR_KEY_DOES_NOT_EXIST', 'The client key does not exist.');
    const t = tasks.get(body.taskId);
    if (!t || t.key !== body.clientKey || now - t.createdAt > retentionMs) {
      return { status: 'failed', taskId: body.taskId, solution: null, ...err(1, 'TASK_NOT_FOUND', 'Task ID not found or expired.') };
    }
    t.polls++;
    settle(t, now);
    const base = { taskId: t.taskId, taskType: t.task.type, provider: 'Sandbox' };
    if (t.status === 'processing') return { status: 'processing', errorId: 0, ...base, solution: null };
    if (t.status === 'failed') {
      return { status: 'failed', ...base, solution: null, cost: 0, ...err(1, 'CAPTCHA_UNSOLVABLE', 'The captcha could not be solved.') };
    }
    t.delivered ??= now;
    const solution = t.task.type === 'TextRecognition' ? { text: t.text } : { token: t.token };
    return { status: 'ready', errorId: 0, ...base, cost: t.cost, solution };
  }

  const routes = {
    '/createTask': createTask,
    '/getTaskResult': getTaskResult,
    '/getBalance': (body) =>
      balances.has(body.clientKey)
        ? { errorId: 0, balance: round6(balances.get(body.clientKey)) }
        : err(1, 'ERROR_KEY_DOES_NOT_EXIST', 'The client key does not exist.'),
  };

  const control = {
    '/__sandbox/fault': (b) => (api.fault(b), { ok: true }),
    '/__sandbox/balance': (b) => (api.setBalance(b.key, b.balance), { ok: true }),
    '/__sandbox/solve-ms': (b) => (api.setSolveMs(b.solveMs), { ok: true }),
    '/__sandbox/requests': () => requests.map((r) => ({ ...r, body: redact(r.body) })),
    '/__sandbox/tasks': () => [...tasks.values()].map(({ key: _k, ...t }) => t),
  };

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', 'content-type');
      res.setHeader('access-control-allow-methods', 'POST, GET, OPTIONS');
      if (req.method === 'OPTIONS') return res.writeHead(204).end();
      const path = (req.url ?? '/').split('?')[0];
      const raw = Buffer.concat(chunks).toString('utf8');
      let body = null;
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        body = null;
      }
      const json = (status, payload) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      };
      if (control[path]) return json(200, control[path](body ?? {}));
      const at = Date.now();
      const entry = { at, path, body };
      requests.push(entry);
      if (log) console.log(`[sandbox] ${path} ${JSON.stringify(redact(body))}`);
      const fault = routes[path] ? takeFault(path) : null;
      if (fault?.type === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
      if (fault?.type === 'drop') return req.socket.destroy();
      if (fault?.type === 'garbage') {
        entry.reply = 'garbage';
        return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
      }
      if (fault?.type === 'http') {
        entry.reply = `http ${fault.status}`;
        return res.writeHead(fault.status, { 'content-type': 'text/plain' }).end('upstream error');
      }
      if (fault?.type === 'error') {
        entry.reply = err(fault.errorId ?? 2, fault.errorCode ?? 'INTERNAL_ERROR', fault.errorDescription ?? 'Internal error.');
        return json(200, entry.reply);
      }
      if (fault?.type === 'fail-task') failNext++;
      if (!routes[path]) return json(200, err(1, 'ERROR_UNKNOWN_METHOD', `Unknown method ${path}.`)); // 200 always [docs]
      if (!body || typeof body !== 'object') return json(200, (entry.reply = err(1, 'INVALID_REQUEST', 'Body must be JSON.')));
      entry.reply = routes[path](body, Date.now());
      return json(200, entry.reply);
    });
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const actualPort = /** @type {import('node:net').AddressInfo} */ (server.address()).port;

  const api = {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    requests,
    tasks,
    /** Request log with client keys redacted (safe to print). */
    requestsRedacted: () => requests.map((r) => ({ ...r, body: redact(r.body) })),
    setBalance: (key, usd) => balances.set(key, usd),
    getBalance: (key) => balances.get(key),
    /** Queue a scripted fault: { path?, times = 1, kind: { type: 'error'|'garbage'|'http'|'delay'|'drop'|'fail-task', … } }. */
    fault: ({ path, times = 1, kind }) => faults.push({ path, times, kind }),
    clearFaults: () => faults.splice(0),
    setSolveMs: (v) => {
      solveMs = v;
    },
    /** Make a task ready now (its next poll returns the solution). */
    markReady: (taskId) => {
      const t = tasks.get(taskId);
      if (t) t.readyAt = Math.min(t.readyAt, Date.now());
    },
    onReady: (listener) => readyListeners.add(listener),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve(undefined));
      }),
  };
  return api;
}
