/** The options page's storage wiring: settings and history through lib/storage.ts. */
import {
  historyItem,
  readManaged,
  readSettings,
  settingsItem,
  updateSettings,
  watchManaged,
} from '@/lib/storage';
import type { HistoryStore, SettingsStore } from './options-state';

/** Settings read and written through the schema (lib/storage.ts); a policy's values over them, live. */
export const settingsStore: SettingsStore = {
  read: readSettings,
  update: updateSettings,
  watch: (cb) => {
    const offLocal = settingsItem.watch(() => cb());
    const offManaged = watchManaged(cb);
    return () => {
      offLocal();
      offManaged();
    };
  },
  locked: async () => (await readManaged()).locked,
};

/** The engine's history (stored oldest first), newest first. */
export const historyStore: HistoryStore = {
  read: async () => [...(await historyItem.getValue())].reverse(),
  watch: (cb) => historyItem.watch(() => cb()),
};
