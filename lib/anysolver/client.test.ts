// The client against the real sandbox over HTTP on 127.0.0.1: every reply shape of the docs and the seed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain-JS sandbox (JSDoc-typed)
import { startSandbox } from '../../sandbox/server.mjs';
import { createAnySolverClient } from './client';
import { AnySolverError } from './errors';

const KEY = 'anysolver_unit_test_key';
const TASK = { type: 'ReCaptchaV2TokenProxyLess', websiteURL: 'https://site.test/', websiteKey: '6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI' };

// biome-ignore lint/suspicious/noExplicitAny: plain-JS sandbox
let sb: any;
const client = (o: Partial<Parameters<typeof createAnySolverClient>[0]> = {}) =>
  createAnySolverClient({ endpoint: sb.url, sleep: async () => {}, timeoutMs: 2000, ...o });
const caught = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as AnySolverError;
  }
  throw new Error('expected a rejection');
};

beforeAll(async () => {
  sb = await startSandbox({ keys: { [KEY]: 1 }, solveMs: 0, cost: 0.002 });
});
afterAll(() => sb.close());
afterEach(() => {
  sb.clearFaults();
  sb.requests.length = 0;
  sb.setSolveMs(0);
  sb.setBalance(KEY, 1);
});

describe('createTask', () => {
  it('sends exactly the documented fields and returns the string task id', async () => {
    const id = await client().createTask(KEY, TASK, { selectionMode: 'autoFastest', keyPoolMode: 'platformOnly' });
    expect(id).toMatch(/^[0-9A-Z]{26}$/);
    expect(sb.requests[0].body).toEqual({ clientKey: KEY, task: TASK, selectionMode: 'autoFastest', keyPoolMode: 'platformOnly' });
  });

  it('sends no routing fields when none are set', async () => {
    await client().createTask(KEY, TASK);
    expect(Object.keys(sb.requests[0].body).sort()).toEqual(['clientKey', 'task']);
  });

  it.each([
    ['a wrong key', 'anysolver_wrong', TASK, 'ERROR_KEY_DOES_NOT_EXIST', 'account'],
    ['a missing field', KEY, { type: 'ReCaptchaV2TokenProxyLess', websiteURL: 'https://a.test/' }, 'INVALID_TASK_DATA', 'task'],
  ])('turns %s into a typed, non-retryable error', async (_what, key, task, code, scope) => {
    const e = await caught(client().createTask(key, task));
    expect(e).toBeInstanceOf(AnySolverError);
    expect(e.errorCode).toBe(code);
    expect(e.errorId).toBe(1);
    expect(e.retryable).toBe(false);
    expect(e.scope).toBe(scope);
    expect(sb.requests).toHaveLength(1); // not retried
    expect(String(e.message)).not.toContain(key === KEY ? KEY : 'never');
  });

  it('reports an empty balance in words', async () => {
    sb.setBalance(KEY, 0);
    const e = await caught(client().createTask(KEY, TASK));
    expect(e.errorCode).toBe('ERROR_ZERO_BALANCE');
    expect(e.userMessage).toMatch(/balance is empty/);
  });
});

describe('getTaskResult', () => {
  it('reads processing, then ready with { token } and the cost', async () => {
    sb.setSolveMs(60_000);
    const api = client();
    const id = await api.createTask(KEY, TASK);
    expect(await api.getTaskResult(KEY, id)).toMatchObject({ status: 'processing', solution: null, provider: 'Sandbox' });
    sb.markReady(id);
    const ready = await api.getTaskResult(KEY, id);
    expect(ready.status).toBe('ready');
    expect(ready.cost).toBe(0.002);
    expect(ready.taskType).toBe('ReCaptchaV2TokenProxyLess');
    expect(ready.solution?.token).toBe(sb.tasks.get(id).token);
  });

  it('returns a failed task as a result with its error, refunded', async () => {
    sb.fault({ path: '/createTask', kind: { type: 'fail-task' } });
    const api = client();
    const id = await api.createTask(KEY, TASK);
    expect(sb.getBalance(KEY)).toBeCloseTo(0.998);
    const r = await api.getTaskResult(KEY, id);
    expect(r.status).toBe('failed');
    expect(r.error).toEqual({ errorId: 1, errorCode: 'CAPTCHA_UNSOLVABLE', description: 'The captcha could not be solved.' });
    expect(sb.getBalance(KEY)).toBeCloseTo(1);
  });

  it('reports an unknown id as TASK_NOT_FOUND', async () => {
    const r = await client().getTaskResult(KEY, '01KFNDF328KAN2AJ3BNHCQYE88');
    expect(r.status).toBe('failed');
    expect(r.error?.errorCode).toBe('TASK_NOT_FOUND');
  });
});

describe('transport and server faults', () => {
  it.each([
    ['errorId 2', { type: 'error', errorId: 2, errorCode: 'INTERNAL_ERROR' }],
    ['a non-JSON body', { type: 'garbage' }],
    ['an HTTP 502', { type: 'http', status: 502 }],
    ['a dropped connection', { type: 'drop' }],
  ])('retries %s and then succeeds', async (_what, kind) => {
    sb.fault({ path: '/getBalance', times: 2, kind });
    expect(await client().getBalance(KEY)).toBe(1);
    expect(sb.requests.filter((r: { path: string }) => r.path === '/getBalance')).toHaveLength(3);
  });

  it('gives up after the bounded retries with a retryable typed error', async () => {
    sb.fault({ path: '/getBalance', times: 5, kind: { type: 'garbage' } });
    const e = await caught(client({ retries: 2 }).getBalance(KEY));
    expect(e.errorCode).toBe('BAD_RESPONSE');
    expect(e.retryable).toBe(true);
    expect(sb.requests).toHaveLength(3);
  });

  it('times out a slow reply', async () => {
    sb.fault({ path: '/getBalance', kind: { type: 'delay', ms: 800 } });
    const e = await caught(client({ timeoutMs: 200, retries: 0 }).getBalance(KEY));
    expect(e.errorCode).toBe('TIMEOUT');
  });

  it('treats a reply of the wrong shape as BAD_RESPONSE', async () => {
    const fake = (async () => new Response(JSON.stringify({ errorId: 0, balance: 'lots' }))) as typeof fetch;
    const e = await caught(createAnySolverClient({ endpoint: 'https://x.test', fetch: fake, retries: 0 }).getBalance(KEY));
    expect(e.errorCode).toBe('BAD_RESPONSE');
  });

  it('backs off exponentially between attempts', async () => {
    const waits: number[] = [];
    sb.fault({ path: '/getBalance', times: 2, kind: { type: 'garbage' } });
    await client({ backoffMs: 100, random: () => 1, sleep: async (ms) => void waits.push(ms) }).getBalance(KEY);
    expect(waits).toEqual([100, 200]);
  });
});

describe('getBalance', () => {
  it('returns the USD balance', async () => {
    sb.setBalance(KEY, 12.345678);
    expect(await client().getBalance(KEY)).toBe(12.345678);
  });
});
