/** Test support: an in-memory PopupStorage whose `change()` fires the storage event like the browser. */
import type { PopupStorage } from './popup-state';
import type { HistoryRecord } from './types';

export function fakePopupStorage(init: { autoSolve?: boolean; history?: HistoryRecord[] } = {}) {
  let autoSolve = init.autoSolve ?? true;
  let history = init.history ?? [];
  const listeners = new Set<() => void>();
  const storage: PopupStorage & { change(patch: { history?: HistoryRecord[] }): void; listeners: number } = {
    readAutoSolve: async () => autoSolve,
    async writeAutoSolve(on) {
      autoSolve = on;
      for (const l of listeners) l();
    },
    readHistory: async () => history,
    onChanged(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    change(patch) {
      if (patch.history) history = patch.history;
      for (const l of listeners) l();
    },
    get listeners() {
      return listeners.size;
    },
  };
  return storage;
}
