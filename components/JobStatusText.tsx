import { jobCharge } from '@/lib/solver/jobs';
import { elapsedSeconds, formatUsd } from '@/lib/ui/format';
import { t } from '@/lib/ui/i18n';
import { holdText, reasonText } from '@/lib/ui/notice-text';
import type { Job } from '@/lib/ui/types';

/** A job's live status in words: detected, solving for N s, solved with its cost, failed with the reason. */
export function jobStatusText(job: Job, now: number): string {
  switch (job.status) {
    case 'detected': {
      // The engine says why a job waits (manual mode, paused site…) as a notice.
      const why = holdText(job);
      return why ? t('statusDetectedNote', why) : t('statusDetected');
    }
    case 'queued':
      return t('statusQueued');
    case 'creating':
    case 'polling':
      return t('statusSolving', elapsedSeconds(job.taskCreatedAt ?? job.createdAt, now));
    case 'solved':
      return job.cost === undefined ? t('statusSolved') : t('statusSolvedCost', formatUsd(job.cost));
    case 'failed':
      return paid(job, t('statusFailed', reasonText(job) ?? t('unknownError')));
    case 'expired':
      return paid(job, t('statusExpired'));
    case 'cancelled':
      return paid(job, t('statusCancelled'));
    case 'undelivered':
      return paid(job, t('statusUndelivered'));
  }
}

/** A job that ended without its token but whose task was paid for says so, with what it cost. */
function paid(job: Job, text: string): string {
  const charged = jobCharge(job);
  if (charged.cost <= 0) return text;
  const amount = charged.estimated ? t('costEstimated', formatUsd(charged.cost)) : formatUsd(charged.cost);
  return t('statusPaidNotDelivered', [text, amount]);
}

export function JobStatusText({ job, now }: { job: Job; now: number }) {
  return <span class={`status status-${job.status}`}>{jobStatusText(job, now)}</span>;
}
