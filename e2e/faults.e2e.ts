// Faults against the built extension in real Chromium, injected by the sandbox (sandbox/faults.mjs) or
// by the browser itself: the API down, slow past the client timeout, garbage, errorId 2 storms,
// TASK_NOT_FOUND, an empty balance mid-session, the service worker stopped at each step, and the browser
// restarted with jobs in flight. For each: retries are bounded (sandbox request counts), the user gets a
// clear status (the job's errorNotice in `local:jobs`, worded by the catalogue), a history record exists
// (`local:history`), and nothing is lost or paid twice (createTask count, tasks the sandbox charged for).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../lib/settings';
import { DEMO_KEY, type Harness, launch, noticeWords, recaptchaToken, until } from './harness';

interface StoredJob {
  id: string;
  status: string;
  frameUrl: string;
  taskId?: string;
  polls: number;
  errorCode?: string;
  errorNotice?: { key: string; params?: unknown[]; also?: string };
}
interface HistoryRecord {
  jobId: string;
  status: string;
  errorCode?: string;
  taskId?: string;
}

/** Fast, fixed polling so faults show up in seconds (the default plan starts at 3 s). */
const polling: Settings['polling'] = {
  firstDelayMs: 1000,
  intervalMs: 1000,
  timeoutMs: 120_000,
  adaptive: false,
};
const FINAL = ['solved', 'failed', 'expired', 'cancelled', 'undelivered'];

