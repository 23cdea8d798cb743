/**
 * The one module that owns every storage item of the extension (typed, with fallback and version).
 * Imported by the background and the extension pages only — never by a content script.
 * The client key is NOT here: see lib/key-store.ts (extension-origin IndexedDB, out of content scripts' reach).
 */
import { storage } from '#imports';
import { defaultSettings, type Settings, settingsSchema } from './settings';

/** Settings, parsed through the schema on every read so older or partial objects gain new defaults. */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: defaultSettings(),
  version: 1,
});

/** Read settings, always complete and valid (a corrupt stored value falls back to defaults). */
export async function readSettings(): Promise<Settings> {
  const raw = await settingsItem.getValue();
  const parsed = settingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : defaultSettings();
}

/** Merge a partial change into the stored settings (validated). */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = settingsSchema.parse({ ...(await readSettings()), ...patch });
  await settingsItem.setValue(next);
  return next;
}

/** Last known balance (cached: the API asks callers not to hammer getBalance). */
export interface BalanceCache {
  balance: number | null;
  at: number;
  error?: string;
  code?: string;
}
export const balanceItem = storage.defineItem<BalanceCache>('local:balance', {
  fallback: { balance: null, at: 0 },
  version: 1,
});

/** Origins the user paused auto-solve on from the popup ("Pause on this site"). */
export const pausedSitesItem = storage.defineItem<string[]>('local:pausedSites', { fallback: [], version: 1 });
