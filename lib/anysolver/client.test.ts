// The client against the real sandbox over HTTP on 127.0.0.1: every reply shape of the docs and the seed,
// every known error code, transport faults, retry bounds and the exact request bodies.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FaultKind, type Sandbox, startSandbox } from '../../sandbox/server.mjs';
import { createAnySolverClient } from './client';
import { AnySolverError, ERROR_TABLE } from './errors';

const KEY = 'anysolver_unit_test_key';
const RC_KEY = '6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI';
const TASK = { type: 'ReCaptchaV2TokenProxyLess', websiteURL: 'https://site.test/', websiteKey: RC_KEY };
const SEED_ID = '01KFNDF328KAN2AJ3BNHCQYE88';

let sb: Sandbox;
const client = (o: Partial<Parameters<typeof createAnySolverClient>[0]> = {}) =>
  createAnySolverClient({ endpoint: sb.url, sleep: async () => {}, timeoutMs: 2000, ...o });
const caught = async (p: Promise<unknown>): Promise<AnySolverError> => {
  try {
    await p;
  } catch (e) {
    return e as AnySolverError;
  }
  throw new Error('expected a rejection');
};
const calls = (path: string) => sb.requests.filter((r) => r.path === path);

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

describe('request bodies', () => {
  it('createTask sends exactly the documented fields and returns the string task id', async () => {
    const id = await client().createTask(KEY, TASK, {
      selectionMode: 'autoFastest',
      keyPoolMode: 'platformOnly',
      provider: 'Multibot',
    });
    expect(id).toMatch(/^[0-9A-Z]{26}$/);
    expect(sb.requests[0]?.body).toEqual({
      clientKey: KEY,
      task: TASK,
      selectionMode: 'autoFastest',
      keyPoolMode: 'platformOnly',
      provider: 'Multibot',
    });
  });

  it.each([
    ['no routing', undefined],
    ['empty routing', {}],
    ['the default key pool', { keyPoolMode: 'all' as const }],
  ])('createTask sends no routing fields for %s', async (_what, routing) => {
    await client().createTask(KEY, TASK, routing);
    expect(Object.keys(sb.requests[0]?.body).sort()).toEqual(['clientKey', 'task']);
  });

  it('getTaskResult and getBalance send only clientKey (+ taskId) as JSON POSTs', async () => {
    const api = client();
    const id = await api.createTask(KEY, TASK);
    await api.getTaskResult(KEY, id);
    await api.getBalance(KEY);
    expect(calls('/getTaskResult')[0]?.body).toEqual({ clientKey: KEY, taskId: id });
    expect(calls('/getBalance')[0]?.body).toEqual({ clientKey: KEY });
  });

  it('posts to the endpoint with a JSON content type', async () => {
    const seen: { url: string; init?: RequestInit }[] = [];
    const spy = (async (url: string, init?: RequestInit) => {
      seen.push({ url, init });
      return fetch(url, init);
    }) as typeof fetch;
    await client({ fetch: spy }).getBalance(KEY);
    expect(seen[0]?.url).toBe(`${sb.url}/getBalance`);
    expect(seen[0]?.init?.method).toBe('POST');
    expect(seen[0]?.init?.headers).toEqual({ 'Content-Type': 'application/json' });
  });
});

describe('createTask errors from the sandbox', () => {
  it.each([
    ['a wrong key', 'anysolver_wrong', TASK, 'ERROR_KEY_DOES_NOT_EXIST', 'account'],
    [
      'a missing field',
      KEY,
      { type: 'ReCaptchaV2TokenProxyLess', websiteURL: 'https://a.test/' },
      'INVALID_TASK_DATA',
      'task',
    ],
    ['an unknown type', KEY, { ...TASK, type: 'NoSuchTaskProxyLess' }, 'INVALID_TASK_DATA', 'task'],
    [
      'a too small image',
      KEY,
      { type: 'TextRecognition', imageBase64: 'data:image/png;base64,AAAA' },
      'IMAGE_TOO_SMALL',
      'task',
    ],
  ])('turns %s into a typed, non-retried error', async (_what, key, task, code, scope) => {
    const e = await caught(client().createTask(key, task));
    expect(e).toBeInstanceOf(AnySolverError);
    expect(e).toMatchObject({ errorCode: code, errorId: 1, retryable: false, scope });
    expect(sb.requests).toHaveLength(1);
  });

  it('names the missing field in the description', async () => {
    const e = await caught(
      client().createTask(KEY, { type: 'TurnstileTokenProxyLess', websiteURL: 'https://a.test/' }),
    );
    expect(e.description).toMatch(/websiteKey/);
  });

  it('reports an empty balance in words and charges nothing', async () => {
    sb.setBalance(KEY, 0.001);
    const e = await caught(client().createTask(KEY, TASK));
    expect(e.errorCode).toBe('ERROR_ZERO_BALANCE');
    expect(e.notice).toEqual({ key: 'err_ERROR_ZERO_BALANCE' });
    expect(sb.getBalance(KEY)).toBe(0.001);
  });
});