describe('faults', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch({ solveMs: 1500, settings: { polling } });
  });
  afterAll(() => h?.close());

  const requests = (path: string) =>
    h.sandbox.requests.filter((r: { path: string }) => r.path === path).length;
  const taskCount = () => h.sandbox.tasks.size as number;
  /** A fresh tab on the checkbox page; `label` makes its URL (and so its job) unique. */
  const openCase = (label: string) => h.open(`recaptcha/v2-checkbox.html?case=${label}`);
  const jobOf = async (label: string): Promise<StoredJob | undefined> =>
    (Object.values((await h.storage('jobs')) ?? {}) as StoredJob[]).find((j) =>
      j.frameUrl.endsWith(`case=${label}`),
    );
  const settled = (label: string, timeoutMs = 20_000) =>
    until(
      async () => {
        const j = await jobOf(label);
        return j && FINAL.includes(j.status) ? j : undefined;
      },
      timeoutMs,
      `job ${label} to settle`,
    );
  const historyOf = async (jobId: string): Promise<HistoryRecord | undefined> =>
    ((await h.storage('history')) ?? []).find((r: HistoryRecord) => r.jobId === jobId);
  /** Counts of everything that costs or retries, to diff around a case. */
  const counters = () => ({
    create: requests('/createTask'),
    poll: requests('/getTaskResult'),
    tasks: taskCount(),
  });
  const since = (before: ReturnType<typeof counters>) => {
    const now = counters();
    return {
      create: now.create - before.create,
      poll: now.poll - before.poll,
      tasks: now.tasks - before.tasks,
    };
  };

  it('API down (connection refused): a clear failure and a history record, no retry loop', async () => {
    await h.configure({ settings: { endpoint: 'http://127.0.0.1:9', polling } });
    try {
      const page = await openCase('down');
      const job = await settled('down');
      expect(job).toMatchObject({ status: 'failed', errorCode: 'NETWORK_ERROR' });
      expect(await noticeWords(h, job.errorNotice)).toMatch(/Could not reach the AnySolver API/);
      expect(await historyOf(job.id)).toMatchObject({ status: 'failed', errorCode: 'NETWORK_ERROR' });
      await page.close();
    } finally {
      await h.configure({ settings: { polling } });
    }
  });

  it('a dropped createTask connection (may be charged): not retried, a clear failure', async () => {
    const before = counters();
    h.sandbox.fault({ path: '/createTask', times: 1, kind: { type: 'drop' } });
    const page = await openCase('drop');
    const job = await settled('drop');
    expect(job).toMatchObject({ status: 'failed', errorCode: 'NETWORK_ERROR' });
    expect(await noticeWords(h, job.errorNotice)).toMatch(/Could not reach/);
    expect(since(before)).toMatchObject({ create: 1, tasks: 0 });
    expect(await historyOf(job.id)).toMatchObject({ status: 'failed' });
    await page.close();
  });

  it('a garbage createTask body is not retried; the user’s Solve lands the token, one task', async () => {
    const before = counters();
    h.sandbox.fault({ path: '/createTask', kind: { type: 'garbage' } });
    const page = await openCase('garbage-once');
    const failed = await settled('garbage-once');
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'BAD_RESPONSE' });
    expect(since(before)).toMatchObject({ create: 1, tasks: 0 });
    // The popup's Solve button sends { type: 'solve', tabId, jobId }: the same from an extension page here.
    const popup = await h.context.newPage();
    await popup.goto(h.extensionUrl('popup.html'));
    await popup.evaluate(
      (jobId) => chrome.runtime.sendMessage({ type: 'solve', tabId: 0, jobId }),
      failed.id,
    );
    const token = await recaptchaToken(page);
    expect(since(before)).toMatchObject({ create: 2, tasks: 1 });
    const job = await settled('garbage-once');
    expect(job.status).toBe('solved');
    expect(token).toBe(h.sandbox.tasks.get(job.taskId).token);
    // Two records for the one job: the failed attempt, then the solved one.
    const records = ((await h.storage('history')) ?? []).filter((r: HistoryRecord) => r.jobId === job.id);
    expect(records.map((r: HistoryRecord) => r.status)).toEqual(['failed', 'solved']);
    await popup.close();
    await page.close();
  });

  it('an errorId 2 storm on createTask: 3 requests, then a failure not claiming to retry', async () => {
    const before = counters();
    h.sandbox.fault({
      path: '/createTask',
      times: 3,
      kind: { type: 'error', errorId: 2, errorCode: 'INTERNAL_ERROR' },
    });
    const page = await openCase('storm-create');
    const job = await settled('storm-create');
    expect(since(before)).toMatchObject({ create: 3, tasks: 0 });
    expect(job).toMatchObject({ status: 'failed', errorCode: 'INTERNAL_ERROR' });
    expect(await historyOf(job.id)).toMatchObject({ status: 'failed', errorCode: 'INTERNAL_ERROR' });
    // The job is over: telling the user "retrying" would be false (nothing retries it).
    expect(await noticeWords(h, job.errorNotice)).not.toMatch(/retrying|once more/i);
    await page.close();
  });

  it('TASK_NOT_FOUND while polling: one poll, no retry, a clear failure and history', async () => {
    const before = counters();
    h.sandbox.fault({
      path: '/getTaskResult',
      kind: {
        type: 'error',
        errorId: 1,
        errorCode: 'TASK_NOT_FOUND',
        errorDescription: 'Task ID not found or expired.',
      },
    });
    const page = await openCase('not-found');
    const job = await settled('not-found');
    expect(job).toMatchObject({
      status: 'failed',
      errorCode: 'TASK_NOT_FOUND',
      errorDescription: 'Task ID not found or expired.',
    });
    expect(await noticeWords(h, job.errorNotice)).toMatch(/no longer knows this task/);
    expect(since(before)).toMatchObject({ create: 1, tasks: 1, poll: 1 });
    expect(await historyOf(job.id)).toMatchObject({ status: 'failed', errorCode: 'TASK_NOT_FOUND' });
    await page.close();
  });

  it('a slow poll (4 s, past the watchdog) is not re-polled meanwhile; no spinning', async () => {
    const before = counters();
    h.sandbox.fault({ path: '/getTaskResult', kind: { type: 'delay', ms: 4000 } });
    const sw = await h.worker();
    // Count zero-delay timers the worker arms: a busy loop re-arming one per tick would show up here.
    await sw.evaluate(() => {
      const g = globalThis as unknown as { __zeroTimers: number; setTimeout: typeof setTimeout };
      const original = g.setTimeout;
      g.__zeroTimers = 0;
      g.setTimeout = ((fn: () => void, ms?: number) => {
        if (!ms) g.__zeroTimers++;
        return original(fn, ms);
      }) as typeof setTimeout;
    });
    const page = await openCase('slow-poll');
    await recaptchaToken(page);
    const zeroTimers = await sw.evaluate(
      () => (globalThis as unknown as { __zeroTimers: number }).__zeroTimers,
    );
    // The delayed reply is `ready` (the task became ready while the request was held): one poll, not two.
    expect(since(before)).toMatchObject({ create: 1, tasks: 1, poll: 1 });
    expect(zeroTimers).toBeLessThan(100);
    await page.close();
  });

  // Both cases wait on timers (15 s client timeout, 6 failed polls), so they run side by side; each is
  // counted by its own page URL. The storm's 18 faults are used up long before the slow job first polls.
  it('createTask past the timeout (16 s > 15 s): paid once; errorId 2 polls: 6 × 3 tries', async () => {
    const ofCase = (label: string) => {
      const tasks = [...h.sandbox.tasks.values()].filter((t: { task: { websiteURL?: string } }) =>
        String(t.task.websiteURL).endsWith(`case=${label}`),
      );
      const ids = new Set(tasks.map((t: { taskId: string }) => t.taskId));
      const reqs = h.sandbox.requests as Array<{
        path: string;
        body?: { taskId?: string; task?: { websiteURL?: string } };
      }>;
      return {
        create: reqs.filter(
          (r) => r.path === '/createTask' && String(r.body?.task?.websiteURL).endsWith(`case=${label}`),
        ).length,
        tasks: tasks.length,
        poll: reqs.filter((r) => r.path === '/getTaskResult' && ids.has(String(r.body?.taskId))).length,
      };
    };
    const storm = await openCase('storm-poll');
    await until(() => ofCase('storm-poll').create === 1, 10_000, 'the storm case createTask');
    h.sandbox.fault({
      path: '/getTaskResult',
      times: 18,
      kind: { type: 'error', errorId: 2, errorCode: 'INTERNAL_ERROR' },
    });
    h.sandbox.fault({ path: '/createTask', kind: { type: 'delay', ms: 16_000 } });
    const slow = await openCase('slow-create');

    const stormJob = await settled('storm-poll', 30_000);
    expect(stormJob).toMatchObject({ status: 'failed', errorCode: 'INTERNAL_ERROR' });
    expect(await noticeWords(h, stormJob.errorNotice)).not.toMatch(/retrying|once more/i);
    // MAX_TRANSIENT_POLL_ERRORS + 1 failed polls, each retried twice by the client, then nothing more.
    expect(ofCase('storm-poll')).toEqual({ create: 1, tasks: 1, poll: 18 });
    expect(await historyOf(stormJob.id)).toMatchObject({ status: 'failed', errorCode: 'INTERNAL_ERROR' });

    await until(() => ofCase('slow-create').tasks >= 1, 25_000, 'the slow createTask to complete');
    await slow.waitForTimeout(1500); // the held request completes server-side at 16 s
    // The timed-out request reached the API and was charged: a retry is a second paid task.
    expect(ofCase('slow-create').tasks).toBe(1);
    const slowJob = await settled('slow-create', 10_000);
    expect(await historyOf(slowJob.id)).toBeDefined();
    expect(ofCase('storm-poll').poll).toBe(18);
    await storm.close();
    await slow.close();
  });

  it('worker stopped during createTask: fails INTERRUPTED on the next wake, not re-created', async () => {
    const before = counters();
    h.sandbox.fault({ path: '/createTask', kind: { type: 'delay', ms: 2500 } });
    const page = await openCase('stop-create');
    await until(() => since(before).create === 1, 15_000, 'createTask in flight');
    expect(await h.stopWorker()).toBe(1);
    await page.waitForTimeout(3000); // the request completes server-side (a charged task nobody polls)
    // Opening the popup wakes the worker, which resumes.
    const popup = await h.context.newPage();
    await popup.goto(h.extensionUrl('popup.html'));
    const job = await settled('stop-create');
    expect(job).toMatchObject({ status: 'failed', errorCode: 'INTERRUPTED' });
    expect(await noticeWords(h, job.errorNotice)).toMatch(/press Solve/);
    expect(await historyOf(job.id)).toMatchObject({ status: 'failed', errorCode: 'INTERRUPTED' });
    await popup.waitForTimeout(1000);
    expect(since(before)).toMatchObject({ create: 1, tasks: 1 });
    await popup.close();
    await page.close();
  });

  it('worker stopped while polling: the watchdog alarm wakes it, the token lands, one task', async () => {
    h.sandbox.setSolveMs(3000);
    const before = counters();
    const page = await openCase('stop-poll');
    await until(() => since(before).poll >= 1, 15_000, 'a first poll');
    expect(await h.stopWorker()).toBe(1);
    const token = await recaptchaToken(page);
    h.sandbox.setSolveMs(1500);
    const job = await settled('stop-poll');
    expect(job.status).toBe('solved');
    expect(token).toBe(h.sandbox.tasks.get(job.taskId).token);
    expect(since(before)).toMatchObject({ create: 1, tasks: 1 });
    expect(await historyOf(job.id)).toMatchObject({ status: 'solved' });
    await page.close();
  });

  it('worker stopped between ready and delivery: polled again after the wake, delivered once', async () => {
    h.sandbox.setSolveMs(60_000);
    const before = counters();
    const page = await openCase('stop-ready');
    await until(() => since(before).poll >= 1, 15_000, 'a first poll');
    const taskId = await until(async () => (await jobOf('stop-ready'))?.taskId, 5000, 'the task id');
    // The next poll gets `ready`, held by the network for 2.5 s: the worker dies before it can deliver.
    h.sandbox.markReady(taskId);
    h.sandbox.fault({ path: '/getTaskResult', kind: { type: 'delay', ms: 2500 } });
    const polls = since(before).poll;
    await until(() => since(before).poll === polls + 1, 10_000, 'the ready poll in flight');
    expect(await h.stopWorker()).toBe(1);
    const token = await recaptchaToken(page);
    h.sandbox.setSolveMs(1500);
    expect(token).toBe(h.sandbox.tasks.get(taskId).token);
    const job = await settled('stop-ready');
    expect(job.status).toBe('solved');
    expect(since(before)).toMatchObject({ create: 1, tasks: 1 });
    expect(await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toEqual([token]);
    expect(await historyOf(job.id)).toMatchObject({ status: 'solved', taskId });
    await page.close();
  });

  it('zero balance mid-session: 1st task paid, the next fails ERROR_ZERO_BALANCE, then no more', async () => {
    h.sandbox.setBalance(DEMO_KEY, 0.002); // one task at 0.0012
    const before = counters();
    const first = await openCase('balance-1');
    await recaptchaToken(first);
    const second = await openCase('balance-2');
    const job = await settled('balance-2');
    expect(job).toMatchObject({ status: 'failed', errorCode: 'ERROR_ZERO_BALANCE' });
    expect(await noticeWords(h, job.errorNotice)).toMatch(/balance is empty/);
    expect(await historyOf(job.id)).toMatchObject({ status: 'failed', errorCode: 'ERROR_ZERO_BALANCE' });
    const third = await openCase('balance-3');
    await until(async () => (await jobOf('balance-3'))?.status, 10_000, 'the third job');
    await third.waitForTimeout(1000);
    expect(since(before)).toMatchObject({ create: 2, tasks: 1 });
    expect((await h.storage('accountBlock'))?.code).toBe('ERROR_ZERO_BALANCE');
    for (const p of [first, second, third]) await p.close();
  });
});

