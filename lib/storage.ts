/**
 * Settings through the schema: the user's stored settings parsed (lib/settings.ts, zod), the managed
 * policy's values over them. The storage items themselves are declared once in lib/storage-items.ts
 * (zod-free, re-exported here). Imported by the background and the extension pages only — never by a
 * content script. The client key is NOT here: see lib/key-store.ts.
 */

import { browser } from 'wxt/browser';
import { effectiveSettings, emptyManaged, type ManagedConfig, parseManaged, withoutLocked } from './managed';
import { defaultSettings, type Settings, settingsSchema } from './settings';
import { settingsItem } from './storage-items';

export * from './storage-items';

/**
 * The user's own stored settings, always complete and valid (a corrupt stored value falls back to
 * defaults).
 */
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
