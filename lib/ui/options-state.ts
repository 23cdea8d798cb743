/**
 * The options page's state: a signals store built by a factory with injected message sender, storage
 * and clock. Settings and history follow storage `watch` events, so a change made by the popup or the
 * engine shows at once.
 */
import { batch, computed, signal } from '@preact/signals';
import type { Settings } from '@/lib/settings';
import { computeTotals } from '@/lib/solver/history';
import { toCsv, toJson } from './export';
import {
  emptyFilter,
  filterHistory,
  type HistoryFilter,
  type HistorySort,
  sortHistory,
} from './history-view';
import { reasonText, replyText } from './notice-text';
import type { Send } from './send';
import { exportSettings, type ImportResult, parseSettingsImport } from './settings-io';
import type { BalanceReply, HistoryRecord, KeyStatus } from './types';

/** Settings access (readSettings / updateSettings / settingsItem.watch in the real page). */
export interface SettingsStore {
  read(): Promise<Settings>;
  /** Validated by the schema; throws on an invalid value. */
  update(patch: Partial<Settings>): Promise<Settings>;
  watch(cb: () => void): () => void;
  /** Dotted paths of the settings a policy sets (lib/managed.ts), shown locked; none when absent. */
  locked?(): Promise<string[]>;
}

/** History access (the engine's historyItem in the real page). */
export interface HistoryStore {
  read(): Promise<HistoryRecord[]>;
  watch(cb: () => void): () => void;
}

export interface OptionsDeps {
  send: Send;
  settings: SettingsStore;
  history: HistoryStore;
  /** Reads the saved key, only for "export with key" (extension-origin IndexedDB, lib/key-store.ts). */
  readKey(): Promise<string | null>;
  now: () => number;
}

/** A file the page offers for download. */
export interface ExportFile {
  filename: string;
  text: string;
  mime: string;
}

/** Create the options store; `start()` loads and follows storage, returning the cleanup. */
export function createOptionsState(deps: OptionsDeps) {
  const { send, now } = deps;
  const settings = signal<Settings | null>(null);
  /** Settings paths (and `clientKey`) a policy sets: shown disabled, "Set by your administrator". */
  const locked = signal<string[]>([]);
  const keyStatus = signal<KeyStatus | null>(null);
  const balance = signal<number | null>(null);
  const keyError = signal<string | null>(null);
  const saving = signal(false);
  const records = signal<HistoryRecord[]>([]);
  const filter = signal<HistoryFilter>(emptyFilter());
  const sort = signal<HistorySort>({ key: 'at', dir: 'desc' });
  /** The last outcome of an action, in words, for a polite live region. */
  const notice = signal<{ text: string; error: boolean } | null>(null);

  const visible = computed(() => sortHistory(filterHistory(records.value, filter.value), sort.value));
  // The engine's own totals function, so the page and the popup agree to the cent.
  const totals = computed(() => computeTotals(records.value, now()));

  const loadSettings = async () => {
    const [read, paths] = await Promise.all([deps.settings.read(), deps.settings.locked?.() ?? []]);
    batch(() => {
      settings.value = read;
      locked.value = paths;
    });
  };
  const loadHistory = async () => {
    records.value = await deps.history.read();
  };
  /** A balance reply: the amount, or the API's error in words (shown under the key form). */
  const showBalance = (reply: BalanceReply) =>
    batch(() => {
      balance.value = reply.ok ? reply.balance : null;
      keyError.value = reply.ok ? null : replyText(reply);
    });
  const loadKey = async () => {
    const status = await send({ type: 'key:status' });
    keyStatus.value = status;
    if (!status.hasKey) return;
    showBalance(await send({ type: 'balance:get' }));
  };

  const followKey = async () => {
    const before = keyStatus.value;
    const status = await send({ type: 'key:status' });
    if (
      before &&
      status.hasKey === before.hasKey &&
      status.masked === before.masked &&
      status.managed === before.managed
    )
      return;
    await loadKey();
  };

  /** Validate the key with getBalance (through the background) and store it; the endpoint too. */
  async function saveKey(key: string, endpoint?: string): Promise<boolean> {
    saving.value = true;
    keyError.value = null;
    try {
      const reply = await send({ type: 'key:save', key, ...(endpoint ? { endpoint } : {}) });
      if (!reply.ok) {
        keyError.value = replyText(reply);
        return false;
      }
      balance.value = reply.balance;
      keyStatus.value = await send({ type: 'key:status' });
      await loadSettings();
      return true;
    } finally {
      saving.value = false;
    }
  }

  const stamp = (): string => new Date(now()).toISOString().slice(0, 10);

  return {
    settings,
    locked,
    keyStatus,
    balance,
    keyError,
    saving,
    records,
    filter,
    sort,
    visible,
    totals,
    notice,

    start(): () => void {
      // A policy change may set or withdraw the key too: its status follows (and the balance if it changed).
      const offSettings = deps.settings.watch(() => void loadSettings().then(followKey));
      const offHistory = deps.history.watch(() => void loadHistory());
      void Promise.all([loadSettings(), loadHistory(), loadKey()]);
      return () => {
        offSettings();
        offHistory();
      };
    },

    saveKey,

    /** Ask the API again (the background caches the balance for 30 s otherwise). */
    async refreshBalance(): Promise<void> {
      showBalance(await send({ type: 'balance:get', refresh: true }));
    },

    async clearKey(): Promise<void> {
      await send({ type: 'key:clear' });
      batch(() => {
        keyStatus.value = { hasKey: false };
        balance.value = null;
      });
    },

    /** Store a settings change; false (and nothing stored) when the schema refuses it. */
    async update(patch: Partial<Settings>): Promise<boolean> {
      try {
        settings.value = await deps.settings.update(patch);
        return true;
      } catch {
        return false;
      }
    },

    async clearHistory(): Promise<void> {
      await send({ type: 'history:clear' });
      await loadHistory();
    },

    /** Delete the key, settings and history. */
    async clearAll(): Promise<void> {
      await send({ type: 'data:clearAll' });
      await Promise.all([loadSettings(), loadHistory(), loadKey()]);
    },

    /** The visible (filtered, sorted) history as a CSV or JSON file. */
    exportHistory(format: 'csv' | 'json'): ExportFile {
      const rows = visible.value;
      return format === 'csv'
        ? {
            filename: `anysolver-history-${stamp()}.csv`,
            text: toCsv(rows, (r) => (r.errorNotice || r.errorMessage ? reasonText(r) : undefined)),
            mime: 'text/csv',
          }
        : { filename: `anysolver-history-${stamp()}.json`, text: toJson(rows), mime: 'application/json' };
    },

    /** The settings file; the client key goes in only when asked. */
    async exportSettings(includeKey: boolean): Promise<ExportFile> {
      const current = settings.value ?? (await deps.settings.read());
      const key = includeKey ? await deps.readKey() : null;
      return {
        filename: `anysolver-settings-${stamp()}.json`,
        text: exportSettings(current, key),
        mime: 'application/json',
      };
    },

    /** Validate and apply a settings file; a key inside is validated and saved like a typed one. */
    async importSettings(text: string): Promise<ImportResult> {
      const result = parseSettingsImport(text);
      if (!result.ok) return result;
      settings.value = await deps.settings.update(result.settings);
      if (result.clientKey) await saveKey(result.clientKey);
      return result;
    },
  };
}

export type OptionsState = ReturnType<typeof createOptionsState>;
