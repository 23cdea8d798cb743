// The sandbox's own behaviour: accounts, reservation and refund, expiry, faults, events, control API, CORS.
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from './server.mjs';

const KEY = 'anysolver_sandbox_test';
const TASK = {
  type: 'TurnstileTokenProxyLess',
  websiteURL: 'https://site.test/',
  websiteKey: '0x4AAAAAAAB1cdEfGhIjKlMn',
};

let sb: Sandbox | undefined;
const start = async (o: SandboxOptions = {}) => {
  sb = await startSandbox({ keys: { [KEY]: 1 }, solveMs: 0, cost: 0.25, ...o });
  return sb;
};
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

// biome-ignore lint/suspicious/noExplicitAny: raw JSON replies
const post = async (s: Sandbox, path: string, body: unknown): Promise<any> => {
  const res = await fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return res.json();
};
const create = (s: Sandbox, task: object = TASK, key = KEY) =>
  post(s, '/createTask', { clientKey: key, task });
const poll = (s: Sandbox, taskId: string, key = KEY) => post(s, '/getTaskResult', { clientKey: key, taskId });

describe('accounts and money', () => {
  it('reserves the cost at creation and keeps it when the task is solved', async () => {
    const s = await start();
    const { taskId } = await create(s);
    expect(s.getBalance(KEY)).toBe(0.75);
    expect(await poll(s, taskId)).toMatchObject({ status: 'ready', cost: 0.25 });
    expect(await post(s, '/getBalance', { clientKey: KEY })).toEqual({ errorId: 0, balance: 0.75 });
  });

  it('refunds a failed task', async () => {
    let clock = 0; // frozen until the poll, so the refund cannot happen before the first check
    const s = await start({ failRate: 1, now: () => clock, solveMs: 10 });
    const { taskId } = await create(s);
    expect(s.getBalance(KEY)).toBe(0.75);
    clock = 10;
    expect(await poll(s, taskId)).toMatchObject({
      status: 'failed',
      errorId: 1,
      errorCode: 'CAPTCHA_UNSOLVABLE',
      solution: null,
    });
    expect(s.getBalance(KEY)).toBe(1);
  });

  it('refuses a task the balance cannot cover, without charging', async () => {
    const s = await start({ cost: (t) => (t.type === 'TurnstileTokenProxyLess' ? 2 : 0.1) });
    expect(await create(s)).toMatchObject({ errorId: 1, errorCode: 'ERROR_ZERO_BALANCE' });
    expect(s.getBalance(KEY)).toBe(1);
  });

  it('rounds balances to 6 decimals', async () => {
    const s = await start({ cost: 0.0000013 });
    s.setBalance(KEY, 0.1);
    await create(s);
    expect((await post(s, '/getBalance', { clientKey: KEY })).balance).toBe(0.099999);
  });

  it.each(['/createTask', '/getTaskResult', '/getBalance'])(
    '%s answers a wrong key with ERROR_KEY_DOES_NOT_EXIST',
    async (path) => {
      const s = await start();
      expect(await post(s, path, { clientKey: 'anysolver_nope', taskId: 'x', task: TASK })).toMatchObject({
        errorId: 1,
        errorCode: 'ERROR_KEY_DOES_NOT_EXIST',
      });
    },
  );
});

