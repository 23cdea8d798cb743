import { elapsedSeconds, formatUsd } from '@/lib/ui/format';
import { t } from '@/lib/ui/i18n';
import type { Job } from '@/lib/ui/types';

/** A job's live status in words: detected, solving for N s, solved with its cost, failed with the reason. */
export function jobStatusText(job: Job, now: number): string {
  switch (job.status) {
    case 'detected':
      // The engine says why a job waits (manual mode, paused site…) in user words.
      return job.note ? t('statusDetectedNote', job.note) : t('statusDetected');
    case 'queued':
      return t('statusQueued');
    case 'creating':
    case 'polling':
      return t('statusSolving', elapsedSeconds(job.taskCreatedAt ?? job.createdAt, now));
    case 'solved':
      return job.cost === undefined ? t('statusSolved') : t('statusSolvedCost', formatUsd(job.cost));
    case 'failed':
      return t('statusFailed', job.errorMessage ?? job.errorCode ?? t('unknownError'));
    case 'expired':
      return t('statusExpired');
    case 'cancelled':
      return t('statusCancelled');
    case 'undelivered':
      return t('statusUndelivered');
  }
}

export function JobStatusText({ job, now }: { job: Job; now: number }) {
  return <span class={`status status-${job.status}`}>{jobStatusText(job, now)}</span>;
}