describe('browser restart with jobs in flight', () => {
  let h: Harness;
  let restarted: Harness | undefined;
  beforeAll(async () => {
    // Four slots: one site holds at most half of them (the fair share), so two tasks fly and 48 wait.
    h = await launch({
      solveMs: 60_000,
      settings: {
        polling,
        limits: {
          maxConcurrent: 4,
          perTabPerMinute: 6,
          perSitePerHour: 30,
          perSiteNoGesturePerHour: 30,
          dailySpendCapUsd: 1,
        },
      },
    });
  });
  // The restarted browser owns the profile and the sandbox from then on.
  afterAll(() => (restarted ?? h)?.close());

  it('nothing is created for the closed tabs after the restart; every job ends with a status', async () => {
    await h.open('hostile/fifty-widgets.html');
    await until(
      async () => {
        const jobs = Object.values((await h.storage('jobs')) ?? {}) as StoredJob[];
        return (
          jobs.filter((j) => j.status === 'polling').length === 2 &&
          jobs.filter((j) => j.status === 'queued').length === 48
        );
      },
      20_000,
      '2 polling and 48 queued jobs',
    );
    const createdBefore = h.createdTasks().length;
    expect(createdBefore).toBe(2);
    await h.close(true);

    const after = await launch({ profile: h.profile, sandboxInstance: h.sandbox });
    restarted = after;
    const readJobs = async () =>
      Object.values(((await after.storage('jobs')) ?? {}) as Record<string, StoredJob>);
    // The two paid tasks become ready: their tokens have nowhere to go. The new worker finds their tab
    // gone (tab ids do not survive a restart) and ends every job of it, recording the paid ones.
    for (const id of h.sandbox.tasks.keys()) h.sandbox.markReady(id);
    const paid = new Set(h.sandbox.tasks.keys());
    const readHistory = async () => ((await after.storage('history')) ?? []) as HistoryRecord[];
    await until(
      async () => (await readHistory()).filter((r) => r.taskId && paid.has(r.taskId)).length === 2,
      15_000,
      'the two paid jobs to end',
    );
    await new Promise((r) => setTimeout(r, 2000));
    const jobs = await readJobs();
    // The tab is gone: a createTask now would be paid for a captcha nobody sees.
    expect(h.createdTasks().length).toBe(createdBefore);
    // Every job of the closed tab ended, with a reason the popup can show.
    expect(jobs.filter((j) => !FINAL.includes(j.status)).map((j) => j.status)).toEqual([]);
    // The two tasks paid before the restart are in the history, cancelled with the reason.
    const history = await readHistory();
    expect(history.filter((r) => r.taskId && paid.has(r.taskId)).map((r) => r.status)).toEqual([
      'cancelled',
      'cancelled',
    ]);
  });
});
