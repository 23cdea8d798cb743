/** The job model: one job per widget, from detection to delivery, and what a finished job leaves behind. */
import type { DetectedWidget, WidgetKind } from '../captcha/types';
import type { Notice } from '../notice';

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
  /**
   * Registrable domain of the frame, and of the tab's top-level page (lib/solver/site.ts): the limits' keys.
   */
  site: string;
  topSite: string;
  /**
   * The widget was reported right after a user gesture in its frame (the content side's word, from
   * `navigator.userActivation`), or the user pressed Solve: starts without one are bounded per site.
   */
  gesture: boolean;
  widget: DetectedWidget;
  kind: WidgetKind;
  status: JobStatus;
  /**
   * For a widget reported from inside a vendor's frame (Turnstile, hCaptcha): the frame and document of
   * the page embedding it, where the page has the widget (the solve events are dispatched there).
   */
  pageFrameId?: number;
  pageDocumentId?: string;
  /** The random id the solve events give this widget (lib/solver/announce.ts): not the job's id or key. */
  eventWidgetId?: string;
  /** Why a job is only `detected` (manual mode, paused…): a message key the pages render (`note_…`). */
  notice?: Notice;
  /** The same in English words, as jobs stored before notices had it (read, never written). */
  note?: string;
  taskType?: string;
  taskId?: string;
  createdAt: number;
  queuedAt?: number;
  createStartedAt?: number;
  taskCreatedAt?: number;
  /** When the task was first seen ready (a poll's time: the true ready time lies before it). */
  readyAt?: number;
  /** The last poll that still answered `processing` (the true ready time lies after it). */
  lastProcessingAt?: number;
  filledAt?: number;
  finishedAt?: number;
  nextPollAt?: number;
  polls: number;
  /**
   * When each of the last polls was asked (at most POLL_TIMES_KEPT, oldest first): the detector view's
   * timeline.
   */
  pollTimes?: number[];
  /** Consecutive failed polls (transport); reset by a good reply. */
  transientErrors: number;
  /** The actual cost (from the API; 0 when it refused or refunded the task). */
  cost?: number;
  /** What this attempt was counted at toward the daily cap when it started (until `cost` is known). */
  estimate?: number;
  provider?: string;
  errorCode?: string;
  /** Why it ended (failed, cancelled…), as a message key and parameters the pages render. */
  errorNotice?: Notice;
  /** The API's own errorDescription, kept as data (shown beside the notice, never translated). */
  errorDescription?: string;
  /** English words, as jobs and records stored before notices had them (read, never written). */
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
  /** For the per-tab rate limit (tab ids are not reused within a browser session). */
  tabId?: number;
  origin: string;
  kind: WidgetKind;
  taskType?: string;
  taskId?: string;
  status: JobStatus;
  errorCode?: string;
  errorNotice?: Notice;
  errorDescription?: string;
  /** Records from before notices: the reason in English words. */
  errorMessage?: string;
  /** What the task cost: the actual cost, or the estimate while it is unknown (`costEstimated`). */
  cost: number;
  /** `cost` is the estimate: the API has not (yet) said what the task cost. */
  costEstimated?: boolean;
  provider?: string;
  createToReadyMs?: number;
  readyToFilledMs?: number;
  polls: number;
}

export interface Totals {
  today: number;
  week: number;
  allTime: number;
  /** Of `today` / `week`: spent on tasks whose token never reached the page (cancelled, undelivered…). */
  notDeliveredToday: number;
  notDeliveredWeek: number;
  /** Solved / (solved + failed + expired + undelivered), 0..1; null with no finished task. */
  successRate: number | null;
  count: number;
}

/** The daily cap as the engine counts it (the spend ledger: not clearable with the history). */
export interface CapStatus {
  capUsd: number;
  spentToday: number;
  /** The next task would pass the cap: nothing starts until tomorrow or a higher cap. */
  reached: boolean;
  /** Why nothing starts, when reached (`err_DAILY_CAP_REACHED`). */
  notice?: Notice;
}

/** Why a job ended: its machine code, what to tell the user, and the API's raw description if any. */
export interface JobError {
  code: string;
  notice: Notice;
  description?: string;
}

/** A job's identity key: the same widget in the same document is one job. */
export const jobKey = (tabId: number, frameId: number, documentId: string | undefined, widgetId: string) =>
  `${tabId}|${frameId}|${documentId ?? ''}|${widgetId}`;

/**
 * What a job's attempt counts as spent: the actual cost when known, else the estimate it was started at
 * (a task the API accepted is paid for, whatever becomes of the job), and nothing if it never started.
 */
export function jobCharge(job: Job): { cost: number; estimated: boolean } {
  if (job.cost !== undefined) return { cost: job.cost, estimated: false };
  if (!job.createStartedAt || !job.estimate) return { cost: 0, estimated: false };
  return { cost: job.estimate, estimated: true };
}

