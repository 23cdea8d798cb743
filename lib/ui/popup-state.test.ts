import { describe, expect, it } from 'vitest';
import { fakePopupStorage } from './fake-popup-storage';
import { fakeSend } from './fake-send';
import { job, record, T0, totals } from './fixtures';
import { createPopupState, RECENT_COUNT } from './popup-state';
import type { Job, TabState } from './types';

const TAB = { id: 7, origin: 'https://shop.example' };
const settle = () => new Promise((r) => setTimeout(r, 0));

function setup(opts: { hasKey?: boolean; jobs?: Job[]; tabState?: Partial<TabState> } = {}) {
  let jobs = opts.jobs ?? [];
  const send = fakeSend({
    'key:status': () => (opts.hasKey === false ? { hasKey: false } : { hasKey: true, masked: 'anys…demo' }),
    'balance:get': () => ({ ok: true, balance: 4.5, at: T0 }),
    'tab:state': () => ({ jobs, totals: totals(), pausedSites: [], ...opts.tabState }),
    solve: () => undefined,
    'job:cancel': () => undefined,
    'site:pause': () => ({ ok: true }),
    'key:save': (m) =>
      m.key === 'anysolver_good_key'
        ? { ok: true, balance: 3, at: T0 }
        : { ok: false, notice: { key: 'err_no_such_key' }, code: 'ERROR_KEY_DOES_NOT_EXIST' },
  });
  const storage = fakePopupStorage();
  let now = T0;
  const ticks: Array<() => void> = [];
  const state = createPopupState({
    send,
    storage,
    now: () => now,
    tab: async () => TAB,
    every: (_ms, fn) => {
      ticks.push(fn);
      return () => ticks.splice(ticks.indexOf(fn), 1);
    },
  });
  return {
    state,
    send,
    storage,
    ticks,
    setJobs: (j: Job[]) => {
      jobs = j;
    },
    advance: (ms: number) => {
      now += ms;
      for (const f of ticks) f();
    },
  };
}

describe('createPopupState', () => {
  it('goes to first run when no key is saved, and asks nothing else', async () => {
    const { state, send } = setup({ hasKey: false });
    state.start();
    await settle();
    expect(state.phase.value).toBe('firstRun');
    expect(send.sent.map((m) => m.type)).toEqual(['key:status']);
  });

  it('loads balance, this tab and the recent tasks when a key is saved', async () => {
    const { state, send, storage } = setup({ jobs: [job()] });
    storage.change({ history: Array.from({ length: 8 }, (_, i) => record({ at: T0 - i })) });
    state.start();
    await settle();
    expect(state.phase.value).toBe('ready');
    expect(state.balance.value).toEqual({ ok: true, balance: 4.5, at: T0 });
    expect(state.jobs.value.map((j) => j.id)).toEqual(['j1']);
    expect(state.recent.value).toHaveLength(RECENT_COUNT);
    expect(send.sent).toContainEqual({ type: 'tab:state', tabId: 7 });
  });

  it('saves a key and reports a wrong one in the API words', async () => {
    const { state } = setup({ hasKey: false });
    state.start();
    await settle();
    expect(await state.saveKey('anysolver_bad')).toBe(false);
    // No catalogue installed here: the code stands in for the words.
    expect(state.saveError.value).toBe('ERROR_KEY_DOES_NOT_EXIST');
    expect(await state.saveKey('anysolver_good_key')).toBe(true);
    expect(state.saveError.value).toBeNull();
    expect(state.balance.value).toMatchObject({ ok: true });
  });

  it('follows storage changes without polling: a job update shows after the event', async () => {
    const { state, storage, setJobs, send } = setup({ jobs: [job()] });
    state.start();
    await settle();
    const before = send.sent.length;
    await new Promise((r) => setTimeout(r, 20));
    expect(send.sent.length).toBe(before); // nothing asked while nothing changed
    setJobs([job({ status: 'solved', cost: 0.002 })]);
    storage.change({});
    await settle();
    await settle();
    expect(state.jobs.value[0]?.status).toBe('solved');
  });

  it('ticks the clock only while a job is in flight', async () => {
    const { state, ticks, advance, storage, setJobs } = setup({
      jobs: [job({ status: 'polling', taskCreatedAt: T0 })],
    });
    state.start();
    await settle();
    expect(ticks).toHaveLength(1);
    advance(3000);
    expect(state.clock.value).toBe(T0 + 3000);
    setJobs([job({ status: 'solved' })]);
    storage.change({});
    await settle();
    await settle();
    expect(ticks).toHaveLength(0);
  });

  it('sends solve, solve all, cancel and pause for this tab and site', async () => {
    const { state, send } = setup({ jobs: [job()] });
    state.start();
    await settle();
    await state.solve('j1');
    await state.solve();
    await state.cancel('j1');
    await state.setPaused(true);
    expect(
      send.sent.filter((m) => m.type !== 'tab:state' && m.type !== 'key:status' && m.type !== 'balance:get'),
    ).toEqual([
      { type: 'solve', tabId: 7, jobId: 'j1' },
      { type: 'solve', tabId: 7 },
      { type: 'job:cancel', jobId: 'j1' },
      { type: 'site:pause', origin: 'https://shop.example', paused: true },
    ]);
  });

  it('reads paused from the list of paused sites and the badge from the jobs', async () => {
    const { state } = setup({
      jobs: [
        job({ id: 'a', status: 'polling' }),
        job({ id: 'b', status: 'creating' }),
        job({ id: 'c', status: 'failed' }),
      ],
      tabState: { pausedSites: ['https://shop.example'] },
    });
    state.start();
    await settle();
    expect(state.paused.value).toBe(true);
    expect(state.badge.value).toEqual({ inFlight: 2, error: false });
  });

  it('shows the badge error while the account is blocked', async () => {
    const { state } = setup({
      tabState: { accountBlock: { code: 'ERROR_ZERO_BALANCE', message: 'No funds.' } },
    });
    state.start();
    await settle();
    expect(state.badge.value).toEqual({ inFlight: 0, error: true });
  });

  it('writes the auto-solve switch to storage', async () => {
    const { state, storage } = setup();
    state.start();
    await settle();
    await state.setAutoSolve(false);
    expect(await storage.readAutoSolve()).toBe(false);
    expect(state.autoSolve.value).toBe(false);
  });

  it('stops listening when cleaned up', async () => {
    const { state, storage } = setup();
    const stop = state.start();
    await settle();
    expect(storage.listeners).toBe(1);
    stop();
    expect(storage.listeners).toBe(0);
  });
});
