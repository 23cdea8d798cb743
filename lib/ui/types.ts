/**
 * What the extension pages receive from the background. The job model is the engine's
 * (lib/solver/jobs.ts), imported as types only so no engine code reaches the popup bundle.
 */
import type { CapStatus, Job, Totals } from '@/lib/solver/jobs';
import type { BalanceReply } from '@/lib/messaging';
import type { AccountBlock } from '@/lib/storage';

export type { CapStatus, HistoryRecord, Job, JobStatus, Totals } from '@/lib/solver/jobs';

/** `tab:state` reply (entrypoints/background/handlers.ts). */
export interface TabState {
  jobs: Job[];
  totals: Totals;
  /** The daily cap as the engine counts it (absent from an older background). */
  cap?: CapStatus;
  pausedSites?: string[];
  /** Blocks stored before notices carry English `message` instead of `notice`. */
  accountBlock?: Pick<AccountBlock, 'code' | 'notice' | 'message'> | null;
}

/** `key:status` reply: whether a key is saved, and a masked form for display (never the key). */
export interface KeyStatus {
  hasKey: boolean;
  masked?: string;
}

export type { BalanceReply };

/** Generic acknowledgement some handlers return. */
export interface Ack {
  ok: boolean;
  error?: string;
}
