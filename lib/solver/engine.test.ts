import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { inWords } from '@/lib/ui/test-i18n';
import { accountBlockItem, historyItem, jobsItem } from '../storage';
import { createClock, createFakeApi, createHarness, sender, settle, widget } from './test-kit';

const jobs = async () => Object.values(await jobsItem.getValue());
const only = async () => {
  const all = await jobs();
  expect(all).toHaveLength(1);
  return all[0]!;
};

beforeEach(() => {
  fakeBrowser.reset();
});
// Let a test's fire-and-forget work finish before the next test resets storage.
afterEach(() => settle(60));

describe('create/poll cycle', () => {
  it('creates one task, polls on the fixed schedule, delivers the token and records history', async () => {
    const h = createHarness({
      solveMs: 7000,
      settings: { polling: { firstDelayMs: 3000, intervalMs: 2500, timeoutMs: 120_000, adaptive: false } },
    });
    await h.solver.report(sender(), [widget('w1')]);
    await settle();
    expect(h.api.createTask).toHaveBeenCalledTimes(1);
    expect(h.api.createTask.mock.calls[0]![1]).toMatchObject({
      type: 'ReCaptchaV2TokenProxyLess',
      websiteKey: widget('w1').websiteKey,
    });
    expect((await only()).status).toBe('polling');
    await h.clock.advance(2999);
    expect(h.api.getTaskResult).not.toHaveBeenCalled();
    await h.clock.advance(1); // 3.0 s: processing
    await h.clock.advance(2500); // 5.5 s: processing
    await h.clock.advance(2500); // 8.0 s: ready
    expect(h.api.getTaskResult).toHaveBeenCalledTimes(3);
    expect(h.delivered.map((d) => d.token)).toEqual([`tok-TASK1-${widget('w1').websiteKey}`]);
    const job = await only();
    expect(job).toMatchObject({ status: 'solved', polls: 3, cost: 0.002, provider: 'Fake' });
    // The detector view's timeline: when each poll was asked, on the schedule.
    const created = job.taskCreatedAt!;
    expect(job.pollTimes).toEqual([created + 3000, created + 5500, created + 8000]);
    const [record] = await historyItem.getValue();
    expect(record).toMatchObject({
      status: 'solved',
      cost: 0.002,
      polls: 3,
      createToReadyMs: 8000,
      kind: 'recaptcha-v2',
      origin: 'https://site.test',
    });
    expect(await h.solver.totals()).toMatchObject({ today: 0.002, successRate: 1, count: 1 });
    expect(h.badges.filter((b) => b.tabId === 1).at(-1)?.text).toBe('');
  });

  it('maps the same widget reported twice to one job and one task', async () => {
    const h = createHarness();
    await h.solver.report(sender(), [widget('w1')]);
    await h.solver.report(sender(), [widget('w1')]);
    await settle();
    expect(await jobs()).toHaveLength(1);
    expect(h.api.createTask).toHaveBeenCalledTimes(1);
  });

  it('gives up after the polling timeout', async () => {
    const h = createHarness({
      solveMs: 10 ** 9,
      settings: { polling: { firstDelayMs: 3000, intervalMs: 2500, timeoutMs: 20_000, adaptive: false } },
    });
    await h.solver.report(sender(), [widget('w1')]);
    await h.clock.advance(30_000);
    expect(await only()).toMatchObject({ status: 'failed', errorCode: 'POLL_TIMEOUT' });
    const polls = h.api.getTaskResult.mock.calls.length;
    await h.clock.advance(30_000);
    expect(h.api.getTaskResult.mock.calls.length).toBe(polls);
  });
});

