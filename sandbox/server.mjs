// A real local HTTP server that behaves like the AnySolver API as documented:
// POST /createTask, /getTaskResult, /getBalance answering HTTP 200 with JSON (errors too), plus scripted
// faults, a request log and a control API (/__sandbox/*) for other processes. Used by the client's unit
// tests over real HTTP, the e2e suite, the demo and the benchmark. Types: server.d.mts.
import { createServer } from 'node:http';
import { createSandboxCore, errorReply } from './core.mjs';
import { createFaultQueue } from './faults.mjs';

export { TASK_REQUIREMENTS } from './task-rules.mjs';

const MAX_TIMER_MS = 2 ** 31 - 1;
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type',
  'access-control-allow-methods': 'POST, GET, OPTIONS',
};

/** A copy of a logged body that is safe to print: the client key replaced. @param {unknown} body */
const redact = (body) =>
  body && typeof body === 'object' && 'clientKey' in body ? { ...body, clientKey: '[redacted]' } : body;

/**
 * Read a request body as text.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string>}
 */
const readBody = (req) =>
  new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** @param {string} raw @returns {unknown} undefined when not JSON */
function parseJson(raw) {
  try {
    return raw ? JSON.parse(raw) : {};
  } catch {
    return undefined;
  }
}

/**
 * Start the sandbox on `host:port` (port 0 picks a free one).
 * @param {import('./server.d.mts').SandboxOptions} [options]
 * @returns {Promise<import('./server.d.mts').Sandbox>}
 */
export async function startSandbox(options = {}) {
  const { port = 0, host = '127.0.0.1', log = false, maxRequests = 10_000 } = options;
  const now = options.now ?? Date.now;
  const core = createSandboxCore({ ...options, now });
  const faults = createFaultQueue();
  /** @type {any[]} */
  const requests = [];
  /** @type {Set<ReturnType<typeof setTimeout>>} */
  const timers = new Set();

  const requestsRedacted = () => requests.map((r) => ({ ...r, body: redact(r.body) }));
  // Settle a new task when it is due, so onReady fires at readyAt even if nobody polls.
  // Timers run on a monotonic clock and may fire a millisecond before Date.now() says the task is due,
  // so an early wake-up re-arms (a few times at most: an injected frozen clock must not spin).
  const scheduleSettle = (/** @type {string} */ taskId, attempt = 0) => {
    const t = core.tasks.get(taskId);
    const wait = t ? t.readyAt - now() : -1;
    if (!t || wait > MAX_TIMER_MS || attempt > 3) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      core.settle(t);
      if (t.status === 'processing') scheduleSettle(taskId, attempt + 1);
    }, Math.max(0, wait) + 1);
    timer.unref?.();
    timers.add(timer);
  };

  /** A control action that answers `{ ok: true }`. @param {(body: any) => void} act */
  const action = (act) => (/** @type {any} */ body) => {
    act(body);
    return { ok: true };
  };
  /** Control API for other processes (demo, bench): `METHOD path` → handler(body). */
  /** @type {Record<string, (body: any) => unknown>} */
  const control = {
    'POST /__sandbox/fault': action((b) => sandbox.fault(b)),
    'POST /__sandbox/clear-faults': action(() => sandbox.clearFaults()),
    'POST /__sandbox/balance': action((b) => sandbox.setBalance(String(b.key), Number(b.balance))),
    'POST /__sandbox/solve-ms': action((b) => sandbox.setSolveMs(Number(b.solveMs))),
    'POST /__sandbox/mark-ready': (b) => ({ ok: sandbox.markReady(b.taskId) }),
    'GET /__sandbox/requests': () => requestsRedacted(),
    'GET /__sandbox/tasks': () => [...core.tasks.values()].map(({ key: _key, ...t }) => t),
  };

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function handle(req, res) {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const send = (/** @type {number} */ status, /** @type {string} */ type, /** @type {string} */ text) =>
      res.writeHead(status, { ...CORS, 'content-type': type }).end(text);
    const json = (/** @type {number} */ status, /** @type {unknown} */ payload) =>
      send(status, 'application/json', JSON.stringify(payload));
    if (req.method === 'OPTIONS') return res.writeHead(204, CORS).end();

    const controlHandler = control[`${req.method} ${path}`];
    if (controlHandler) {
      try {
        return json(200, controlHandler(parseJson(raw) ?? {}));
      } catch (e) {
        return json(400, { ok: false, error: e instanceof Error ? e.message : String(e) });
      }
    }

    const body = parseJson(raw);
    const entry = { at: now(), path, body: body ?? raw, /** @type {unknown} */ reply: undefined };
    requests.push(entry);
    if (requests.length > maxRequests) requests.splice(0, requests.length - maxRequests);
    if (log) console.log(`[sandbox] ${req.method} ${path} ${JSON.stringify(redact(body))}`);

    const method = core.methods[/** @type {keyof typeof core.methods} */ (path)];
    const fault = method ? faults.take(path) : null;
    if (fault?.type === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.type === 'drop') return void req.socket.destroy();
    if (fault?.type === 'garbage') {
      entry.reply = 'garbage';
      return send(200, 'text/html', '<html><body>502 Bad Gateway</body></html>');
    }
    if (fault?.type === 'http') {
      entry.reply = `http ${fault.status ?? 502}`;
      return send(fault.status ?? 502, 'text/plain', 'upstream error');
    }
    if (fault?.type === 'error') {
      entry.reply = errorReply(
        fault.errorId ?? 2,
        fault.errorCode ?? 'INTERNAL_ERROR',
        fault.errorDescription ?? 'Internal error.',
      );
      return json(200, entry.reply);
    }
    if (fault?.type === 'reply') {
      entry.reply = fault.body;
      return json(200, fault.body);
    }
    if (fault?.type === 'fail-task') core.failNextTask();

    // HTTP 200 always, errors too [docs].
    if (!method) entry.reply = errorReply(1, 'ERROR_UNKNOWN_METHOD', `Unknown method ${path}.`);
    else if (req.method !== 'POST') entry.reply = errorReply(1, 'INVALID_REQUEST', 'Use POST.');
    else if (!body || typeof body !== 'object')
      entry.reply = errorReply(1, 'INVALID_REQUEST', 'The body must be a JSON object.');
    else entry.reply = method(body);
    const reply = /** @type {any} */ (entry.reply);
    if (path === '/createTask' && reply.errorId === 0) scheduleSettle(reply.taskId);
    return json(200, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, CORS).end(String(e));
    });
  });
  await new Promise((resolve) => server.listen(port, host, () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  const sandbox = {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    requests,
    tasks: core.tasks,
    requestsRedacted,
    setBalance: (/** @type {string} */ key, /** @type {number} */ usd) => void core.balances.set(key, usd),
    getBalance: (/** @type {string} */ key) => core.balances.get(key),
    fault: (/** @type {import('./faults.mjs').FaultSpec} */ spec) => faults.push(spec),
    clearFaults: () => faults.clear(),
    setSolveMs: core.setSolveMs,
    markReady: core.markReady,
    onReady: core.onReady,
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections?.();
        server.close(() => resolve(undefined));
      }),
  };
  return sandbox;
}
