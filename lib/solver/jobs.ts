/** The job model: one job per widget, from detection to delivery, and what a finished job leaves behind. */
import type { DetectedWidget, WidgetKind } from '../captcha/types';

export type JobStatus =
  | 'detected' // seen, not auto-solved (manual mode, paused site, kind off, unsupported)
  | 'queued' // waiting for a slot
  | 'creating' // createTask in flight
  | 'polling' // task created, waiting for the result
  | 'solved' // token delivered to the frame
  | 'failed'
  | 'expired' // the token outlived its ~120 s lifetime before delivery
  | 'cancelled' // tab closed or navigated, widget removed, user cancel
  | 'undelivered'; // solved, but the frame or widget was gone

export const ACTIVE_STATUSES: readonly JobStatus[] = ['queued', 'creating', 'polling'];
export const IN_FLIGHT_STATUSES: readonly JobStatus[] = ['creating', 'polling'];
export const isActive = (j: Job) => ACTIVE_STATUSES.includes(j.status);
export const isInFlight = (j: Job) => IN_FLIGHT_STATUSES.includes(j.status);

export interface Job {
  id: string;
  /** tab|frame|document|widget: the same widget reported again maps to the same job. */
  key: string;
  tabId: number;
  frameId: number;
  documentId?: string;
  frameUrl: string;
  origin: string;
  widget: DetectedWidget;
  kind: WidgetKind;
  status: JobStatus;
  /** Why a job is only `detected` (manual mode, paused…), in user words. */
  note?: string;
  taskType?: string;
  taskId?: string;
  createdAt: number;
  queuedAt?: number;
  createStartedAt?: number;
  taskCreatedAt?: number;
  readyAt?: number;
  filledAt?: number;
  finishedAt?: number;
  nextPollAt?: number;
  polls: number;
  /** Consecutive failed polls (transport); reset by a good reply. */
  transientErrors: number;
  cost?: number;
  provider?: string;
  errorCode?: string;
  errorMessage?: string;
  /** 1, or 2 after the one automatic re-solve (unsolvable / timed out). */
  attempt: number;
  /** Re-solves after the token expired on the page (at most 1). */
  autoResolves: number;
}

export interface HistoryRecord {
  /** Finish time. */
  at: number;
  startedAt?: number;
  jobId: string;
  origin: string;
  kind: WidgetKind;
  taskType?: string;
  taskId?: string;
  status: JobStatus;
  errorCode?: string;
  errorMessage?: string;
  cost: number;
  provider?: string;
  createToReadyMs?: number;
  readyToFilledMs?: number;
  polls: number;
}

export interface Totals {
  today: number;
  week: number;
  allTime: number;
  /** Solved / (solved + failed + expired + undelivered), 0..1; null with no finished task. */
  successRate: number | null;
  count: number;
}

/** A job's identity key: the same widget in the same document is one job. */
export const jobKey = (tabId: number, frameId: number, documentId: string | undefined, widgetId: string) =>
  `${tabId}|${frameId}|${documentId ?? ''}|${widgetId}`;

/** The history record of a finished job. */
export function toHistory(job: Job, now: number): HistoryRecord {
  return {
    at: job.finishedAt ?? now,
    startedAt: job.createStartedAt,
    jobId: job.id,
    origin: job.origin,
    kind: job.kind,
    taskType: job.taskType,
    taskId: job.taskId,
    status: job.status,
    errorCode: job.errorCode,
    errorMessage: job.errorMessage,
    cost: job.cost ?? 0,
    provider: job.provider,
    createToReadyMs: job.readyAt && job.taskCreatedAt ? job.readyAt - job.taskCreatedAt : undefined,
    readyToFilledMs: job.filledAt && job.readyAt ? job.filledAt - job.readyAt : undefined,
    polls: job.polls,
  };
}