describe('getTaskResult', () => {
  it('reads processing, then ready with { token } and the cost', async () => {
    sb.setSolveMs(60_000);
    const api = client();
    const id = await api.createTask(KEY, TASK);
    expect(await api.getTaskResult(KEY, id)).toMatchObject({
      status: 'processing',
      solution: null,
      provider: 'Sandbox',
    });
    sb.markReady(id);
    const ready = await api.getTaskResult(KEY, id);
    expect(ready).toMatchObject({
      status: 'ready',
      taskId: id,
      cost: 0.002,
      taskType: 'ReCaptchaV2TokenProxyLess',
    });
    expect(ready.solution?.token).toBe(sb.tasks.get(id)?.token);
    expect(ready.solution?.token).toMatch(new RegExp(`^sandbox\\.${id}\\.${RC_KEY}\\.`));
  });

  it('reads a TextRecognition answer as { text }', async () => {
    const img = `data:image/gif;base64,${Buffer.alloc(150, 1).toString('base64')}`;
    const api = client();
    const id = await api.createTask(KEY, { type: 'TextRecognition', imageBase64: img });
    expect((await api.getTaskResult(KEY, id)).solution).toEqual({
      text: `sandbox-${id.slice(-6).toLowerCase()}`,
    });
  });

  it('returns a failed task as a result with its error, refunded', async () => {
    sb.setSolveMs(60_000); // settles only on markReady, so the reservation is observable
    sb.fault({ path: '/createTask', kind: { type: 'fail-task' } });
    const api = client();
    const id = await api.createTask(KEY, TASK);
    expect(sb.getBalance(KEY)).toBeCloseTo(0.998);
    sb.markReady(id);
    const r = await api.getTaskResult(KEY, id);
    expect(r.status).toBe('failed');
    expect(r.error).toEqual({
      errorId: 1,
      errorCode: 'CAPTCHA_UNSOLVABLE',
      description: 'The captcha could not be solved.',
    });
    expect(sb.getBalance(KEY)).toBeCloseTo(1);
  });

  it('reports an unknown id as TASK_NOT_FOUND', async () => {
    const r = await client().getTaskResult(KEY, SEED_ID);
    expect(r.status).toBe('failed');
    expect(r.error?.errorCode).toBe('TASK_NOT_FOUND');
  });

  it('does not show one key the tasks of another', async () => {
    sb.setBalance('anysolver_other', 1);
    const id = await client().createTask('anysolver_other', TASK);
    expect((await client().getTaskResult(KEY, id)).error?.errorCode).toBe('TASK_NOT_FOUND');
  });

  // The seed page's three examples, replayed byte for byte.
  const seedBase = { taskId: SEED_ID, taskType: 'ReCaptchaV2TokenProxyLess', provider: 'Multibot' };
  it.each([
    [
      'processing',
      { status: 'processing', ...seedBase, errorId: 0, solution: null },
      { status: 'processing', solution: null },
    ],
    [
      'ready',
      {
        status: 'ready',
        ...seedBase,
        errorId: 0,
        cost: 0.00013,
        solution: { token: '03AGdBq24PBCbwiDRaS_MJ7Z...' },
      },
      {
        status: 'ready',
        cost: 0.00013,
        provider: 'Multibot',
        solution: { token: '03AGdBq24PBCbwiDRaS_MJ7Z...' },
      },
    ],
    [
      'failed',
      {
        status: 'failed',
        ...seedBase,
        errorId: 1,
        errorCode: 'CAPTCHA_UNSOLVABLE',
        errorDescription: 'The captcha could not be solved.',
        solution: null,
      },
      {
        status: 'failed',
        error: {
          errorId: 1,
          errorCode: 'CAPTCHA_UNSOLVABLE',
          description: 'The captcha could not be solved.',
        },
      },
    ],
    [
      'ready with extra solution fields',
      {
        status: 'ready',
        ...seedBase,
        errorId: 0,
        cost: 0.001,
        solution: { gRecaptchaResponse: 'g', userAgent: 'UA', rqtoken: 'rq', extra: 1 },
      },
      { status: 'ready', solution: { gRecaptchaResponse: 'g', userAgent: 'UA', rqtoken: 'rq', extra: 1 } },
    ],
    [
      'failed with errorId 2',
      {
        status: 'failed',
        taskId: SEED_ID,
        errorId: 2,
        errorCode: 'INTERNAL_ERROR',
        errorDescription: 'x',
        solution: null,
      },
      { status: 'failed', error: { errorId: 2, errorCode: 'INTERNAL_ERROR', description: 'x' } },
    ],
  ])('parses the documented %s reply', async (_what, body, expected) => {
    sb.fault({ path: '/getTaskResult', kind: { type: 'reply', body } });
    expect(await client().getTaskResult(KEY, SEED_ID)).toMatchObject({ taskId: SEED_ID, ...expected });
  });

  it.each([
    ['a ready task without a solution', { status: 'ready', taskId: SEED_ID, errorId: 0, solution: null }],
    [
      'a reply about another task',
      { status: 'ready', taskId: '01KFNDF328KAN2AJ3BNHCQYE99', errorId: 0, solution: { token: 't' } },
    ],
    ['an unknown status', { status: 'queued', taskId: SEED_ID, errorId: 0, solution: null }],
  ])('refuses %s as BAD_RESPONSE', async (_what, body) => {
    sb.fault({ path: '/getTaskResult', kind: { type: 'reply', body } });
    expect((await caught(client({ retries: 0 }).getTaskResult(KEY, SEED_ID))).errorCode).toBe('BAD_RESPONSE');
  });

  it('throws a request-level error (errorId ≠ 0 without status)', async () => {
    const e = await caught(client().getTaskResult('anysolver_nobody', SEED_ID));
    expect(e.errorCode).toBe('ERROR_KEY_DOES_NOT_EXIST');
  });
});

