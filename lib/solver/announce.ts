/**
 * Solve events for scripts (opt-in, off by default: Options → Solving → "Announce solving to pages").
 * The one module that decides what a page is told (docs/solve-events.md): the event name, the payload,
 * which engine step becomes which event, where it is dispatched, and the self-contained function that
 * dispatches it. With the setting off nothing here injects anything: the page sees nothing new.
 */
import { describeError, ERROR_TABLE } from '../anysolver/errors';
import type { WidgetKind } from '../captcha/types';
import { noticeWords } from '../notice-words';
import type { Settings } from '../settings';
import { type Job, type JobStatus, jobCharge } from './jobs';
import { matchesHostPattern } from './site-rules';

/** The one event type, dispatched on the window of the frame that has the widget. */
export const SOLVE_EVENT = 'anysolver:captcha';
/** Bumped when a field changes meaning or goes away (new fields do not bump it). */
export const SOLVE_EVENT_VERSION = 1;

export type SolveStep = 'detected' | 'solving' | 'solved' | 'failed' | 'expired' | 'limited';

/**
 * The event's `detail`, as a JSON string (a string crosses from the extension's world to the page's in both
 * browsers).
 */
export interface SolveEvent {
  v: typeof SOLVE_EVENT_VERSION;
  step: SolveStep;
  /**
   * Random per widget (the same in every event of that widget, re-solves included); nothing else is derived
   * from it.
   */
  widgetId: string;
  kind: WidgetKind;
  /**
   * The widget's public site key, as the page's own markup or call gave it (empty for image captchas:
   * absent).
   */
  sitekey?: string;
  /** AnySolver's task id (from `solving` on; a re-solve has a new one). */
  taskId?: string;
  provider?: string;
  /** USD: what the task cost, or (costEstimated) what it is counted at until the API says. */
  cost?: number;
  costEstimated?: true;
  /** ms from the moment this attempt's createTask was sent to this step. */
  durationMs?: number;
  error?: { code: string; message: string };
  /** failed / expired: the extension tries once more by itself (a new `solving` follows). */
  retrying?: true;
  /** solved: the token the extension just put into this page (its fields, its callback). */
  token?: string;
  /** Epoch ms when the step happened. */
  at: number;
}

/** What an engine step adds to the job's own fields. */
export interface StepInfo {
  /** The error code when the job does not carry it (a hold at detection, a page-side expiry). */
  code?: string;
  retrying?: boolean;
  token?: string;
}

/** The engine's hook: called in order for each step of a job. */
/** `settings`: the snapshot the step already read, if any (else the announcer reads them). */
export type Announce = (job: Job, step: SolveStep, info?: StepInfo, settings?: Settings) => void;

/** The limits that stop a job (lib/solver/limits.ts) and the holds at detection: `limited`, not `failed`. */
const LIMITED_CODES = new Set([
  'RATE_LIMITED_TAB',
  'RATE_LIMITED_SITE',
  'RATE_LIMITED_EMBEDDED',
  'RATE_LIMITED_NO_GESTURE',
  'DAILY_CAP_REACHED',
  'MANUAL_MODE',
  'AUTO_SOLVE_OFF',
  'UNSUPPORTED',
]);

/** Why a new job is held (engine.ts `HoldReason`), as an event code. */
export const HOLD_CODES = {
  manual: 'MANUAL_MODE',
  off: 'AUTO_SOLVE_OFF',
  unsupported: 'UNSUPPORTED',
} as const;

/**
 * The words a page gets for a code: fixed per code, never the job's own message (a limit's names the
 * top site, which an embedded frame must not learn from us; a settings value is none of the page's business).
 */
const EVENT_MESSAGES: Record<string, string> = {
  RATE_LIMITED_TAB: 'A per-tab rate limit of the extension stopped this captcha.',
  RATE_LIMITED_SITE: 'The per-site hourly limit of the extension stopped this captcha.',
  RATE_LIMITED_EMBEDDED: 'The hourly limit for embedded frames stopped this captcha.',
  RATE_LIMITED_NO_GESTURE: 'The hourly limit for captchas solved without a click stopped this one: click it.',
  DAILY_CAP_REACHED: "The user's daily spending cap is reached.",
  MANUAL_MODE: 'Auto-solve is off: the user solves from the toolbar popup.',
  AUTO_SOLVE_OFF: 'Auto-solve is off for this site or captcha type.',
  UNSUPPORTED: 'This captcha type is not solved by the extension.',
  TOKEN_EXPIRED: 'The token expired.',
  UNDELIVERED: 'Solved, but the captcha was gone from the page.',
  CANCELLED: 'Cancelled.',
  INTERRUPTED: 'Interrupted while creating the task.',
  INVALID_WIDGET: 'This widget cannot be solved.',
  POLL_TIMEOUT: 'No result in time.',
  UNEXPECTED: 'Something went wrong while solving.',
};

