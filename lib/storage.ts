/**
 * The one module that owns every storage item of the extension (typed, with fallback and version).
 * Imported by the background and the extension pages only — never by a content script.
 * The client key is NOT here: see lib/key-store.ts (extension-origin IndexedDB, out of content scripts' reach).
 */

import { browser } from 'wxt/browser';
import { storage } from '#imports';
import type { ImagePair } from './captcha/vendor';
import { effectiveSettings, emptyManaged, type ManagedConfig, parseManaged, withoutLocked } from './managed';
import type { Notice } from './notice';
import { defaultSettings, type Settings, settingsSchema } from './settings';
import type { HistoryRecord, Job } from './solver/jobs';
import type { Ledger } from './solver/ledger';

/** Settings, parsed through the schema on every read so older or partial objects gain new defaults. */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: defaultSettings(),
  version: 1,
});

/** The user's own stored settings, always complete and valid (a corrupt stored value falls back to defaults). */
export async function readUserSettings(): Promise<Settings> {
  const raw = await settingsItem.getValue();
  const parsed = settingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : defaultSettings();
}

/**
 * What the administrator set through `storage.managed` (lib/managed.ts). The area is missing in the fake
 * browser and throws in Firefox without a policy ("Managed storage manifest not found"): nothing managed.
 */
export async function readManaged(): Promise<ManagedConfig> {
  try {
    const area = browser.storage.managed;
    return area ? parseManaged(await area.get()) : emptyManaged();
  } catch {
    return emptyManaged();
  }
}

/** The effective settings everything reads: the user's, with the managed values over them. */
export async function readSettings(): Promise<Settings> {
  const [user, managed] = await Promise.all([readUserSettings(), readManaged()]);
  return effectiveSettings(user, managed);
}

/**
 * Merge a partial change into the user's stored settings (validated); returns the effective settings.
 * A managed leaf keeps the user's own stored value: the policy's value is never copied into storage.
 */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const [user, managed] = await Promise.all([readUserSettings(), readManaged()]);
  const next = withoutLocked(settingsSchema.parse({ ...user, ...patch }), user, managed.locked);
  await settingsItem.setValue(next);
  return effectiveSettings(next, managed);
}

/** Calls `cb` when the managed configuration changes (Chrome applies a policy change live). */
export function watchManaged(cb: () => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area === 'managed') cb();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Last known balance (cached: the API asks callers not to hammer getBalance). */
export interface BalanceCache {
  balance: number | null;
  at: number;
  /** Why the last refresh failed (a message key the pages render). */
  notice?: Notice;
  code?: string;
}
export const balanceItem = storage.defineItem<BalanceCache>('local:balance', {
  fallback: { balance: null, at: 0 },
  version: 1,
});

/** Origins the user paused auto-solve on from the popup ("Pause on this site"). */
export const pausedSitesItem = storage.defineItem<string[]>('local:pausedSites', {
  fallback: [],
  version: 1,
});

// ---- Engine state (lib/solver) ----
/** Jobs by id: every widget from detection to delivery. storage.local so a browser restart loses nothing. */
export const jobsItem = storage.defineItem<Record<string, Job>>('local:jobs', {
  fallback: {},
  version: 2,
  migrations: {
    // v1 stored an array of jobs; v2 keys them by id.
    2: (old: unknown) =>
      Array.isArray(old)
        ? Object.fromEntries(
            (old as Job[]).filter((j) => j && typeof j.id === 'string').map((j) => [j.id, j]),
          )
        : {},
  },
});

/** Finished tasks, newest last, capped at settings.historyLimit. */
export const historyItem = storage.defineItem<HistoryRecord[]>('local:history', { fallback: [], version: 1 });

/**
 * Every task start, kept whatever became of the job, for the daily cap and the rate limits (the history
 * is capped and clearable). Read and changed through the engine only (lib/solver/ledger.ts).
 */
export const spendLedgerItem = storage.defineItem<Ledger>('local:spendLedger', { fallback: {}, version: 1 });

/** Learned solve times and costs per task type (last 50 each), for adaptive polling and spend estimates. */
export interface SolveStats {
  [taskType: string]: { durations: number[]; costs: number[] };
}
export const statsItem = storage.defineItem<SolveStats>('local:solveStats', { fallback: {}, version: 1 });

/** Set when the API refused the account (wrong key, no balance, banned): no new task until it changes. */
export interface AccountBlock {
  code: string;
  /** What to tell the user (`err_<CODE>`); blocks stored before notices have English `message` instead. */
  notice?: Notice;
  message?: string;
  at: number;
}
export const accountBlockItem = storage.defineItem<AccountBlock | null>('local:accountBlock', {
  fallback: null,
  version: 1,
});

/**
 * Jobs each open tab has ever made (navigations included), for the per-tab lifetime caps: by tab id (all
 * frame sites) and by `tabId|site` (each frame site). Cleared on close.
 */
export const tabJobCountsItem = storage.defineItem<Record<string, number>>('local:tabJobCounts', {
  fallback: {},
  version: 1,
});

/**
 * (H8.) Image captchas the user marked with "Solve this image captcha", by origin (newest first, capped):
 * the next visit to that origin detects them without being asked. Read through lib/captcha/image/pair-store.ts.
 */
export const imagePairsItem = storage.defineItem<Record<string, ImagePair[]>>('local:imagePairs', {
  fallback: {},
  version: 1,
});

/** Page loads × image pairs the background fetched once (at most one fetch each): session-long. */
export const imageFetchesItem = storage.defineItem<string[]>('session:imageFetches', {
  fallback: [],
  version: 1,
});

/**
 * Where the stored client key came from: `managed` when a policy put it there (lib/managed.ts), so the
 * key goes when the policy's key goes. Only the origin, never the key (that lives in lib/key-store.ts).
 */
export const keySourceItem = storage.defineItem<'managed' | null>('local:keySource', {
  fallback: null,
  version: 1,
});