describe('restarts', () => {
  it('a new worker resumes polling the same task: exactly one createTask', async () => {
    const clock = createClock();
    const api = createFakeApi(clock, 8000);
    const first = createHarness({ clock, api });
    await first.solver.report(sender(), [widget('w1')]);
    await clock.advance(3000);
    expect(api.getTaskResult).toHaveBeenCalledTimes(1);
    // The worker dies: its timers are gone, storage stays.
    clock.dropTimers();
    const second = createHarness({ clock, api });
    await second.solver.onAlarm({ name: 'solver-watchdog' });
    await second.solver.resume();
    await clock.advance(10_000);
    expect(api.createTask).toHaveBeenCalledTimes(1);
    expect(second.delivered).toHaveLength(1);
    expect((await only()).status).toBe('solved');
  });

  it('a job caught in createTask by a restart is failed as INTERRUPTED, never re-created', async () => {
    const clock = createClock();
    const api = createFakeApi(clock);
    api.createTask.mockImplementationOnce(() => new Promise(() => {})); // the worker dies mid-request
    const first = createHarness({ clock, api });
    await first.solver.report(sender(), [widget('w1')]);
    await settle();
    expect((await only()).status).toBe('creating');
    clock.dropTimers();
    const second = createHarness({ clock, api });
    await second.solver.resume();
    expect(await only()).toMatchObject({ status: 'failed', errorCode: 'INTERRUPTED' });
    expect(api.createTask).toHaveBeenCalledTimes(1);
  });

  it('after a browser restart, jobs of tabs that are gone are cancelled, never paid for', async () => {
    const clock = createClock();
    const api = createFakeApi(clock);
    const first = createHarness({
      clock,
      api,
      settings: {
        limits: {
          maxConcurrent: 1,
          perTabPerMinute: 10,
          perSitePerHour: 30,
          perSiteNoGesturePerHour: 30,
          dailySpendCapUsd: 1,
        },
      },
    });
    await first.solver.report(sender(4), [widget('a'), widget('b')]);
    await settle();
    expect(api.createTask).toHaveBeenCalledTimes(1); // b waits queued behind the concurrency limit
    clock.dropTimers();
    const second = createHarness({ clock, api, liveTabs: async () => [9] });
    await second.solver.resume();
    await clock.advance(30_000);
    expect(api.createTask).toHaveBeenCalledTimes(1);
    expect(await jobs()).toHaveLength(0);
    expect((await historyItem.getValue()).map((r) => r.status)).toEqual(['cancelled']);
  });

  it('never delivers a token older than its lifetime', async () => {
    const clock = createClock();
    const api = createFakeApi(clock, 3000);
    const first = createHarness({ clock, api });
    first.setDeliver(() => new Promise(() => {})); // the worker dies between ready and delivery
    await first.solver.report(sender(), [widget('w1')]);
    await clock.advance(3000);
    expect(first.delivered).toHaveLength(1);
    clock.dropTimers();
    await clock.advance(115_000);
    const second = createHarness({ clock, api });
    await second.solver.resume();
    await clock.advance(5000);
    expect(second.delivered).toHaveLength(0);
    expect(await only()).toMatchObject({ status: 'expired', errorCode: 'TOKEN_EXPIRED' });
  });
});

