import { isActive } from '@/lib/solver/jobs';
import { kindLabel } from '@/lib/ui/format';
import { t } from '@/lib/ui/i18n';
import { canSolve } from '@/lib/ui/jobs-view';
import type { Job } from '@/lib/ui/types';
import { JobStatusText } from './JobStatusText';

export interface JobListProps {
  jobs: readonly Job[];
  now: number;
  onSolve(jobId?: string): void;
  onCancel(jobId: string): void;
}

/** This tab's captchas with live status, a "Solve" button for each that can be solved, and "Solve all". */
export function JobList({ jobs, now, onSolve, onCancel }: JobListProps) {
  const solvable = jobs.filter(canSolve).length;
  return (
    <section class="jobs" aria-labelledby="jobs-h">
      <div class="section-head">
        <h2 id="jobs-h">{t('thisPage')}</h2>
        {solvable > 0 && (
          <button type="button" onClick={() => onSolve()}>
            {t('solveAll')}
          </button>
        )}
      </div>
      {jobs.length === 0 ? (
        <p class="muted">{t('noCaptchas')}</p>
      ) : (
        <ul class="job-list" aria-live="polite">
          {jobs.map((job) => (
            <li key={job.id} class="job">
              <span class="kind" id={`job-${job.id}`}>
                {kindLabel(t, job.kind)}
              </span>
              <JobStatusText job={job} now={now} />
              {canSolve(job) && (
                <button
                  type="button"
                  class="small"
                  aria-describedby={`job-${job.id}`}
                  onClick={() => onSolve(job.id)}
                >
                  {t('solve')}
                </button>
              )}
              {isActive(job) && (
                <button
                  type="button"
                  class="small secondary"
                  aria-describedby={`job-${job.id}`}
                  onClick={() => onCancel(job.id)}
                >
                  {t('cancel')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