describe('known error codes', () => {
  const apiCodes = Object.keys(ERROR_TABLE).filter(
    (c) =>
      ![
        'NETWORK_ERROR',
        'TIMEOUT',
        'BAD_RESPONSE',
        'INVALID_ENDPOINT',
        'INVALID_KEY_FORMAT',
        'NO_KEY',
      ].includes(c),
  );

  it.each(apiCodes)('%s is classified by the table and retried only when it says so', async (code) => {
    const errorId = code === 'INTERNAL_ERROR' ? 2 : 1;
    sb.fault({
      path: '/getBalance',
      times: 5,
      kind: { type: 'error', errorId, errorCode: code, errorDescription: `d-${code}` },
    });
    const e = await caught(client({ retries: 2 }).getBalance(KEY));
    const info = ERROR_TABLE[code]!;
    expect(e).toMatchObject({
      errorId,
      errorCode: code,
      description: `d-${code}`,
      retryable: info.retryable,
      scope: info.scope,
    });
    expect(e.notice).toEqual({ key: `err_${code}` });
    expect(calls('/getBalance')).toHaveLength(info.retryable ? 3 : 1);
  });

  it('marks CAPTCHA_UNSOLVABLE and TASK_TIMEOUT as resolvable once, not retryable', () => {
    for (const code of ['CAPTCHA_UNSOLVABLE', 'TASK_TIMEOUT'])
      expect(ERROR_TABLE[code]).toMatchObject({ retryable: false, resolvable: true });
  });

  it.each([
    [1, 'SOMETHING_NEW', false],
    [2, 'SOMETHING_NEW', true],
  ])('judges an unknown code by its errorId %i', async (errorId, code, retryable) => {
    sb.fault({ path: '/getBalance', kind: { type: 'error', errorId, errorCode: code } });
    const e = await caught(client({ retries: 0 }).getBalance(KEY));
    expect(e).toMatchObject({ errorCode: code, retryable });
    expect(e.notice).toEqual(
      errorId === 2 ? { key: 'err_INTERNAL_ERROR' } : { key: 'err_refused', params: [code] },
    );
  });

  it('never repeats the client key, even when the API echoes it', async () => {
    sb.fault({
      path: '/createTask',
      kind: {
        type: 'error',
        errorId: 1,
        errorCode: 'ERROR_KEY_DOES_NOT_EXIST',
        errorDescription: `Key ${KEY} unknown`,
      },
    });
    const e = await caught(client().createTask(KEY, TASK));
    for (const text of [e.message, e.description, JSON.stringify(e.notice), String(e), e.stack ?? ''])
      expect(text).not.toContain(KEY);
  });
});

