/**
 * The spend ledger: one entry per task start, written BEFORE createTask and kept whatever becomes of the
 * job (cancelled, undelivered, failed, expired, interrupted, a worker or browser restart). The daily cap
 * and every rate limit count these entries, not the history (which is capped, clearable, and written
 * only when a job ends). An entry counts at its estimate until the actual cost is known; a refused
 * createTask costs 0. Pure functions over the stored record; lib/storage.ts holds the item.
 */
import { startOfDay } from './time';

export interface LedgerEntry {
  /** `${jobId}@${startedAt}`: one per attempt (a re-solved job has one entry per attempt). */
  id: string;
  jobId: string;
  /** When the start was decided (the job's createStartedAt). */
  at: number;
  tabId: number;
  /** The frame's origin (display) and, for the limits, its site and the tab's top-level site. */
  origin: string;
  site: string;
  topSite: string;
  /** Started after a user gesture (see `Job.gesture`). */
  gesture: boolean;
  taskType?: string;
  taskId?: string;
  /** What the start was reserved at (the learned median cost of its type, or the default). */
  estimate: number;
  /** The actual cost, once known (0: the API refused the task, or refunded it). */
  cost?: number;
  /** `open` while the job runs; `delivered` once its token reached the page. */
  outcome: 'open' | 'delivered' | 'not-delivered';
  /** The widget went away (removed, its frame navigated, gone at delivery) before its token: counts twice. */
  churned?: boolean;
  /** The image flow fetched the captcha image for this start: the fetch counts like one more task. */
  fetched?: boolean;
  /** The job ended before the cost was known: the task is still polled, a bounded number of times. */
  settle?: { polls: number; nextAt: number };
}

export type Ledger = Record<string, LedgerEntry>;

/** Polls of an abandoned task, as offsets from its start: bounded (4), sparse, within the API's 120 s. */
export const SETTLE_OFFSETS_MS = [10_000, 30_000, 60_000, 120_000] as const;
/** Entries are kept a little over a week (the week's totals), at most this many. */
export const LEDGER_KEEP_MS = 8 * 86_400_000;
export const LEDGER_MAX_ENTRIES = 10_000;

export const entryId = (jobId: string, startedAt: number) => `${jobId}@${startedAt}`;

/** What an entry counts toward the cap: the actual cost when known, else the estimate. */
export const charge = (e: LedgerEntry) => e.cost ?? e.estimate;

/** Spend counted from `since` (every start, whatever became of it). */
export function spentSince(ledger: Ledger, since: number): number {
  let sum = 0;
  for (const e of Object.values(ledger)) if (e.at >= since) sum += charge(e);
  return Math.round(sum * 1e6) / 1e6;
}

/** Spend counted today (local midnight). */
export const spentToday = (ledger: Ledger, now: number) => spentSince(ledger, startOfDay(now));

/** What a start weighs in the site budgets: a churned widget counts twice, an image fetch once more. */
export const weight = (e: LedgerEntry) => (e.churned ? 2 : 1) + (e.fetched ? 1 : 0);

/** When the next settle poll is due, or undefined. */
export function nextSettleAt(ledger: Ledger): number | undefined {
  let at: number | undefined;
  for (const e of Object.values(ledger))
    if (e.settle && (at === undefined || e.settle.nextAt < at)) at = e.settle.nextAt;
  return at;
}

/** The settle state for an abandoned task after `polls` polls (undefined: stop, keep what is known). */
export function settleAfter(e: LedgerEntry, polls: number, now: number): LedgerEntry['settle'] {
  const offset = SETTLE_OFFSETS_MS[polls];
  return offset === undefined ? undefined : { polls, nextAt: Math.max(now, e.at + offset) };
}

/** Drop entries older than a week (unless still settling) and keep at most the newest LEDGER_MAX_ENTRIES. */
export function pruneLedger(ledger: Ledger, now: number): Ledger {
  const kept = Object.values(ledger)
    .filter((e) => e.settle || e.at >= now - LEDGER_KEEP_MS)
    .sort((a, b) => a.at - b.at)
    .slice(-LEDGER_MAX_ENTRIES);
  return Object.fromEntries(kept.map((e) => [e.id, e]));
}
