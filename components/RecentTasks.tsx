import { costText } from '@/lib/ui/cost-text';
import { formatTime, kindLabel, siteName } from '@/lib/ui/format';
import { t } from '@/lib/ui/i18n';
import type { HistoryRecord } from '@/lib/ui/types';

/** The last finished tasks: site, kind, status, cost and time. */
export function RecentTasks({ records }: { records: readonly HistoryRecord[] }) {
  return (
    <section class="recent" aria-labelledby="recent-h">
      <h2 id="recent-h">{t('recentTasks')}</h2>
      {records.length === 0 ? (
        <p class="muted">{t('noHistory')}</p>
      ) : (
        <ul class="recent-list">
          {records.map((r) => (
            <li key={`${r.at}-${r.taskId ?? r.origin}`}>
              <span class="site">{siteName(r.origin)}</span>
              <span class="kind">{kindLabel(t, r.kind)}</span>
              <span class={`status status-${r.status}`}>{t(`word_${r.status}`)}</span>
              <span class="cost">{costText(t, r)}</span>
              <time dateTime={new Date(r.at).toISOString()}>{formatTime(r.at)}</time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
