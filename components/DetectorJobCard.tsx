import { useState } from 'preact/hooks';
import { timeline, type WhyNot, widgetParams } from '@/lib/ui/detector-view';
import { kindLabel } from '@/lib/ui/format';
import { t, uiLocale } from '@/lib/ui/i18n';
import { canSolve } from '@/lib/ui/jobs-view';
import type { DetectorJob } from '@/lib/ui/types';
import { JobStatusText } from './JobStatusText';

export interface DetectorJobCardProps {
  item: DetectorJob;
  now: number;
  /** Why it is not solved (null for a solved job). */
  why: WhyNot | null;
  onCopyJson(): void;
  onCopyCurl(): void;
  onSolve(): void;
}

/** Seconds after detection, to the millisecond's tenth: `+3.2 s`. */
// One decimal in the locale's digits and separator ("+3,2 s" in de).
const offset = (at: number, from: number) =>
  t(
    'tlOffset',
    new Intl.NumberFormat(uiLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
      (at - from) / 1000,
    ),
  );

/** One widget in the detector view: its parameters, its timeline, its request and what to do about it. */
export function DetectorJobCard({ item, now, why, onCopyJson, onCopyCurl, onSolve }: DetectorJobCardProps) {
  const { job, request } = item;
  const [showWhy, setShowWhy] = useState(false);
  const headId = `dj-${job.id}`;
  const whyId = `why-${job.id}`;
  const steps = timeline(t, job);
  const requestNote = request.ok
    ? null
    : request.reason === 'image'
      ? t('requestImage')
      : request.reason === 'unsupported'
        ? t('requestUnsupported')
        : t('requestInvalid', request.reason);
  return (
    <article class="dj" aria-labelledby={headId} data-job={job.id}>
      <header class="dj-head">
        <h2 id={headId}>{kindLabel(t, job.kind)}</h2>
        <JobStatusText job={job} now={now} />
      </header>
      <div class="dj-body">
        <section aria-label={t('paramsTitle')}>
          <h3>{t('paramsTitle')}</h3>
          <dl class="dj-params">
            {widgetParams(t, item).map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-label={t('timelineTitle')}>
          <h3>{t('timelineTitle')}</h3>
          <ol class="dj-timeline">
            {steps.map((s, i) => (
              <li key={`${i}-${s.at}`}>
                <span class="tl-at">{offset(s.at, job.createdAt)}</span>{' '}
                <span class="tl-label">{s.label}</span>
                {s.detail && <span class="tl-detail muted"> — {s.detail}</span>}
              </li>
            ))}
          </ol>
        </section>
      </div>
      <div class="dj-actions">
        <button
          type="button"
          class="small"
          disabled={!request.ok}
          aria-describedby={headId}
          onClick={onCopyJson}
        >
          {t('copyJson')}
        </button>
        <button
          type="button"
          class="small"
          disabled={!request.ok}
          aria-describedby={headId}
          onClick={onCopyCurl}
        >
          {t('copyCurl')}
        </button>
        <button
          type="button"
          class="small"
          disabled={!canSolve(job)}
          aria-describedby={headId}
          onClick={onSolve}
        >
          {t('solveNow')}
        </button>
        {why && (
          <button
            type="button"
            class="small secondary"
            aria-expanded={showWhy}
            aria-controls={whyId}
            aria-describedby={headId}
            onClick={() => setShowWhy(!showWhy)}
          >
            {t('whyNotSolved')}
          </button>
        )}
      </div>
      {requestNote && <p class="hint">{requestNote}</p>}
      {why && showWhy && (
        <div class="dj-why" id={whyId} role="note">
          <p>{why.reason}</p>
          {why.setting && <p class="hint">{t('whySetting', why.setting)}</p>}
          {why.detail && why.detail !== why.reason && <p class="hint">{why.detail}</p>}
        </div>
      )}
    </article>
  );
}
