/**
 * How the detector view (the DevTools panel) reads a job (pure): its parameters, its timeline, why it
 * was not solved and under which setting, and the request to copy as JSON or as a curl command.
 */
import { describeError } from '@/lib/anysolver/errors';
import { ACT_PREFIX, EXEC_PREFIX } from '@/lib/captcha/recaptcha/detect';
import { siteAllowed } from '@/lib/solver/site-rules';
import { formatUsd, kindLabel, siteName } from './format';
import type { Translate } from './i18n';
import { blockText, holdText, reasonText } from './notice-text';
import type { DetectorJob, DetectorState, Job } from './types';

/** One step of a job's timeline: what happened, when (epoch ms), and a detail line if any. */
export interface TimelineStep {
  label: string;
  at: number;
  detail?: string;
}

/**
 * A job's steps in time order: detected, queued, createTask sent, created, each poll kept, ready, filled,
 * end.
 */
export function timeline(t: Translate, job: Job): TimelineStep[] {
  const steps: TimelineStep[] = [{ label: t('tlDetected'), at: job.createdAt }];
  if (job.queuedAt !== undefined) steps.push({ label: t('tlQueued'), at: job.queuedAt });
  if (job.createStartedAt !== undefined) steps.push({ label: t('tlCreateSent'), at: job.createStartedAt });
  if (job.taskCreatedAt !== undefined)
    steps.push({ label: t('tlCreated'), at: job.taskCreatedAt, detail: job.taskId });
  const times = job.pollTimes ?? [];
  // Only the last polls are kept (lib/solver/poll-outcome.ts POLL_TIMES_KEPT): number them as the engine
  // counted.
  const first = Math.max(1, job.polls - times.length + 1);
  times.forEach((at, i) => {
    const detail = i === 0 && first > 1 ? t('tlPollsDropped', first - 1) : undefined;
    steps.push({ label: t('tlPoll', first + i), at, ...(detail ? { detail } : {}) });
  });
  if (job.readyAt !== undefined) {
    steps.push({
      label: t('tlReady'),
      at: job.readyAt,
      ...(job.provider ? { detail: t('tlProvider', job.provider) } : {}),
    });
  }
  // The frame's reply says the token was handed to the widget; whether the site's callback then ran is
  // not reported back to the extension (lib/captcha/content/controller.ts `fill`), so no step claims it.
  if (job.filledAt !== undefined)
    steps.push({ label: t('tlFilled'), at: job.filledAt, detail: t('tlCallbackUnknown') });
  if (job.finishedAt !== undefined && job.status !== 'solved') {
    const detail = reasonText(job) ?? holdText(job);
    steps.push({
      label: t('tlEnded', t(`word_${job.status}`)),
      at: job.finishedAt,
      ...(detail ? { detail } : {}),
    });
  }
  return steps.sort((a, b) => a.at - b.at);
}

