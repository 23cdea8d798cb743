import { describe, expect, it } from 'vitest';
import { enWords } from '@/lib/ui/test-i18n';
import { AnySolverError } from '../anysolver/errors';
import type { TaskResult } from '../anysolver/types';
import { newJob } from './jobs';
import { judgePoll, MAX_TRANSIENT_POLL_ERRORS, POLL_TIMES_KEPT } from './poll-outcome';

const T0 = 1_000_000;
const timing = { firstDelayMs: 3000, intervalMs: 2500, timeoutMs: 120_000 };
const plan = [3000, 5500, 8000];
const polling = (over = {}) => ({
  ...newJob(
    'j1',
    { tabId: 1, frameId: 0, frameUrl: 'https://a.test/' },
    'https://a.test',
    { widgetId: 'w', kind: 'turnstile', websiteKey: '0x4AAAAAAA' },
    null,
    T0,
  ),
  status: 'polling' as const,
  taskId: 'T1',
  taskCreatedAt: T0,
  ...over,
});
const processing: TaskResult = { status: 'processing', solution: null };
const failed = (errorCode: string): TaskResult => ({
  status: 'failed',
  solution: null,
  cost: 0,
  error: { errorId: 1, errorCode, description: '' },
});

describe('judgePoll', () => {
  it('processing: waits for the next planned poll, then the interval', () => {
    expect(judgePoll(polling(), processing, T0 + 3000, plan, timing)).toEqual({
      next: 'wait',
      patch: {
        polls: 1,
        pollTimes: [T0 + 3000],
        transientErrors: 0,
        lastProcessingAt: T0 + 3000,
        nextPollAt: T0 + 5500,
      },
    });
    expect(judgePoll(polling(), processing, T0 + 8000, plan, timing).patch.nextPollAt).toBe(T0 + 10_500);
  });

  it('a poll sent a few ms early (with a job due now) moves on to the next point', () => {
    // It used to find its own point (3000) still ahead and poll again 20–40 ms later.
    const early = judgePoll(polling({ nextPollAt: T0 + 3000 }), processing, T0 + 2960, plan, timing);
    expect(early.patch.nextPollAt).toBe(T0 + 5500);
    const lateAfterEarly = judgePoll(polling({ nextPollAt: T0 + 5500 }), processing, T0 + 5460, plan, timing);
    expect(lateAfterEarly.patch.nextPollAt).toBe(T0 + 8000);
  });

  it('ready: hands over the token, keeping the first ready time across a restart', () => {
    const ready: TaskResult = { status: 'ready', solution: { token: 'XYZ' }, cost: 0.0012, provider: 'P' };
    expect(judgePoll(polling(), ready, T0 + 5500, plan, timing)).toMatchObject({
      next: 'ready',
      token: 'XYZ',
      patch: { readyAt: T0 + 5500, cost: 0.0012 },
    });
    expect(judgePoll(polling({ readyAt: T0 + 4000 }), ready, T0 + 60_000, plan, timing).patch.readyAt).toBe(
      T0 + 4000,
    );
  });

  it('ready without a token reports a null token', () => {
    expect(judgePoll(polling(), { status: 'ready', solution: {} }, T0 + 3000, plan, timing)).toMatchObject({
      next: 'ready',
      token: null,
    });
  });

  it('transient errors are tolerated up to the limit, then fail the job', () => {
    const err = new AnySolverError('NETWORK_ERROR', 'offline');
    expect(judgePoll(polling(), err, T0 + 3000, plan, timing)).toMatchObject({
      next: 'wait',
      patch: { transientErrors: 1 },
    });
    const last = judgePoll(
      polling({ transientErrors: MAX_TRANSIENT_POLL_ERRORS }),
      err,
      T0 + 3000,
      plan,
      timing,
    );
    expect(last).toMatchObject({
      next: 'fail',
      failure: { code: 'NETWORK_ERROR', account: false, resolveAgain: false },
    });
  });

  it('an account error fails at once and asks for the queue to stop', () => {
    const v = judgePoll(
      polling(),
      new AnySolverError('ERROR_KEY_DOES_NOT_EXIST', 'bad key', 1),
      T0 + 3000,
      plan,
      timing,
    );
    expect(v).toMatchObject({ next: 'fail', failure: { account: true } });
    if (v.next === 'fail') expect(enWords(v.failure.notice)).toMatch(/client key/);
  });

  it('an unsolvable captcha asks for one re-solve on attempt 1 only', () => {
    expect(judgePoll(polling(), failed('CAPTCHA_UNSOLVABLE'), T0 + 3000, plan, timing)).toMatchObject({
      failure: { resolveAgain: true },
    });
    expect(judgePoll(polling({ attempt: 2 }), failed('TASK_TIMEOUT'), T0 + 3000, plan, timing)).toMatchObject(
      { failure: { resolveAgain: false } },
    );
    expect(judgePoll(polling(), failed('DOMAIN_BANNED'), T0 + 3000, plan, timing)).toMatchObject({
      failure: { resolveAgain: false, account: false },
    });
  });

  it('gives up at the polling timeout', () => {
    expect(judgePoll(polling(), processing, T0 + 120_000, plan, timing)).toMatchObject({
      next: 'fail',
      failure: { code: 'POLL_TIMEOUT' },
    });
  });

  it('an unexpected exception is not retried', () => {
    expect(judgePoll(polling(), new TypeError('boom'), T0 + 3000, plan, timing)).toMatchObject({
      next: 'fail',
      failure: { code: 'UNEXPECTED' },
    });
  });

  it('records when each poll was asked, whatever the answer, keeping the last POLL_TIMES_KEPT', () => {
    const ready: TaskResult = { status: 'ready', solution: { token: 'XYZ' }, cost: 0.001 };
    const asked = [T0 + 3000, T0 + 5500];
    expect(
      judgePoll(polling({ pollTimes: [asked[0]] }), ready, asked[1]!, plan, timing).patch.pollTimes,
    ).toEqual(asked);
    expect(
      judgePoll(polling(), failed('ERROR_CAPTCHA_UNSOLVABLE'), T0 + 4000, plan, timing).patch.pollTimes,
    ).toEqual([T0 + 4000]);
    const transient = new AnySolverError('NETWORK_ERROR', 'The request failed.');
    expect(judgePoll(polling(), transient, T0 + 4100, plan, timing).patch.pollTimes).toEqual([T0 + 4100]);
    const many = Array.from({ length: POLL_TIMES_KEPT }, (_, i) => T0 + 3000 + i * 2500);
    const next = T0 + 3000 + POLL_TIMES_KEPT * 2500;
    const kept = judgePoll(polling({ pollTimes: many, polls: POLL_TIMES_KEPT }), processing, next, plan, {
      ...timing,
      timeoutMs: 600_000,
    }).patch;
    expect(kept.pollTimes).toEqual([...many.slice(1), next]);
    expect(kept.polls).toBe(POLL_TIMES_KEPT + 1);
  });
});
