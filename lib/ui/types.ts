/**
 * The types the extension pages render. The replies they receive are declared in the protocol map
 * (lib/messaging.ts) and re-exported here; the job model is the engine's (lib/solver/jobs.ts). Types
 * only, so no engine code (nor zod) reaches the popup bundle.
 */

export type {
  Ack,
  BalanceReply,
  DetectorState,
  KeyStatus,
  ManagedState,
  TabState,
} from '@/lib/messaging';
export type { DetectorJob, DetectorRequest } from '@/lib/solver/detector-view';
export type { CapStatus, HistoryRecord, Job, JobStatus, Totals } from '@/lib/solver/jobs';
