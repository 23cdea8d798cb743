// The solve engine in the real browser: polls as the policy predicts, a stopped service worker loses
// nothing and pays nothing twice, account errors stop at once, transient faults are retried, and a
// closed tab cancels its jobs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEY, type Harness, launch, noticeWords, recaptchaToken, until } from './harness';

const PAGE = 'recaptcha/v2-checkbox.html';

describe('solve engine', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch({ solveMs: 4000 });
  });
  afterAll(() => h?.close());

  const createCount = () => h.createdTasks().length;
  const taskIds = () => [...h.sandbox.tasks.keys()] as string[];

  it('completes a job with the polls the fixed schedule predicts (at 3 s, then every 2.5 s)', async () => {
    h.sandbox.setSolveMs(4000);
    const before = createCount();
    const page = await h.open(PAGE);
    const token = await recaptchaToken(page, 30_000);
    expect(createCount()).toBe(before + 1);
    const id = taskIds().at(-1)!;
    expect(token).toBe(h.sandbox.tasks.get(id).token);
    // Ready at 4 s: polled at 3 s (processing) and 5.5 s (ready).
    expect(h.sandbox.tasks.get(id).polls).toBe(2);
    const jobs = Object.values(await h.storage('jobs')) as Array<{ taskId?: string }>;
    const job = jobs.find((j) => j.taskId === id);
    expect(job).toMatchObject({ status: 'solved', polls: 2, provider: 'Sandbox' });
    await page.close();
  });

  it('service worker stopped while polling: nothing lost, the token lands with one createTask', async () => {
    h.sandbox.setSolveMs(6000);
    const before = createCount();
    const page = await h.open(PAGE);
    await until(() => createCount() === before + 1, 15_000, 'createTask');
    expect(await h.stopWorker()).toBe(1);
    const token = await recaptchaToken(page, 30_000);
    expect(createCount()).toBe(before + 1);
    expect(token).toBe(h.sandbox.tasks.get(taskIds().at(-1)!).token);
    expect(await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toEqual([token]);
    await page.close();
  });

  it('retries an INTERNAL_ERROR and a garbage reply, and the token lands', async () => {
    h.sandbox.setSolveMs(1000);
    h.sandbox.fault({
      path: '/createTask',
      kind: { type: 'error', errorId: 2, errorCode: 'INTERNAL_ERROR' },
    });
    h.sandbox.fault({ path: '/getTaskResult', kind: { type: 'garbage' } });
    const tasksBefore = h.sandbox.tasks.size;
    const page = await h.open(PAGE);
    const token = await recaptchaToken(page, 30_000);
    expect(h.sandbox.tasks.size).toBe(tasksBefore + 1); // one task, despite the retried createTask
    expect(token).toBe(h.sandbox.tasks.get(taskIds().at(-1)!).token);
    await page.close();
  });

  it('a closed tab cancels its job: polling stops', async () => {
    h.sandbox.setSolveMs(60_000);
    const before = createCount();
    const page = await h.open(PAGE);
    await until(() => createCount() === before + 1, 15_000, 'createTask');
    const id = taskIds().at(-1)!;
    await until(() => h.sandbox.tasks.get(id).polls >= 1, 10_000, 'a first poll');
    await page.close();
    const history = await until(
      async () => ((await h.storage('history')) ?? []).find((r: { taskId?: string }) => r.taskId === id),
      10_000,
      'a history record',
    );
    expect(history).toMatchObject({ status: 'cancelled' });
    const polls = h.sandbox.tasks.get(id).polls;
    await new Promise((r) => setTimeout(r, 3500));
    expect(h.sandbox.tasks.get(id).polls).toBe(polls);
  });

  it('widgets created together are polled together, on the schedule (no early double poll)', async () => {
    h.sandbox.setSolveMs(4000);
    const tasksBefore = new Set(taskIds());
    const page = await h.open('recaptcha/two-widgets.html');
    await until(
      () =>
        page.evaluate(() => {
          const calls = (window as unknown as { __calls: { first: string[]; second: string[] } }).__calls;
          return calls.first.length === 1 && calls.second.length === 1;
        }),
      30_000,
      'both tokens',
    );
    const fresh = taskIds().filter((id) => !tasksBefore.has(id));
    expect(fresh).toHaveLength(2);
    // Ready at 4 s: 3 s (processing) and 5.5 s (ready) — a poll sent a few ms early used to be repeated.
    expect(fresh.map((id) => h.sandbox.tasks.get(id).polls)).toEqual([2, 2]);
    await page.close();
  });

  it('an empty balance stops after one attempt and says so', async () => {
    h.sandbox.setSolveMs(1000);
    h.sandbox.setBalance(DEMO_KEY, 0);
    const before = createCount();
    const page = await h.open(PAGE);
    const job = await until(
      async () =>
        (Object.values((await h.storage('jobs')) ?? {}) as Array<{ errorCode?: string }>).find(
          (j) => j.errorCode === 'ERROR_ZERO_BALANCE',
        ),
      15_000,
      'the failed job',
    );
    expect(job).toMatchObject({ status: 'failed', errorNotice: { key: 'err_ERROR_ZERO_BALANCE' } });
    expect(await noticeWords(h, (job as { errorNotice?: { key: string } }).errorNotice)).toMatch(
      /balance is empty/,
    );
    // A second captcha is not even tried while the account is blocked.
    const again = await h.open('recaptcha/two-widgets.html');
    await new Promise((r) => setTimeout(r, 1500));
    expect(createCount()).toBe(before + 1);
    expect((await h.storage('accountBlock'))?.code).toBe('ERROR_ZERO_BALANCE');
    await page.close();
    await again.close();
  });
});