describe('transport and server faults', () => {
  it.each<[string, FaultKind]>([
    ['errorId 2', { type: 'error', errorId: 2, errorCode: 'INTERNAL_ERROR' }],
    ['a non-JSON body', { type: 'garbage' }],
    ['an HTTP 502', { type: 'http', status: 502 }],
    ['a dropped connection', { type: 'drop' }],
  ])('retries %s and then succeeds', async (_what, kind) => {
    sb.fault({ path: '/getBalance', times: 2, kind });
    expect(await client().getBalance(KEY)).toBe(1);
    expect(calls('/getBalance')).toHaveLength(3);
  });

  it.each<[string, FaultKind, string]>([
    ['non-JSON', { type: 'garbage' }, 'BAD_RESPONSE'],
    ['dropped', { type: 'drop' }, 'NETWORK_ERROR'],
  ])('gives up on %s replies after the bounded retries', async (_what, kind, code) => {
    sb.fault({ path: '/getBalance', times: 9, kind });
    const e = await caught(client({ retries: 2 }).getBalance(KEY));
    expect(e).toMatchObject({ errorCode: code, errorId: 0, retryable: true, scope: 'transient' });
    expect(sb.requests).toHaveLength(3);
  });

  it('does not retry at all with retries: 0', async () => {
    sb.fault({ path: '/getBalance', times: 9, kind: { type: 'garbage' } });
    await caught(client({ retries: 0 }).getBalance(KEY));
    expect(sb.requests).toHaveLength(1);
  });

  it('times out a slow reply', async () => {
    sb.fault({ path: '/getBalance', kind: { type: 'delay', ms: 800 } });
    const started = Date.now();
    const e = await caught(client({ timeoutMs: 150, retries: 0 }).getBalance(KEY));
    expect(e).toMatchObject({ errorCode: 'TIMEOUT', retryable: true });
    expect(Date.now() - started).toBeLessThan(700);
  });

  it('treats a reply of the wrong shape as BAD_RESPONSE', async () => {
    sb.fault({ path: '/getBalance', kind: { type: 'reply', body: { errorId: 0, balance: 'lots' } } });
    expect((await caught(client({ retries: 0 }).getBalance(KEY))).errorCode).toBe('BAD_RESPONSE');
  });

  it('branches on errorId, not HTTP status: a JSON error body with HTTP 200 is an API error', async () => {
    sb.fault({
      path: '/createTask',
      kind: { type: 'reply', body: { errorId: 1, errorCode: 'DOMAIN_BANNED', errorDescription: 'no' } },
    });
    expect((await caught(client().createTask(KEY, TASK))).errorCode).toBe('DOMAIN_BANNED');
    expect(sb.requests).toHaveLength(1);
  });

  it('backs off exponentially with jitter between attempts', async () => {
    const waits: number[] = [];
    sb.fault({ path: '/getBalance', times: 2, kind: { type: 'garbage' } });
    await client({ backoffMs: 100, random: () => 1, sleep: async (ms) => void waits.push(ms) }).getBalance(
      KEY,
    );
    expect(waits).toEqual([100, 200]);
    waits.length = 0;
    sb.fault({ path: '/getBalance', times: 2, kind: { type: 'garbage' } });
    await client({ backoffMs: 100, random: () => 0, sleep: async (ms) => void waits.push(ms) }).getBalance(
      KEY,
    );
    expect(waits).toEqual([50, 100]);
  });

  it('reports an unreachable endpoint as NETWORK_ERROR', async () => {
    const e = await caught(
      createAnySolverClient({ endpoint: 'http://127.0.0.1:1', retries: 0 }).getBalance(KEY),
    );
    expect(e.errorCode).toBe('NETWORK_ERROR');
  });
});

describe('getBalance', () => {
  it('returns the USD balance', async () => {
    sb.setBalance(KEY, 12.345678);
    expect(await client().getBalance(KEY)).toBe(12.345678);
  });
});

describe('createTask is never paid twice', () => {
  it.each([
    ['a timeout', { type: 'delay', ms: 800 } as const, 'TIMEOUT'],
    ['a dropped connection', { type: 'drop' } as const, 'NETWORK_ERROR'],
    ['an unreadable reply', { type: 'garbage' } as const, 'BAD_RESPONSE'],
  ])('does not retry after %s (the task may exist and be charged)', async (_what, kind, code) => {
    sb.fault({ path: '/createTask', times: 3, kind });
    const e = await caught(client({ timeoutMs: 300 }).createTask(KEY, TASK));
    expect(e.errorCode).toBe(code);
    expect(calls('/createTask')).toHaveLength(1);
  });

  it('retries when the API says it failed internally (errorId 2: nothing was created)', async () => {
    sb.fault({
      path: '/createTask',
      times: 1,
      kind: { type: 'error', errorId: 2, errorCode: 'INTERNAL_ERROR' },
    });
    expect(await client().createTask(KEY, TASK)).toMatch(/^[0-9A-Z]{26}$/);
    expect(calls('/createTask')).toHaveLength(2);
  });
});
