/**
 * The detector view's state (the DevTools panel): one tab's jobs from `detector:state`, refreshed on
 * storage changes (the engine writes every job step to storage) — nothing runs while nothing changes;
 * the 1-second clock only ticks while a job is in flight. Copying goes through an injected `copy`.
 */
import { batch, computed, signal } from '@preact/signals';
import { isActive } from '@/lib/solver/jobs';
import { curlCommand, requestJson } from './detector-view';
import type { Translate } from './i18n';
import type { Send } from './send';
import { defaultEvery, type Every, tickWhile } from './ticker';
import type { DetectorState } from './types';

export interface DetectorDeps {
  send: Send;
  /** The inspected tab (DevTools), or the `?tabId=` of a panel opened as a page; null when neither. */
  tabId: number | null;
  /** Called on any change to the extension's storage; returns the unsubscribe. */
  onChanged(cb: () => void): () => void;
  /** Put text on the clipboard (rejects when the browser refuses). */
  copy(text: string): Promise<void>;
  t: Translate;
  now: () => number;
  every?: Every;
}

/** Create the panel store. Call `start()` once mounted; it returns the cleanup. */
export function createDetectorState(deps: DetectorDeps) {
  const { send, tabId, t, now } = deps;
  const every = deps.every ?? defaultEvery;
  const state = signal<DetectorState | null>(null);
  const error = signal<string | null>(null);
  /** The last action's result, for a polite live region ("Copied …", "Could not copy …"). */
  const notice = signal<string | null>(null);
  const clock = signal(now());
  const jobs = computed(() => state.value?.jobs ?? []);

  async function load() {
    if (tabId === null) return;
    try {
      const reply = await send({ type: 'detector:state', tabId });
      batch(() => {
        state.value = reply;
        error.value = null;
      });
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  // Storage events come in bursts (one per job step): one request at a time, one more if any came meanwhile.
  let running: Promise<void> | null = null;
  let dirty = false;
  function refresh(): Promise<void> {
    if (running) {
      dirty = true;
      return running;
    }
    running = load().finally(() => {
      running = null;
      if (dirty) {
        dirty = false;
        void refresh();
      }
    });
    return running;
  }

  const find = (jobId: string) => jobs.value.find((d) => d.job.id === jobId);

  async function copy(jobId: string, as: 'json' | 'curl') {
    const d = find(jobId);
    const current = state.value;
    if (!d?.request.ok || !current) return;
    const text = as === 'json' ? requestJson(d.request.body) : curlCommand(current.endpoint, d.request.body);
    try {
      await deps.copy(text);
      notice.value = t(as === 'json' ? 'copiedJson' : 'copiedCurl');
    } catch {
      notice.value = t('copyFailed');
    }
  }

  return {
    state,
    jobs,
    error,
    notice,
    clock,
    tabId,
    /** Load and follow storage changes; returns the cleanup. */
    start(): () => void {
      const unwatch = deps.onChanged(() => void refresh());
      const stopTicker = tickWhile(clock, () => jobs.value.some((d) => isActive(d.job)), now, every);
      void refresh();
      return () => {
        unwatch();
        stopTicker();
      };
    },
    refresh,
    copyJson: (jobId: string) => copy(jobId, 'json'),
    copyCurl: (jobId: string) => copy(jobId, 'curl'),
    /** Solve now: the popup's own `solve` message (the limits apply as for a Solve press). */
    async solve(jobId: string) {
      if (tabId === null) return;
      await send({ type: 'solve', tabId, jobId });
      notice.value = t('solveRequested');
      await refresh();
    },
  };
}

export type DetectorStore = ReturnType<typeof createDetectorState>;

/** The tab the panel shows: `?tabId=N` (a panel opened as a page), else DevTools' inspected tab. */
export function panelTabId(search: string, inspected: number | undefined): number | null {
  const forced = Number(new URLSearchParams(search).get('tabId'));
  if (Number.isInteger(forced) && forced > 0) return forced;
  return typeof inspected === 'number' && inspected >= 0 ? inspected : null;
}
