/**
 * What the extension pages receive from the background. The job model is the engine's
 * (lib/solver/jobs.ts), imported as types only so no engine code reaches the popup bundle.
 */

import type { BalanceReply, ManagedState } from '@/lib/messaging';
import type { Settings } from '@/lib/settings';
import type { DetectorJob } from '@/lib/solver/detector-view';
import type { CapStatus, Job, Totals } from '@/lib/solver/jobs';
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
  /** What a policy sets (shown locked; absent from an older background). */
  managed?: ManagedState;
}

export type { DetectorJob, DetectorRequest } from '@/lib/solver/detector-view';

/** `detector:state` reply (entrypoints/background/handlers.ts): what the DevTools panel shows of a tab. */
export interface DetectorState {
  jobs: DetectorJob[];
  /** The API endpoint tasks go to (the settings', normalized). */
  endpoint: string;
  /** The settings that decide whether and when a job starts. */
  settings: Pick<Settings, 'autoSolve' | 'autoSolveKinds' | 'limits' | 'sites' | 'polling' | 'routing'>;
  pausedSites: string[];
  cap: CapStatus;
  accountBlock: Pick<AccountBlock, 'code' | 'notice' | 'message'> | null;
  hasKey: boolean;
}

/** `key:status` reply: whether a key is saved, and a masked form for display (never the key). */
export interface KeyStatus {
  hasKey: boolean;
  masked?: string;
  /** The key is set by a policy: it cannot be changed or removed here. */
  managed?: boolean;
}

export type { BalanceReply, ManagedState };

/** Generic acknowledgement some handlers return. */
export interface Ack {
  ok: boolean;
  error?: string;
}