/** Paid for (or counted as paid) but the token never reached the page. */
export const paidNotDelivered = (r: { status: JobStatus; cost: number }) =>
  r.status !== 'solved' && r.cost > 0;

/** The history record of a finished job. */
export function toHistory(job: Job, now: number): HistoryRecord {
  const charged = jobCharge(job);
  return {
    at: job.finishedAt ?? now,
    startedAt: job.createStartedAt,
    jobId: job.id,
    tabId: job.tabId,
    origin: job.origin,
    kind: job.kind,
    taskType: job.taskType,
    taskId: job.taskId,
    status: job.status,
    errorCode: job.errorCode,
    ...(job.errorNotice ? { errorNotice: job.errorNotice } : {}),
    ...(job.errorDescription ? { errorDescription: job.errorDescription } : {}),
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
    cost: charged.cost,
    ...(charged.estimated ? { costEstimated: true } : {}),
    provider: job.provider,
    createToReadyMs: job.readyAt && job.taskCreatedAt ? job.readyAt - job.taskCreatedAt : undefined,
    readyToFilledMs: job.filledAt && job.readyAt ? job.filledAt - job.readyAt : undefined,
    polls: job.polls,
  };
}

/** The fields a finished job gets (pure; the engine assigns them). */
export function finishPatch(status: JobStatus, now: number, error?: JobError): Partial<Job> {
  if (!error) return { status, finishedAt: now, nextPollAt: undefined };
  return {
    status,
    finishedAt: now,
    nextPollAt: undefined,
    errorCode: error.code,
    errorNotice: error.notice,
    errorDescription: error.description,
    errorMessage: undefined,
  };
}

/** The fields that queue a finished job again as a fresh task: a new task id, a fresh clock, same widget. */
export function requeuePatch(job: Job, now: number, attempt: number, reason?: 'expired'): Partial<Job> {
  return {
    status: 'queued',
    queuedAt: now,
    taskId: undefined,
    createStartedAt: undefined,
    taskCreatedAt: undefined,
    readyAt: undefined,
    lastProcessingAt: undefined,
    filledAt: undefined,
    finishedAt: undefined,
    nextPollAt: undefined,
    errorCode: undefined,
    errorNotice: undefined,
    errorDescription: undefined,
    errorMessage: undefined,
    cost: undefined,
    estimate: undefined,
    provider: undefined,
    polls: 0,
    pollTimes: undefined,
    transientErrors: 0,
    notice: undefined,
    note: undefined,
    attempt,
    autoResolves: job.autoResolves + (reason === 'expired' ? 1 : 0),
  };
}

/** Where a widget was reported from (the background's view of the sender, never the page's claim). */
export interface ReportSender {
  tabId: number;
  frameId: number;
  documentId?: string;
  frameUrl: string;
  /** The tab's top-level URL as the browser reports it (frame 0: `frameUrl`). */
  topUrl?: string;
  /** The report follows a user gesture in the frame (default false: see `Job.gesture`). */
  gesture?: boolean;
  /** A vendor frame's report: the embedding page's frame and document (`Job.pageFrameId`). */
  pageFrameId?: number;
  pageDocumentId?: string;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return 'null';
  }
};

/** Why a new job does not start by itself; null when it is queued for auto-solve. */
export type HoldReason = 'unsupported' | 'manual' | 'off' | null;

/** The message keys of the hold reasons (public/_locales: `note_unsupported`, `note_manual`, `note_off`). */
const holdNotice = (hold: Exclude<HoldReason, null>): Notice => ({ key: `note_${hold}` });

/**
 * A new job for a reported widget: queued, or `detected` with a note saying why not. `sites` are the
 * frame's and the top page's registrable domains (lib/solver/site.ts: kept out of this module, which the
 * extension pages import, so the Public Suffix List stays in the background bundle).
 */
export function newJob(
  id: string,
  sender: ReportSender,
  origin: string,
  widget: DetectedWidget,
  hold: HoldReason,
  now: number,
  sites: { site: string; topSite: string } = {
    site: hostOf(sender.frameUrl),
    topSite: hostOf(sender.topUrl ?? sender.frameUrl),
  },
): Job {
  return {
    id,
    key: jobKey(sender.tabId, sender.frameId, sender.documentId, widget.widgetId),
    tabId: sender.tabId,
    frameId: sender.frameId,
    documentId: sender.documentId,
    ...(sender.pageFrameId === undefined
      ? {}
      : { pageFrameId: sender.pageFrameId, pageDocumentId: sender.pageDocumentId }),
    frameUrl: sender.frameUrl,
    origin,
    site: sites.site,
    topSite: sites.topSite,
    gesture: sender.gesture === true,
    widget,
    kind: widget.kind,
    createdAt: now,
    polls: 0,
    transientErrors: 0,
    attempt: 1,
    autoResolves: 0,
    ...(hold ? { status: 'detected', notice: holdNotice(hold) } : { status: 'queued', queuedAt: now }),
  };
}