describe('errors', () => {
  it('an empty balance stops after one attempt, says so, and blocks further tasks', async () => {
    const h = createHarness();
    h.api.createTask.mockRejectedValueOnce(
      new (await import('../anysolver/errors')).AnySolverError('ERROR_ZERO_BALANCE', 'no money', 1),
    );
    await h.solver.report(sender(), [widget('w1')]);
    await settle();
    expect(inWords(await only())).toMatchObject({
      status: 'failed',
      errorCode: 'ERROR_ZERO_BALANCE',
      errorMessage: expect.stringMatching(/balance is empty/),
    });
    expect((await accountBlockItem.getValue())?.code).toBe('ERROR_ZERO_BALANCE');
    await h.solver.report(sender(), [widget('w2')]);
    await settle();
    expect(h.api.createTask).toHaveBeenCalledTimes(1);
    expect(h.badges.at(-1)).toEqual({ tabId: null, text: '!' });
    await h.solver.accountChanged();
    await settle();
    expect(h.api.createTask).toHaveBeenCalledTimes(2);
  });

  it('tolerates transient poll failures, then solves', async () => {
    const h = createHarness({ solveMs: 0 });
    h.api.script.push(h.api.throwing('INTERNAL_ERROR'), h.api.throwing('BAD_RESPONSE'));
    await h.solver.report(sender(), [widget('w1')]);
    await h.clock.advance(20_000);
    expect(await only()).toMatchObject({ status: 'solved', polls: 3 });
  });

  it('fails after too many consecutive transient poll failures', async () => {
    const h = createHarness({ solveMs: 0 });
    for (let i = 0; i < 6; i++) h.api.script.push(h.api.throwing('NETWORK_ERROR'));
    await h.solver.report(sender(), [widget('w1')]);
    await h.clock.advance(60_000);
    expect(await only()).toMatchObject({ status: 'failed', errorCode: 'NETWORK_ERROR' });
  });

  it('re-solves an unsolvable captcha exactly once', async () => {
    const h = createHarness({ solveMs: 0 });
    h.api.script.push(h.api.failWith('CAPTCHA_UNSOLVABLE'), h.api.failWith('CAPTCHA_UNSOLVABLE'));
    await h.solver.report(sender(), [widget('w1')]);
    await h.clock.advance(60_000);
    expect(h.api.createTask).toHaveBeenCalledTimes(2);
    expect(await only()).toMatchObject({ status: 'failed', errorCode: 'CAPTCHA_UNSOLVABLE', attempt: 2 });
    expect((await historyItem.getValue()).map((r) => r.status)).toEqual(['failed', 'failed']);
  });

  it('does not send an invalid widget to the API', async () => {
    const h = createHarness();
    await h.solver.report(sender(), [widget('w1', { websiteKey: '<img onerror>' })]);
    await settle();
    expect(h.api.createTask).not.toHaveBeenCalled();
    expect(await only()).toMatchObject({ status: 'failed', errorCode: 'INVALID_WIDGET' });
  });

  it('without a key the user is told to add one', async () => {
    const h = createHarness({ key: null });
    await h.solver.report(sender(), [widget('w1')]);
    await settle();
    expect(await only()).toMatchObject({ status: 'failed', errorCode: 'NO_KEY' });
    expect(h.api.createTask).not.toHaveBeenCalled();
  });
});

describe('guarding the balance', () => {
  it('runs at most maxConcurrent tasks at once; the rest wait', async () => {
    const h = createHarness({
      solveMs: 4000,
      settings: {
        limits: {
          maxConcurrent: 1,
          perTabPerMinute: 10,
          perSitePerHour: 30,
          perSiteNoGesturePerHour: 30,
          dailySpendCapUsd: 1,
        },
      },
    });
    await h.solver.report(sender(), [widget('w1'), widget('w2')]);
    await settle();
    expect(h.api.createTask).toHaveBeenCalledTimes(1);
    expect((await jobs()).map((j) => j.status).sort()).toEqual(['polling', 'queued']);
    await h.clock.advance(30_000);
    expect(h.api.createTask).toHaveBeenCalledTimes(2);
    expect((await jobs()).every((j) => j.status === 'solved')).toBe(true);
  });

  it('stops a tab that asks for more than its per-minute limit and says why', async () => {
    const h = createHarness({
      settings: {
        limits: {
          maxConcurrent: 10,
          perTabPerMinute: 2,
          perSitePerHour: 30,
          perSiteNoGesturePerHour: 30,
          dailySpendCapUsd: 1,
        },
      },
    });
    await h.solver.report(sender(), [widget('a'), widget('b'), widget('c')]);
    await settle();
    expect(h.api.createTask).toHaveBeenCalledTimes(2);
    const failed = (await jobs()).find((j) => j.status === 'failed');
    expect(inWords(failed)).toMatchObject({
      errorCode: 'RATE_LIMITED_TAB',
      errorMessage: expect.stringMatching(/a minute from this site in this tab/),
    });
  });

  it('stops at the daily spend cap', async () => {
    const h = createHarness({
      settings: {
        limits: {
          maxConcurrent: 10,
          perTabPerMinute: 50,
          perSitePerHour: 100,
          perSiteNoGesturePerHour: 100,
          dailySpendCapUsd: 0.005,
        },
      },
    });
    await h.solver.report(sender(), [widget('a'), widget('b')]);
    await settle();
    expect(h.api.createTask).toHaveBeenCalledTimes(1); // 0.003 estimate each: the second would pass the cap
    expect((await jobs()).find((j) => j.status === 'failed')?.errorCode).toBe('DAILY_CAP_REACHED');
  });

  it('caps the jobs a single tab can ever make', async () => {
    const h = createHarness({ settings: { autoSolve: false } });
    await h.solver.report(
      sender(),
      Array.from({ length: 80 }, (_, i) => widget(`w${i}`)),
    );
    expect(await jobs()).toHaveLength(50);
    // Reloading the page does not reset the cap; closing the tab does.
    await h.solver.onNavigated(1, 0);
    await h.solver.report(sender(), [widget('again')]);
    expect(await jobs()).toHaveLength(0);
    await h.solver.onTabRemoved(1);
    await h.solver.report(sender(), [widget('again')]);
    expect(await jobs()).toHaveLength(1);
  });

  it('leaves widgets on a paused or denied site, or in manual mode, as detected', async () => {
    const h = createHarness({ settings: { sites: { allow: [], deny: ['*.test'] } } });
    await h.solver.report(sender(), [widget('w1')]);
    await settle();
    expect(inWords(await only())).toMatchObject({
      status: 'detected',
      note: expect.stringMatching(/off for this site/),
    });
    expect(h.api.createTask).not.toHaveBeenCalled();
  });
});

