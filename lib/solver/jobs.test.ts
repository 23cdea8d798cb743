import { describe, expect, it } from 'vitest';
import { inWords } from '@/lib/ui/test-i18n';
import { finishPatch, newJob, requeuePatch, toHistory } from './jobs';

const T0 = 5_000_000;
const sender = { tabId: 4, frameId: 2, documentId: 'D', frameUrl: 'https://a.test/x' };
const widget = { widgetId: 'recaptcha:0', kind: 'recaptcha-v2' as const, websiteKey: 'k' };

describe('job transitions', () => {
  it('a new job is queued, or detected with a note saying why', () => {
    expect(newJob('j', sender, 'https://a.test', widget, null, T0)).toMatchObject({
      status: 'queued',
      queuedAt: T0,
      key: '4|2|D|recaptcha:0',
      attempt: 1,
    });
    expect(inWords(newJob('j', sender, 'https://a.test', widget, 'manual', T0))).toMatchObject({
      status: 'detected',
      note: expect.stringMatching(/press Solve/),
    });
    expect(inWords(newJob('j', sender, 'https://a.test', widget, 'unsupported', T0)).note).toMatch(
      /not solvable/,
    );
  });

  it('a requeued job starts afresh; only an expiry re-solve counts as an auto re-solve', () => {
    const done = {
      ...newJob('j', sender, 'https://a.test', widget, null, T0),
      ...finishPatch('solved', T0 + 9000),
      taskId: 'T1',
      readyAt: T0 + 8000,
      polls: 3,
      pollTimes: [T0 + 3000, T0 + 5500, T0 + 8000],
      cost: 0.002,
    };
    const again = { ...done, ...requeuePatch(done, T0 + 20_000, 1, 'expired') };
    expect(again).toMatchObject({
      status: 'queued',
      taskId: undefined,
      readyAt: undefined,
      polls: 0,
      pollTimes: undefined,
      cost: undefined,
      autoResolves: 1,
    });
    expect(requeuePatch(again, T0, 2).autoResolves).toBe(1);
  });

  it('a history record carries the measured durations', () => {
    const job = {
      ...newJob('j', sender, 'https://a.test', widget, null, T0),
      ...finishPatch('solved', T0 + 9000),
      createStartedAt: T0 + 100,
      taskCreatedAt: T0 + 400,
      readyAt: T0 + 8400,
      filledAt: T0 + 8700,
    };
    expect(toHistory(job, T0 + 9500)).toMatchObject({
      at: T0 + 9000,
      tabId: 4,
      createToReadyMs: 8000,
      readyToFilledMs: 300,
      startedAt: T0 + 100,
    });
  });
});