/**
 * The page's words for an error code: the extension's own codes in fixed English (above); an API error
 * code in the words the popup shows for it, in the browser's language (scripts branch on `code`).
 */
export function eventMessage(code: string): string {
  return (
    EVENT_MESSAGES[code] ??
    ((ERROR_TABLE[code] && noticeWords(describeError(code).notice)) ||
      `The captcha was not solved (${code}).`)
  );
}

/** Which event a job's final status is (ctx.finish); null: none. */
export function finishStep(status: JobStatus, code: string | undefined): SolveStep | null {
  if (status === 'solved') return 'solved';
  if (status === 'expired') return 'expired';
  if (status === 'failed') return code && LIMITED_CODES.has(code) ? 'limited' : 'failed';
  if (status === 'undelivered' || status === 'cancelled') return 'failed';
  return null;
}

/** A fresh per-widget id for the events (16 hex digits). */
export function newEventWidgetId(): string {
  const b = crypto.getRandomValues(new Uint8Array(8));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** The event for one step of a job, from the job as it is now (pure). */
export function solveEvent(job: Job, step: SolveStep, info: StepInfo, at: number): SolveEvent {
  const ev: SolveEvent = {
    v: SOLVE_EVENT_VERSION,
    step,
    widgetId: job.eventWidgetId ?? job.id,
    kind: job.kind,
    at,
  };
  if (job.widget.websiteKey && job.kind !== 'image-text') ev.sitekey = job.widget.websiteKey;
  if (job.taskId) ev.taskId = job.taskId;
  if (job.provider) ev.provider = job.provider;
  if (job.createStartedAt) {
    const charge = jobCharge(job);
    ev.cost = charge.cost;
    if (charge.estimated) ev.costEstimated = true;
    ev.durationMs = Math.max(0, at - job.createStartedAt);
  }
  const code = info.code ?? job.errorCode;
  if ((step === 'failed' || step === 'expired' || step === 'limited') && code)
    ev.error = { code, message: eventMessage(code) };
  if ((step === 'failed' || step === 'expired') && info.retrying) ev.retrying = true;
  if (step === 'solved' && info.token) ev.token = info.token;
  return ev;
}

/**
 * The frame (and document) where the page has the widget: for a vendor's frame agent, the page embedding it.
 */
export interface AnnounceTarget {
  tabId: number;
  frameId: number;
  documentId?: string;
  /** That frame's origin: the event is dropped when the frame holds another origin by now. */
  origin: string;
}
export function eventTarget(job: Job): AnnounceTarget {
  return job.pageFrameId === undefined
    ? { tabId: job.tabId, frameId: job.frameId, documentId: job.documentId, origin: job.origin }
    : { tabId: job.tabId, frameId: job.pageFrameId, documentId: job.pageDocumentId, origin: job.origin };
}

/** Is the setting on for a frame of `origin`? (`list`: host patterns as in the site rules.) */
export function announcedOn(setting: Settings['announce'], origin: string): boolean {
  if (setting.mode === 'off') return false;
  if (setting.mode === 'all') return true;
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return false;
  }
  return setting.sites.some((p) => matchesHostPattern(host, p));
}

/**
 * Self-contained (serialized by the browser), run in the extension's isolated world of the target frame:
 * dispatch one event on the page's window. A frame that holds another origin by now gets nothing (Firefox
 * targets frames, not documents). Page listeners' exceptions go to the page's own error handler; nothing
 * else can throw.
 */
export function dispatchSolveEvent(name: string, detail: string, origin: string): boolean {
  try {
    if (location.origin !== origin) return false;
    window.dispatchEvent(new CustomEvent(name, { detail }));
    return true;
  } catch {
    return false;
  }
}

export interface AnnouncerDeps {
  readSettings: () => Promise<Settings>;
  now: () => number;
  /** Run dispatchSolveEvent in the target (scripting.executeScript). */
  dispatch: (target: AnnounceTarget, name: string, detail: string) => Promise<unknown>;
}

/**
 * The engine's `announce` hook: snapshots the event at once (the job changes after), and dispatches each
 * job's events one after another, in the order of its steps. Off for the frame's site: no injection.
 */
export function createAnnouncer(deps: AnnouncerDeps): Announce {
  const chains = new Map<string, Promise<void>>();
  return (job, step, info = {}, settings) => {
    const detail = JSON.stringify(solveEvent(job, step, info, deps.now()));
    const target = eventTarget(job);
    const send = async () => {
      const { announce } = settings ?? (await deps.readSettings());
      if (!announcedOn(announce, target.origin)) return;
      await deps.dispatch(target, SOLVE_EVENT, detail);
    };
    const next = (chains.get(job.id) ?? Promise.resolve()).then(() => send().catch(() => undefined));
    chains.set(job.id, next);
    void next.finally(() => {
      if (chains.get(job.id) === next) chains.delete(job.id);
    });
  };
}