describe('tasks', () => {
  it('is processing until solveMs has passed, on the injected clock', async () => {
    let clock = 1_000_000;
    const s = await start({ now: () => clock, solveMs: 5000 });
    const { taskId } = await create(s);
    expect(taskId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    clock += 4999;
    expect(await poll(s, taskId)).toMatchObject({
      status: 'processing',
      errorId: 0,
      solution: null,
      provider: 'Sandbox',
    });
    clock += 1;
    const ready = await poll(s, taskId);
    expect(ready.solution.token).toMatch(
      new RegExp(`^sandbox\\.${taskId}\\.${TASK.websiteKey}\\.[0-9a-f]+$`),
    );
    expect(s.tasks.get(taskId)).toMatchObject({
      polls: 2,
      status: 'ready',
      settledAt: clock,
      deliveredAt: clock,
    });
  });

  it('gives every task its own token', async () => {
    const s = await start();
    const a = await create(s);
    const b = await create(s, { ...TASK, websiteKey: '0x4AAAAAAAOtherKeyOther' });
    const [ta, tb] = [(await poll(s, a.taskId)).solution.token, (await poll(s, b.taskId)).solution.token];
    expect(ta).not.toBe(tb);
    expect(tb).toContain('0x4AAAAAAAOtherKeyOther');
  });

  it('forgets tasks after the retention time (TASK_NOT_FOUND)', async () => {
    let clock = 0;
    const s = await start({ now: () => clock, retentionMs: 60_000 });
    const { taskId } = await create(s);
    clock = 60_000;
    expect((await poll(s, taskId)).status).toBe('ready');
    clock = 60_001;
    expect(await poll(s, taskId)).toMatchObject({
      status: 'failed',
      errorId: 1,
      errorCode: 'TASK_NOT_FOUND',
      taskId,
    });
    expect(s.tasks.has(taskId)).toBe(false);
  });

  it.each([
    ['no task', null, 'INVALID_TASK_DATA', /task/],
    ['an unknown type', { ...TASK, type: 'TurnstileTask' }, 'INVALID_TASK_DATA', /Unknown task type/],
    [
      'no websiteURL',
      { type: 'ReCaptchaV2TokenProxyLess', websiteKey: 'k' },
      'INVALID_TASK_DATA',
      /websiteURL/,
    ],
    ['no image', { type: 'TextRecognition' }, 'INVALID_TASK_DATA', /imageBase64/],
    [
      'a BMP image',
      { type: 'TextRecognition', imageBase64: `data:image/bmp;base64,${'A'.repeat(200)}` },
      'IMAGE_CORRUPTED',
      /JPG/,
    ],
  ])('refuses %s', async (_what, task, errorCode, description) => {
    const s = await start();
    const reply = await create(s, task as object);
    expect(reply).toMatchObject({ errorId: 1, errorCode });
    expect(reply.errorDescription).toMatch(description);
    expect(s.getBalance(KEY)).toBe(1);
  });

  it('takes solveMs and cost as functions of the task', async () => {
    let clock = 0;
    const s = await start({ now: () => clock, solveMs: (t) => (t.type === 'TextRecognition' ? 100 : 9000) });
    const img = await create(s, {
      type: 'TextRecognition',
      imageBase64: `data:image/png;base64,${Buffer.alloc(100).toString('base64')}`,
    });
    const tok = await create(s);
    clock = 100;
    expect((await poll(s, img.taskId)).solution).toEqual({
      text: `sandbox-${img.taskId.slice(-6).toLowerCase()}`,
    });
    expect((await poll(s, tok.taskId)).status).toBe('processing');
  });

  it('fires onReady when a task becomes due, without a poll, and on markReady', async () => {
    const s = await start({ solveMs: 30 });
    const seen: string[] = [];
    const off = s.onReady((t) => seen.push(`${t.taskId}:${t.status}`));
    const { taskId } = await create(s);
    // Wait for the event (not a fixed sleep: the machine may be busy); nobody polls meanwhile.
    for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([`${taskId}:ready`]);
    expect(s.tasks.get(taskId)?.polls).toBe(0);
    s.setSolveMs(60_000);
    const late = await create(s);
    expect(s.markReady(late.taskId)).toBe(true);
    expect(seen).toEqual([`${taskId}:ready`, `${late.taskId}:ready`]);
    expect(s.markReady('nope')).toBe(false);
    off();
    s.markReady((await create(s)).taskId);
    expect(seen).toHaveLength(2);
  });
});

describe('scripted faults', () => {
  it('are consumed in order, only by their path, `times` times', async () => {
    const s = await start();
    s.fault({
      path: '/getBalance',
      times: 2,
      kind: { type: 'error', errorId: 2, errorCode: 'INTERNAL_ERROR' },
    });
    s.fault({ path: '/getBalance', kind: { type: 'error', errorId: 1, errorCode: 'ERROR_USER_BANNED' } });
    expect((await create(s)).errorId).toBe(0); // other path: untouched
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await post(s, '/getBalance', { clientKey: KEY })).errorCode);
    expect(codes).toEqual(['INTERNAL_ERROR', 'INTERNAL_ERROR', 'ERROR_USER_BANNED', undefined]);
  });

  it('fail-task makes the next created task fail', async () => {
    const s = await start();
    s.fault({ path: '/createTask', kind: { type: 'fail-task' } });
    const a = await create(s);
    const b = await create(s);
    expect((await poll(s, a.taskId)).errorCode).toBe('CAPTCHA_UNSOLVABLE');
    expect((await poll(s, b.taskId)).status).toBe('ready');
  });

  it('garbage, http and drop break the transport as asked', async () => {
    const s = await start();
    s.fault({ kind: { type: 'garbage' } });
    s.fault({ kind: { type: 'http', status: 503 } });
    s.fault({ kind: { type: 'drop' } });
    const body = JSON.stringify({ clientKey: KEY });
    const first = await fetch(`${s.url}/getBalance`, { method: 'POST', body });
    expect([first.status, first.headers.get('content-type')]).toEqual([200, 'text/html']);
    expect(() => JSON.parse('<html>')).toThrow();
    expect((await fetch(`${s.url}/getBalance`, { method: 'POST', body })).status).toBe(503);
    await expect(fetch(`${s.url}/getBalance`, { method: 'POST', body })).rejects.toThrow();
  });

  it('delay slows the reply down', async () => {
    const s = await start();
    s.fault({ kind: { type: 'delay', ms: 120 } });
    const t0 = Date.now();
    expect((await post(s, '/getBalance', { clientKey: KEY })).errorId).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
  });

  it('clearFaults empties the queue', async () => {
    const s = await start();
    s.fault({ kind: { type: 'garbage' } });
    s.clearFaults();
    expect((await post(s, '/getBalance', { clientKey: KEY })).errorId).toBe(0);
  });
});

