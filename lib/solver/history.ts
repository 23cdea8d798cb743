/**
 * History and totals: spend today / 7 days / all time (paid, not delivered included and shown apart), success
 * rate.
 */
import { type HistoryRecord, paidNotDelivered, type Totals } from './jobs';
import { startOfDay } from './time';

const SUCCESS = new Set(['solved']);
const COUNTED = new Set(['solved', 'failed', 'expired', 'undelivered']);

/** Totals over the history at `now`. */
export function computeTotals(history: readonly HistoryRecord[], now: number): Totals {
  const day = startOfDay(now);
  const week = day - 6 * 86_400_000;
  let today = 0;
  let last7 = 0;
  let all = 0;
  let ok = 0;
  let counted = 0;
  let lostToday = 0;
  let lostWeek = 0;
  for (const h of history) {
    all += h.cost;
    if (h.at >= week) last7 += h.cost;
    if (h.at >= day) today += h.cost;
    if (paidNotDelivered(h) && h.at >= week) lostWeek += h.cost;
    if (paidNotDelivered(h) && h.at >= day) lostToday += h.cost;
    if (COUNTED.has(h.status)) counted++;
    if (SUCCESS.has(h.status)) ok++;
  }
  const r6 = (n: number) => Math.round(n * 1e6) / 1e6;
  return {
    today: r6(today),
    week: r6(last7),
    allTime: r6(all),
    notDeliveredToday: r6(lostToday),
    notDeliveredWeek: r6(lostWeek),
    successRate: counted ? ok / counted : null,
    count: history.length,
  };
}

/** Append a record, keeping the newest `limit`. */
export const appendHistory = (history: readonly HistoryRecord[], record: HistoryRecord, limit: number) =>
  [...history, record].slice(-limit);

/** Keep the last `n` values. */
export const pushCapped = (list: readonly number[] | undefined, value: number, n = 50) =>
  [...(list ?? []), value].slice(-n);
