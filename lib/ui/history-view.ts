/** Filtering, sorting and totals of the history shown on the options page (pure). */
import { reasonText } from './notice-text';
import type { HistoryRecord, JobStatus } from './types';

export type HistorySortKey = 'at' | 'origin' | 'kind' | 'status' | 'cost' | 'duration';
export interface HistorySort {
  key: HistorySortKey;
  dir: 'asc' | 'desc';
}
export interface HistoryFilter {
  /** Matches the site, kind, provider, task type or error text, as shown (case-insensitive). */
  text: string;
  status: JobStatus | 'all';
  kind: string | 'all';
}

export const emptyFilter = (): HistoryFilter => ({ text: '', status: 'all', kind: 'all' });

/** Records that pass the filter. */
export function filterHistory(records: readonly HistoryRecord[], f: HistoryFilter): HistoryRecord[] {
  const q = f.text.trim().toLowerCase();
  return records.filter(
    (r) =>
      (f.status === 'all' || r.status === f.status) &&
      (f.kind === 'all' || r.kind === f.kind) &&
      (!q ||
        [
          r.origin,
          r.kind,
          r.provider,
          r.taskType,
          r.errorCode,
          r.errorMessage,
          reasonText(r),
          r.errorDescription,
        ].some((v) => v?.toLowerCase().includes(q))),
  );
}

const duration = (r: HistoryRecord) => (r.createToReadyMs ?? 0) + (r.readyToFilledMs ?? 0);

function sortValue(r: HistoryRecord, key: HistorySortKey): string | number {
  if (key === 'duration') return duration(r);
  if (key === 'cost') return r.cost;
  return r[key];
}

/** A sorted copy; ties keep the newest first so the order is stable across renders. */
export function sortHistory(records: readonly HistoryRecord[], s: HistorySort): HistoryRecord[] {
  const sign = s.dir === 'asc' ? 1 : -1;
  return [...records].sort((a, b) => {
    const x = sortValue(a, s.key);
    const y = sortValue(b, s.key);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c !== 0 ? sign * c : b.at - a.at;
  });
}

/**
 * Clicking a column: same column flips the direction, a new column starts descending for numbers and time.
 */
export function nextSort(current: HistorySort, key: HistorySortKey): HistorySort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'origin' || key === 'kind' || key === 'status' ? 'asc' : 'desc' };
}