describe('HTTP surface', () => {
  it('answers unknown methods and bad bodies with HTTP 200 and an error', async () => {
    const s = await start();
    expect(await post(s, '/solveEverything', {})).toMatchObject({ errorId: 1 });
    const res = await fetch(`${s.url}/getBalance`, { method: 'POST', body: '{nope' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ errorId: 1, errorCode: 'INVALID_REQUEST' });
  });

  it('answers CORS preflights and adds CORS headers', async () => {
    const s = await start();
    const pre = await fetch(`${s.url}/createTask`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    const res = await fetch(`${s.url}/getBalance`, {
      method: 'POST',
      body: JSON.stringify({ clientKey: KEY }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('logs requests with timestamps; the redacted view hides client keys', async () => {
    const s = await start();
    await create(s);
    expect(s.requests[0]).toMatchObject({
      path: '/createTask',
      body: { clientKey: KEY },
      reply: { errorId: 0 },
    });
    expect(typeof s.requests[0]?.at).toBe('number');
    expect(JSON.stringify(s.requestsRedacted())).not.toContain(KEY);
  });

  it('offers a control API to other processes', async () => {
    const s = await start({ solveMs: 60_000 });
    expect(await post(s, '/__sandbox/balance', { key: KEY, balance: 3 })).toEqual({ ok: true });
    expect(s.getBalance(KEY)).toBe(3);
    await post(s, '/__sandbox/fault', {
      path: '/getBalance',
      kind: { type: 'error', errorId: 1, errorCode: 'ERROR_USER_BANNED' },
    });
    expect((await post(s, '/getBalance', { clientKey: KEY })).errorCode).toBe('ERROR_USER_BANNED');
    const { taskId } = await create(s);
    expect(await post(s, '/__sandbox/mark-ready', { taskId })).toEqual({ ok: true });
    await post(s, '/__sandbox/solve-ms', { solveMs: 0 });
    expect((await poll(s, taskId)).status).toBe('ready');
    const tasks = await (await fetch(`${s.url}/__sandbox/tasks`)).json();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ taskId, status: 'ready' });
    expect(tasks[0].key).toBeUndefined();
    const log = await (await fetch(`${s.url}/__sandbox/requests`)).text();
    expect(log).toContain('/createTask');
    expect(log).not.toContain(KEY);
    expect(s.requests.some((r) => r.path.startsWith('/__sandbox'))).toBe(false);
  });
});
