/**
 * The storage contract: every storage item of the extension (key, fallback, version, migrations),
 * declared once. Zod-free and free of side effects (each definition is pure), so the popup imports the
 * items it uses without the schema; the background validates settings through lib/storage.ts.
 * Imported by the background and the extension pages only — never by a content script.
 * The client key is NOT here: see lib/key-store.ts (extension-origin IndexedDB, out of content scripts'
 * reach).
 */

import { storage } from '#imports';
import type { ImagePair } from './captcha/vendor';
import type { Notice } from './notice';
import type { Settings } from './settings';
import type { HistoryRecord, Job } from './solver/jobs';
import type { Ledger } from './solver/ledger';
import { HISTORY_KEY, SETTINGS_KEY } from './storage-keys';

/**
 * The user's stored settings, as stored: possibly partial or older (the fallback is empty). Read them
 * through `readUserSettings` / `readSettings` (lib/storage.ts), which parse them through the schema so
 * they gain new defaults; the popup reads and writes its one switch here and keeps every other field.
 */
export const settingsItem = /* @__PURE__ */ storage.defineItem<Partial<Settings>>(SETTINGS_KEY, {
  fallback: {},
  version: 1,
});

/** Last known balance (cached: the API asks callers not to hammer getBalance). */
export interface BalanceCache {
  balance: number | null;
  at: number;
  /** Why the last refresh failed (a message key the pages render). */
  notice?: Notice;
  code?: string;
}
export const balanceItem = /* @__PURE__ */ storage.defineItem<BalanceCache>('local:balance', {
  fallback: { balance: null, at: 0 },
  version: 1,
});

/** Origins the user paused auto-solve on from the popup ("Pause on this site"). */
export const pausedSitesItem = /* @__PURE__ */ storage.defineItem<string[]>('local:pausedSites', {
  fallback: [],
  version: 1,
});

// ---- Engine state (lib/solver, given to it as `SolverDeps.storage`: engineStorage below) ----

/** v1 stored an array of jobs; v2 keys them by id. */
const jobsByIdFromList = (old: unknown): Record<string, Job> =>
  Array.isArray(old)
    ? Object.fromEntries((old as Job[]).filter((j) => j && typeof j.id === 'string').map((j) => [j.id, j]))
    : {};

/** Jobs by id: every widget from detection to delivery. storage.local so a browser restart loses nothing. */
export const jobsItem = /* @__PURE__ */ storage.defineItem<Record<string, Job>>('local:jobs', {
  fallback: {},
  version: 2,
  migrations: { 2: jobsByIdFromList },
});

/** Finished tasks, newest last, capped at settings.historyLimit. */
export const historyItem = /* @__PURE__ */ storage.defineItem<HistoryRecord[]>(HISTORY_KEY, {
  fallback: [],
  version: 1,
});

/**
 * Every task start, kept whatever became of the job, for the daily cap and the rate limits (the history
 * is capped and clearable). Read and changed through the engine only (lib/solver/ledger.ts).
 */
export const spendLedgerItem = /* @__PURE__ */ storage.defineItem<Ledger>('local:spendLedger', {
  fallback: {},
  version: 1,
});

/** Learned solve times and costs per task type (last 50 each), for adaptive polling and spend estimates. */
export interface SolveStats {
  [taskType: string]: { durations: number[]; costs: number[] };
}
export const statsItem = /* @__PURE__ */ storage.defineItem<SolveStats>('local:solveStats', {
  fallback: {},
  version: 1,
});

/** Set when the API refused the account (wrong key, no balance, banned): no new task until it changes. */
export interface AccountBlock {
  code: string;
  /** What to tell the user (`err_<CODE>`); blocks stored before notices have English `message` instead. */
  notice?: Notice;
  message?: string;
  at: number;
}
export const accountBlockItem = /* @__PURE__ */ storage.defineItem<AccountBlock | null>(
  'local:accountBlock',
  { fallback: null, version: 1 },
);

/**
 * Jobs each open tab has ever made (navigations included), for the per-tab lifetime caps: by tab id (all
 * frame sites) and by `tabId|site` (each frame site). Cleared on close.
 */
export const tabJobCountsItem = /* @__PURE__ */ storage.defineItem<Record<string, number>>(
  'local:tabJobCounts',
  { fallback: {}, version: 1 },
);

/** One storage item as the engine uses it (WXT's item, or a fake in a test). */
export interface Item<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

/** The engine's storage (lib/solver): its dependency `SolverDeps.storage`. */
export interface EngineStorage {
  jobs: Item<Record<string, Job>>;
  history: Item<HistoryRecord[]>;
  ledger: Item<Ledger>;
  stats: Item<SolveStats>;
  accountBlock: Item<AccountBlock | null>;
  pausedSites: Item<string[]>;
  tabJobCounts: Item<Record<string, number>>;
}

/** The engine's storage over the items above (what the background gives createSolver). */
export const engineStorage: EngineStorage = {
  jobs: jobsItem,
  history: historyItem,
  ledger: spendLedgerItem,
  stats: statsItem,
  accountBlock: accountBlockItem,
  pausedSites: pausedSitesItem,
  tabJobCounts: tabJobCountsItem,
};

/**
 * (H8.) Image captchas the user marked with "Solve this image captcha", by origin (newest first,
 * capped): the next visit to that origin detects them without being asked. Read through
 * lib/captcha/image/pair-store.ts.
 */
export const imagePairsItem = /* @__PURE__ */ storage.defineItem<Record<string, ImagePair[]>>(
  'local:imagePairs',
  { fallback: {}, version: 1 },
);

/** Page loads × image pairs the background fetched once (at most one fetch each): session-long. */
export const imageFetchesItem = /* @__PURE__ */ storage.defineItem<string[]>('session:imageFetches', {
  fallback: [],
  version: 1,
});

/**
 * Where the stored client key came from: `managed` when a policy put it there (lib/managed.ts), so the
 * key goes when the policy's key goes. Only the origin, never the key (that lives in lib/key-store.ts).
 */
export const keySourceItem = /* @__PURE__ */ storage.defineItem<'managed' | null>('local:keySource', {
  fallback: null,
  version: 1,
});
