/**
 * The popup's state: a small signals store created by a factory so tests pass a fake `send`, storage
 * and clock. Live updates come from storage change events (the engine writes job state to storage),
 * never from polling the background; the 1-second clock only redraws elapsed times while a job runs.
 */
import { batch, computed, signal } from '@preact/signals';
import { isActive } from '@/lib/solver/jobs';
import { isPaused, toolbarBadge } from './jobs-view';
import { replyText } from './notice-text';
import type { Send } from './send';
import { defaultEvery, type Every, tickWhile } from './ticker';
import type { BalanceReply, HistoryRecord, TabState } from './types';

/** What the popup reads and writes in storage (implemented without zod in popup-storage.ts). */
export interface PopupStorage {
  readAutoSolve(): Promise<boolean>;
  writeAutoSolve(on: boolean): Promise<void>;
  /** Newest first. */
  readHistory(): Promise<HistoryRecord[]>;
  /** Called on any change to the extension's storage; returns the unsubscribe. */
  onChanged(cb: () => void): () => void;
}

/** The tab the popup was opened over; origin is null for pages the extension cannot act on. */
export interface PopupTab {
  id: number;
  origin: string | null;
}

export interface PopupDeps {
  send: Send;
  storage: PopupStorage;
  now: () => number;
  tab: () => Promise<PopupTab | null>;
  /** Repeating timer (default setInterval); returns the cancel. */
  every?: Every;
}

/** How many finished tasks the popup lists. */
export const RECENT_COUNT = 5;

/** Create the popup store. Call `start()` once mounted; it returns the cleanup. */
export function createPopupState(deps: PopupDeps) {
  const { send, storage, now } = deps;
  const every = deps.every ?? defaultEvery;

  const phase = signal<'loading' | 'firstRun' | 'ready'>('loading');
  const balance = signal<BalanceReply | null>(null);
  const tab = signal<PopupTab | null>(null);
  const tabState = signal<TabState | null>(null);
  const autoSolve = signal(true);
  const recent = signal<HistoryRecord[]>([]);
  const saving = signal(false);
  const saveError = signal<string | null>(null);
  const clock = signal(now());

  const jobs = computed(() => tabState.value?.jobs ?? []);
  const badge = computed(() => toolbarBadge(tabState.value));
  const paused = computed(() => isPaused(tabState.value, tab.value?.origin ?? null));
  const totals = computed(() => tabState.value?.totals ?? null);
  const cap = computed(() => tabState.value?.cap ?? null);

  async function refreshTab() {
    const current = tab.value;
    if (!current) return;
    tabState.value = await send({ type: 'tab:state', tabId: current.id });
  }

  async function refreshStored() {
    const [on, history] = await Promise.all([storage.readAutoSolve(), storage.readHistory()]);
    batch(() => {
      autoSolve.value = on;
      recent.value = history.slice(0, RECENT_COUNT);
    });
  }

  async function refreshAll() {
    const status = await send({ type: 'key:status' });
    if (!status.hasKey) {
      phase.value = 'firstRun';
      return;
    }
    const [bal] = await Promise.all([send({ type: 'balance:get' }), refreshTab(), refreshStored()]);
    batch(() => {
      balance.value = bal;
      phase.value = 'ready';
    });
  }

  // Storage events arrive in bursts (one per job update): run one refresh at a time, and one more at
  // the end if anything changed meanwhile.
  let running: Promise<void> | null = null;
  let dirty = false;
  function refresh(): Promise<void> {
    if (running) {
      dirty = true;
      return running;
    }
    running = refreshAll()
      .catch(() => undefined)
      .finally(() => {
        running = null;
        if (dirty) {
          dirty = false;
          void refresh();
        }
      });
    return running;
  }

  return {
    phase,
    balance,
    tab,
    tabState,
    jobs,
    totals,
    cap,
    autoSolve,
    paused,
    recent,
    saving,
    saveError,
    clock,
    badge,

    /** Load everything and follow storage changes; returns the cleanup. */
    start(): () => void {
      const unwatch = storage.onChanged(() => void refresh());
      const stopTicker = tickWhile(clock, () => jobs.value.some(isActive), now, every);
      void deps
        .tab()
        .then((t) => {
          tab.value = t;
        })
        .finally(() => refresh());
      return () => {
        unwatch();
        stopTicker();
      };
    },
    refresh,

    /** Save the client key (validated by the background with getBalance). */
    async saveKey(key: string): Promise<boolean> {
      saving.value = true;
      saveError.value = null;
      try {
        const reply = await send({ type: 'key:save', key });
        if (!reply.ok) {
          saveError.value = replyText(reply);
          return false;
        }
        balance.value = reply;
        await refresh();
        return true;
      } finally {
        saving.value = false;
      }
    },

    /** Solve one job, or every solvable job of the tab. */
    async solve(jobId?: string): Promise<void> {
      const current = tab.value;
      if (!current) return;
      await send(jobId ? { type: 'solve', tabId: current.id, jobId } : { type: 'solve', tabId: current.id });
      await refreshTab();
    },

    async cancel(jobId: string): Promise<void> {
      await send({ type: 'job:cancel', jobId });
      await refreshTab();
    },

    async setAutoSolve(on: boolean): Promise<void> {
      autoSolve.value = on;
      await storage.writeAutoSolve(on);
    },

    async setPaused(on: boolean): Promise<void> {
      const origin = tab.value?.origin;
      if (!origin) return;
      await send({ type: 'site:pause', origin, paused: on });
      await refreshTab();
    },

    async refreshBalance(): Promise<void> {
      balance.value = await send({ type: 'balance:get', refresh: true });
    },
  };
}

export type PopupState = ReturnType<typeof createPopupState>;
