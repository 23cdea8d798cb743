// Spend is counted when it is incurred: every start counts toward the daily cap at once (its estimate),
// corrected to the actual cost when the API says it, whatever becomes of the job. On WXT's fake browser.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { inWords } from '@/lib/ui/test-i18n';
import { AnySolverError } from '../anysolver/errors';
import { defaultSettings } from '../settings';
import { historyItem, jobsItem, spendLedgerItem } from '../storage';
import { SETTLE_OFFSETS_MS, spentToday } from './ledger';
import { createClock, createFakeApi, createHarness, sender, settle, widget } from './test-kit';

const loose = {
  ...defaultSettings().limits,
  perTabPerMinute: 100,
  perSitePerHour: 1000,
  perSiteNoGesturePerHour: 1000,
};
const capped = (dailySpendCapUsd: number) => ({ limits: { ...loose, dailySpendCapUsd } });
const ledger = async () => Object.values(await spendLedgerItem.getValue());
const history = () => historyItem.getValue();
const jobs = async () => Object.values(await jobsItem.getValue());

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => settle(60));

describe('spend counted when incurred', () => {
  it('a page churning widgets (each removed after 1.5 s) gets at most what the cap buys', async () => {
    const h = createHarness({ solveMs: 5000, settings: capped(0.01) });
    for (let i = 0; i < 40; i++) {
      await h.solver.report(sender(), [widget(`w${i}`)]);
      await h.clock.advance(1500);
      await h.solver.widgetsGone(1, 0, [`w${i}`]);
    }
    await h.clock.advance(150_000); // every abandoned task settled
    const created = h.api.createTask.mock.calls.length;
    // Reserved at $0.003 until the first cost ($0.002) was learned, then at $0.002: never past $0.01.
    expect(created).toBeGreaterThanOrEqual(3);
    expect(created).toBeLessThanOrEqual(5);
    const entries = await ledger();
    expect(entries).toHaveLength(created);
    expect(entries.every((e) => e.cost === 0.002 && e.outcome === 'not-delivered' && !e.settle)).toBe(true);
    expect(spentToday(await spendLedgerItem.getValue(), h.clock.now())).toBeLessThanOrEqual(0.01);
    // History: every paid task is there, cancelled, with its cost; the totals include it and show it apart.
    const paid = (await history()).filter((r) => r.taskId);
    expect(paid).toHaveLength(created);
    expect(paid.every((r) => r.status === 'cancelled' && r.cost === 0.002 && !r.costEstimated)).toBe(true);
    const totals = await h.solver.totals();
    expect(totals.today).toBeCloseTo(created * 0.002, 6);
    expect(totals.notDeliveredToday).toBe(totals.today);
    // The cap stopped the rest, and says so.
    const stopped = (await jobs()).filter((j) => j.errorCode === 'DAILY_CAP_REACHED');
    expect(stopped.length).toBeGreaterThan(30);
    expect(inWords(stopped[0]!).errorMessage).toMatch(/spending cap of \$0\.01 is reached/);
    expect(inWords(await h.solver.capStatus())).toMatchObject({
      capUsd: 0.01,
      reached: true,
      message: expect.stringMatching(/delivered or not/),
    });
  });

  it('a start counts at its estimate before createTask returns; cancelled, its cost is learned', async () => {
    const h = createHarness({ solveMs: 5000 });
    let release: (id: string) => void = () => {};
    h.api.createTask.mockImplementationOnce(() => new Promise<string>((r) => (release = r)));
    const [job] = await h.solver.report(sender(), [widget('w1')]);
    await settle();
    expect((await h.solver.capStatus()).spentToday).toBe(0.003);
    await h.solver.cancel(job!.id);
    expect((await h.solver.capStatus()).spentToday).toBe(0.003); // cancelled: still counted
    h.api.getTaskResult.mockImplementation(async (_k: string, id: string) => ({
      status: 'ready' as const,
      taskId: id,
      solution: { token: 't' },
      cost: 0.0015,
    }));
    release('TASK-A');
    await h.clock.advance(SETTLE_OFFSETS_MS[0] + 100);
    expect(h.api.getTaskResult.mock.calls.map((c) => c[1])).toEqual(['TASK-A']);
    expect((await h.solver.capStatus()).spentToday).toBe(0.0015);
    expect(await history()).toMatchObject([{ status: 'cancelled', cost: 0.0015, taskId: 'TASK-A' }]);
    expect(h.delivered).toHaveLength(0);
  });

  it('an undelivered token was paid for: recorded at its actual cost as paid, not delivered', async () => {
    const h = createHarness({ solveMs: 3000 });
    h.setDeliver(async () => false);
    await h.solver.report(sender(), [widget('w1')]);
    await h.clock.advance(10_000);
    expect(await history()).toMatchObject([{ status: 'undelivered', cost: 0.002 }]);
    expect(await ledger()).toMatchObject([{ outcome: 'not-delivered', cost: 0.002 }]);
    expect(await h.solver.totals()).toMatchObject({ today: 0.002, notDeliveredToday: 0.002 });
    // the cost came with the ready reply: no settle poll
    expect(h.api.getTaskResult).toHaveBeenCalledTimes(1);
  });

  it('stopped in createTask: INTERRUPTED keeps its estimate; the next worker keeps to the cap', async () => {
    const clock = createClock();
    const api = createFakeApi(clock);
    api.createTask.mockImplementationOnce(() => new Promise(() => {}));
    const first = createHarness({ clock, api, settings: capped(0.005) });
    await first.solver.report(sender(), [widget('w1')]);
    await settle();
    clock.dropTimers();
    const second = createHarness({ clock, api, settings: capped(0.005) });
    await second.solver.resume();
    expect((await jobs())[0]).toMatchObject({ status: 'failed', errorCode: 'INTERRUPTED' });
    expect(await history()).toMatchObject([{ cost: 0.003, costEstimated: true }]);
    expect((await second.solver.capStatus()).spentToday).toBe(0.003);
    await second.solver.report(sender(), [widget('w2')]);
    await clock.advance(5000);
    expect(api.createTask).toHaveBeenCalledTimes(1);
    expect((await jobs()).find((j) => j.widget.widgetId === 'w2')?.errorCode).toBe('DAILY_CAP_REACHED');
  });

  it('stopped as a cancelled task settles: the watchdog wakes the next, which learns its cost', async () => {
    const clock = createClock();
    const api = createFakeApi(clock, 5000);
    const first = createHarness({ clock, api });
    const [job] = await first.solver.report(sender(), [widget('w1')]);
    await clock.advance(1000);
    await first.solver.cancel(job!.id);
    // The watchdog is set for the settle poll (10 s after the start, + 1 s).
    const start = (await ledger())[0]!.at;
    expect(first.alarms.at(-1)).toMatchObject({
      name: 'solver-watchdog',
      when: start + SETTLE_OFFSETS_MS[0] + 1000,
    });
    clock.dropTimers();
    await clock.advance(SETTLE_OFFSETS_MS[0] + 1000);
    const second = createHarness({ clock, api });
    await second.solver.onAlarm({ name: 'solver-watchdog' });
    expect(api.getTaskResult).toHaveBeenCalledTimes(1);
    expect(await ledger()).toMatchObject([{ cost: 0.002 }]);
    expect((await ledger())[0]!.settle).toBeUndefined();
    expect(await history()).toMatchObject([{ status: 'cancelled', cost: 0.002 }]);
  });

  it('a browser restart with a polling job of a closed tab: the task is settled, not delivered', async () => {
    const clock = createClock();
    const api = createFakeApi(clock, 5000);
    const first = createHarness({ clock, api });
    await first.solver.report(sender(4), [widget('w1')]);
    await clock.advance(1000);
    clock.dropTimers();
    const second = createHarness({ clock, api, liveTabs: async () => [9] });
    await second.solver.resume();
    await clock.advance(15_000);
    expect(second.delivered).toHaveLength(0);
    expect(await history()).toMatchObject([{ status: 'cancelled', cost: 0.002 }]);
  });

  it('a refused createTask costs nothing; one lost in transit keeps its estimate', async () => {
    const h = createHarness();
    h.api.createTask.mockRejectedValueOnce(new AnySolverError('INVALID_TASK_DATA', 'bad', 1));
    h.api.createTask.mockRejectedValueOnce(new AnySolverError('TIMEOUT', 'no answer'));
    await h.solver.report(sender(), [widget('w1')]);
    await settle();
    await h.solver.report(sender(), [widget('w2')]);
    await settle();
    expect((await history()).map((r) => [r.errorCode, r.cost, r.costEstimated])).toEqual([
      ['INVALID_TASK_DATA', 0, undefined],
      ['TIMEOUT', 0.003, true],
    ]);
    expect((await h.solver.capStatus()).spentToday).toBe(0.003);
  });

  it('settle polls are bounded: a never-ending task is asked 4 times, then keeps its estimate', async () => {
    const h = createHarness({ solveMs: 10 ** 9 });
    const [job] = await h.solver.report(sender(), [widget('w1')]);
    await h.clock.advance(1000);
    await h.solver.cancel(job!.id);
    await h.clock.advance(600_000);
    expect(h.api.getTaskResult).toHaveBeenCalledTimes(SETTLE_OFFSETS_MS.length);
    const [entry] = await ledger();
    expect(entry).toMatchObject({ estimate: 0.003, outcome: 'not-delivered' });
    expect(entry!.cost).toBeUndefined();
    expect(entry!.settle).toBeUndefined();
    expect(h.alarms.at(-1)).toEqual({ name: 'solver-watchdog' }); // nothing left to wake for
  });

  it('clearing the history resets neither the cap nor the rate limits', async () => {
    const h = createHarness({
      solveMs: 0,
      settings: { limits: { ...loose, perTabPerMinute: 2, dailySpendCapUsd: 1 } },
    });
    await h.solver.report(sender(), [widget('a'), widget('b')]);
    await h.clock.advance(5000);
    await h.solver.clearHistory();
    await h.solver.report(sender(), [widget('c')]);
    await h.clock.advance(5000);
    expect(h.api.createTask).toHaveBeenCalledTimes(2);
    expect((await jobs()).find((j) => j.widget.widgetId === 'c')?.errorCode).toBe('RATE_LIMITED_TAB');
    expect((await h.solver.capStatus()).spentToday).toBe(0.004);
  });
});