describe('manual solving, expiry and cancellation', () => {
  it('solves a detected widget when asked (manual mode)', async () => {
    const h = createHarness({ solveMs: 0, settings: { autoSolve: false } });
    const [job] = await h.solver.report(sender(), [widget('w1')]);
    await settle();
    expect(h.api.createTask).not.toHaveBeenCalled();
    await h.solver.solve(job!.id);
    await h.clock.advance(5000);
    expect((await only()).status).toBe('solved');
  });

  it('re-solves an expired token once, never twice', async () => {
    const h = createHarness({ solveMs: 0 });
    await h.solver.report(sender(), [widget('w1')]);
    await h.clock.advance(5000);
    await h.solver.expired(1, 0, 'w1');
    await h.clock.advance(5000);
    expect(h.api.createTask).toHaveBeenCalledTimes(2);
    await h.solver.expired(1, 0, 'w1');
    await h.clock.advance(5000);
    expect(h.api.createTask).toHaveBeenCalledTimes(2);
  });

  it('a closed tab cancels its jobs: no more token polls (the paid task: its cost only)', async () => {
    const h = createHarness({ solveMs: 60_000 });
    await h.solver.report(sender(7), [widget('w1')]);
    await h.clock.advance(3000);
    await h.solver.onTabRemoved(7);
    const polls = h.api.getTaskResult.mock.calls.length;
    await h.clock.advance(30_000);
    expect(h.api.getTaskResult.mock.calls.length - polls).toBe(2); // settle polls at 10 s and 30 s
    expect(h.delivered).toHaveLength(0);
    expect(await jobs()).toHaveLength(0);
    expect((await historyItem.getValue())[0]).toMatchObject({
      status: 'cancelled',
      cost: 0.003,
      costEstimated: true,
    });
  });

  it('a removed widget cancels its job; a navigation cancels the frame', async () => {
    const h = createHarness({ solveMs: 60_000 });
    const inDocument = (frameId: number, documentId: string) => ({ ...sender(1, frameId), documentId });
    await h.solver.report(inDocument(0, 'doc-top'), [widget('a')]);
    await h.solver.report(inDocument(5, 'doc-5'), [widget('b')]);
    await h.solver.widgetsGone(1, 0, ['a']);
    await h.solver.onNavigated(1, 5);
    expect((await jobs()).map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('a subframe’s new document: a new job for the same widget, with or without documentIds', async () => {
    const h = createHarness({ solveMs: 60_000 });
    // Firefox ESR 140 reports no documentId: the job is keyed by the frame alone, and goes with its document.
    await h.solver.report(sender(1, 5), [widget('b')]);
    await h.solver.onNavigated(1, 5);
    expect(await jobs()).toEqual([]);
    expect((await historyItem.getValue())[0]).toMatchObject({ status: 'cancelled' });
    await h.solver.report(sender(1, 5), [widget('b')]);
    const state = (j: { status: string }) => (j.status === 'cancelled' ? 'cancelled' : 'new');
    expect((await jobs()).map(state)).toEqual(['new']);
    // With documentIds the old job stays (cancelled) and the new document's key differs.
    await h.solver.report({ ...sender(1, 6), documentId: 'old' }, [widget('c')]);
    await h.solver.onNavigated(1, 6);
    await h.solver.report({ ...sender(1, 6), documentId: 'new' }, [widget('c')]);
    expect((await jobs()).filter((j) => j.frameId === 6).map((j) => [j.documentId, state(j)])).toEqual([
      ['old', 'cancelled'],
      ['new', 'new'],
    ]);
  });

  it('a commit reported after its own document’s widget leaves that job alone', async () => {
    const h = createHarness({ solveMs: 60_000 });
    await h.solver.report({ ...sender(1, 0), documentId: 'old' }, [widget('a')]);
    await h.solver.report({ ...sender(1, 0), documentId: 'new' }, [widget('b')]);
    await h.solver.onNavigated(1, 0, 'new');
    // The old document's job goes (to the history, cancelled); the new one's is still being solved.
    expect((await jobs()).map((j) => [j.documentId, j.status === 'cancelled'])).toEqual([['new', false]]);
    expect((await historyItem.getValue())[0]).toMatchObject({ status: 'cancelled' });
  });

  it('a navigation that concerns no job (nearly every one) writes nothing to storage', async () => {
    const h = createHarness({ solveMs: 60_000 });
    await h.solver.report(sender(1, 0), [widget('a')]);
    await settle();
    const writes: string[] = [];
    fakeBrowser.storage.local.onChanged.addListener((changes) => writes.push(...Object.keys(changes)));
    await h.solver.onNavigated(2, 0);
    await h.solver.onNavigated(1, 7);
    await settle();
    expect(writes).toEqual([]);
    await h.solver.onNavigated(1, 0);
    await settle();
    expect(writes).toContain('jobs');
  });

  it('a poll that finds the task still processing writes the job once and leaves the badge', async () => {
    const h = createHarness({
      solveMs: 60_000,
      settings: { polling: { firstDelayMs: 3000, intervalMs: 2500, timeoutMs: 120_000, adaptive: false } },
    });
    await h.solver.report(sender(), [widget('a')]);
    await settle();
    const writes: string[] = [];
    fakeBrowser.storage.local.onChanged.addListener((changes) => writes.push(...Object.keys(changes)));
    const badges = h.badges.length;
    await h.clock.advance(3000);
    expect(h.api.getTaskResult).toHaveBeenCalledTimes(1);
    expect(writes).toEqual(['jobs']);
    expect(h.badges).toHaveLength(badges); // nothing started or ended: the badge stays as it is
  });

  it('reports an undelivered token when the frame is gone', async () => {
    const h = createHarness({ solveMs: 0 });
    h.setDeliver(async () => false);
    await h.solver.report(sender(), [widget('w1')]);
    await h.clock.advance(5000);
    expect(await only()).toMatchObject({ status: 'undelivered' });
  });

  it('shows jobs in flight on the badge', async () => {
    const h = createHarness({ solveMs: 60_000 });
    await h.solver.report(sender(3), [widget('a'), widget('b')]);
    await settle();
    expect(h.badges.filter((b) => b.tabId === 3).at(-1)?.text).toBe('2');
  });
});

describe('storage migration', () => {
  it('migrates v1 jobs (an array) to v2 (by id)', async () => {
    await fakeBrowser.storage.local.set({
      jobs: [{ id: 'j1', status: 'solved' }, { bad: true }],
      jobs$: { v: 1 },
    });
    await jobsItem.migrate();
    expect(await jobsItem.getValue()).toEqual({ j1: { id: 'j1', status: 'solved' } });
  });
});
