/** The options page's storage wiring: settings and history through lib/storage.ts. */
import { historyItem, readSettings, settingsItem, updateSettings } from '@/lib/storage';
import type { HistoryStore, SettingsStore } from './options-state';

/** Settings read and written through the schema (lib/storage.ts). */
export const settingsStore: SettingsStore = {
  read: readSettings,
  update: updateSettings,
  watch: (cb) => settingsItem.watch(() => cb()),
};

/** The engine's history (stored oldest first), newest first. */
export const historyStore: HistoryStore = {
  read: async () => [...(await historyItem.getValue())].reverse(),
  watch: (cb) => historyItem.watch(() => cb()),
};