/** The widget's parameters as label/value rows (only those it has). */
export function widgetParams(t: Translate, d: DetectorJob): Array<[string, string]> {
  const { job } = d;
  const w = job.widget;
  const yes = (on: boolean) => (on ? t('yes') : t('no'));
  const invisible =
    job.kind === 'recaptcha-v2-invisible' ||
    job.kind.startsWith('recaptcha-v3') ||
    w.widgetId.startsWith(EXEC_PREFIX);
  const rows: Array<[string, string | undefined]> = [
    [t('paramKind'), kindLabel(t, job.kind)],
    [t('paramSitekey'), w.websiteKey || undefined],
    [t('paramAction'), w.action],
    [t('paramEnterprise'), w.enterprisePayload?.s],
    [t('paramCData'), w.cData],
    [t('paramRqdata'), w.rqdata],
    [t('paramApiDomain'), w.apiDomain],
    ...Object.entries(w.extra ?? {}).map(([k, v]): [string, string] => [k, v]),
    [t('paramImage'), d.imageBytes === undefined ? undefined : t('paramImageBytes', d.imageBytes)],
    [t('paramFrame'), t('paramFrameValue', [job.frameUrl, String(job.frameId)])],
    [t('paramInvisible'), yes(invisible)],
    [t('paramBound'), yes(w.widgetId.startsWith(ACT_PREFIX))],
    [t('paramGesture'), yes(job.gesture)],
    [t('paramWidgetId'), w.widgetId],
    [t('paramTaskType'), job.taskType],
    [t('paramTaskId'), job.taskId],
    [t('paramProvider'), job.provider],
    [t('paramCost'), costText(t, job)],
    [t('paramAttempt'), job.attempt > 1 ? String(job.attempt) : undefined],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
}

function costText(t: Translate, job: Job): string | undefined {
  if (job.cost !== undefined) return formatUsd(job.cost);
  if (job.estimate !== undefined) return t('costEstimated', formatUsd(job.estimate));
  return undefined;
}

/** Why a job is not solved, in user words, and the setting that governs it (null: none does). */
export interface WhyNot {
  reason: string;
  setting: string | null;
  /** The engine's own words when they add something (the limit's numbers at the time, the API's error). */
  detail?: string;
}

/** Why this job is not solved (null for a solved one). Rules are read as they are now. */
export function whyNotSolved(t: Translate, d: DetectorJob, s: DetectorState): WhyNot | null {
  const { job } = d;
  const { limits } = s.settings;
  const options = (section: string) => t('whereOptions', section);
  const host = siteName(job.origin);
  const detail = reasonText(job);
  const account = (message: string) => ({ reason: t('whyAccount', message), setting: options(t('account')) });
  const cap = () => ({ reason: t('whyDailyCap', formatUsd(s.cap.capUsd)), setting: options(t('limits')) });
  switch (job.status) {
    case 'solved':
      return null;
    case 'creating':
    case 'polling':
      return { reason: t('whySolving'), setting: null };
    case 'queued':
      if (!s.hasKey) return { reason: t('whyNoKey'), setting: options(t('account')) };
      if (s.accountBlock) return account(blockText(s.accountBlock) ?? s.accountBlock.code);
      if (s.cap.reached) return cap();
      return { reason: t('whyQueued', limits.maxConcurrent), setting: options(t('limits')) };
    case 'detected':
      if (!d.request.ok && d.request.reason === 'unsupported') {
        return { reason: t('whyUnsupported', kindLabel(t, job.kind)), setting: null };
      }
      if (!s.settings.autoSolve) return { reason: t('whyManual'), setting: t('wherePopup', t('autoSolve')) };
      if (!s.settings.autoSolveKinds[job.kind]) {
        return {
          reason: t('whyKindOff', kindLabel(t, job.kind)),
          setting: options(t('settingsPath', [t('solving'), t('autoSolveKinds')])),
        };
      }
      if (s.pausedSites.includes(job.origin))
        return { reason: t('whyPaused', host), setting: t('wherePopup', t('pauseSite')) };
      if (!siteAllowed(job.origin, s.settings.sites, []))
        return { reason: t('whySiteRule', host), setting: options(t('siteRules')) };
      // The rule that held it was lifted since: it waits for Solve.
      {
        const held = holdText(job);
        return { reason: held ? t('whyHeldThen', held) : t('whyDetected'), setting: null };
      }
    case 'failed':
      return (
        failed(t, job, s, options, account, cap) ?? {
          reason: t('whyFailed', detail ?? job.errorCode ?? t('unknownError')),
          setting: null,
        }
      );
    case 'expired':
      return { reason: t('whyExpired'), setting: null, detail };
    case 'undelivered':
      return { reason: t('whyUndelivered'), setting: null, detail };
    case 'cancelled':
      return { reason: t('whyCancelled', detail ?? t('word_cancelled')), setting: null };
  }
}

/** A failure caused by a limit, the account or the polling timeout: its rule and setting. */
function failed(
  t: Translate,
  job: Job,
  s: DetectorState,
  options: (section: string) => string,
  account: (message: string) => WhyNot,
  cap: () => WhyNot,
): WhyNot | null {
  const { limits } = s.settings;
  const detail = reasonText(job);
  const limit = (reason: string): WhyNot => ({
    reason,
    setting: options(t('limits')),
    ...(detail ? { detail } : {}),
  });
  switch (job.errorCode) {
    case 'RATE_LIMITED_TAB':
      return limit(t('whyTabLimit', [limits.perTabPerMinute, job.site]));
    case 'RATE_LIMITED_SITE':
      return limit(t('whySiteLimit', [limits.perSitePerHour, job.site]));
    case 'RATE_LIMITED_EMBEDDED':
      return limit(t('whyEmbeddedLimit', [limits.perSitePerHour, job.topSite]));
    case 'RATE_LIMITED_NO_GESTURE':
      return limit(t('whyNoGestureLimit', [limits.perSiteNoGesturePerHour, job.site]));
    case 'DAILY_CAP_REACHED':
      return { ...cap(), ...(detail ? { detail } : {}) };
    case 'POLL_TIMEOUT':
      return {
        reason: t('whyTimeout', Math.round(s.settings.polling.timeoutMs / 1000)),
        setting: options(t('polling')),
      };
    case undefined:
      return null;
    default:
      return describeError(job.errorCode).scope === 'account' ? account(detail ?? job.errorCode) : null;
  }
}

/** The createTask body as sent: compact JSON, the client key already a placeholder (the background's). */
export const requestJson = (body: Record<string, unknown>): string => JSON.stringify(body);

const KEY_MARK = '__ANYSOLVER_KEY__';

/**
 * A curl command that sends the same createTask, the key taken from $ANYSOLVER_KEY at run time (never
 * the key itself: the panel never has it). The JSON is single-quoted for POSIX shells.
 */
export function curlCommand(endpoint: string, body: Record<string, unknown>): string {
  const json = JSON.stringify({ ...body, clientKey: KEY_MARK });
  const quoted = `'${json.replace(/'/g, `'\\''`)}'`;
  // clientKey comes first in the body: the first match is it, whatever a page title holds.
  const withVar = quoted.replace(`"${KEY_MARK}"`, `"'"$ANYSOLVER_KEY"'"`);
  return `curl -X POST '${endpoint}/createTask' -H 'content-type: application/json' -d ${withVar}`;
}
