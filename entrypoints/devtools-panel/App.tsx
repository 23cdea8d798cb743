import { DetectorJobCard } from '@/components/DetectorJobCard';
import type { DetectorStore } from '@/lib/ui/detector-state';
import { whyNotSolved } from '@/lib/ui/detector-view';
import { t } from '@/lib/ui/i18n';

/**
 * The DevTools panel: every widget found in every frame of the inspected tab, with its timeline and tools.
 */
export function App({ store }: { store: DetectorStore }) {
  const state = store.state.value;
  const jobs = store.jobs.value;
  if (store.tabId === null) {
    return (
      <main class="panel">
        <h1>{t('devtoolsTitle')}</h1>
        <p>{t('devtoolsNoTab')}</p>
      </main>
    );
  }
  return (
    <main class="panel" aria-busy={state === null && !store.error.value}>
      <header class="panel-head">
        <h1>{t('devtoolsTitle')}</h1>
        <span class="muted">{t('devtoolsTab', String(store.tabId))}</span>
        {state && <span class="muted">{t('devtoolsEndpoint', state.endpoint)}</span>}
      </header>
      {store.error.value && (
        <p class="error" role="alert">
          {t('devtoolsError', store.error.value)}
        </p>
      )}
      <p class="notice" role="status">
        {store.notice.value ?? ''}
      </p>
      {state === null ? (
        !store.error.value && <p class="muted">{t('loading')}</p>
      ) : jobs.length === 0 ? (
        <p class="muted">{t('noCaptchas')}</p>
      ) : (
        <div class="dj-list">
          {jobs.map((item) => (
            <DetectorJobCard
              key={item.job.id}
              item={item}
              now={store.clock.value}
              why={whyNotSolved(t, item, state)}
              onCopyJson={() => void store.copyJson(item.job.id)}
              onCopyCurl={() => void store.copyCurl(item.job.id)}
              onSolve={() => void store.solve(item.job.id)}
            />
          ))}
        </div>
      )}
    </main>
  );
}
