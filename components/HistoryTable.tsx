import { costText } from '@/lib/ui/cost-text';
import { formatSeconds, formatTime, kindLabel, siteName } from '@/lib/ui/format';
import type { HistorySort, HistorySortKey } from '@/lib/ui/history-view';
import { t } from '@/lib/ui/i18n';
import { reasonText } from '@/lib/ui/notice-text';
import type { HistoryRecord } from '@/lib/ui/types';

const COLUMNS: Array<{ key: HistorySortKey; label: string }> = [
  { key: 'at', label: 'colTime' },
  { key: 'origin', label: 'colSite' },
  { key: 'kind', label: 'colKind' },
  { key: 'status', label: 'colStatus' },
  { key: 'cost', label: 'colCost' },
  { key: 'duration', label: 'colDuration' },
];

export interface HistoryTableProps {
  records: readonly HistoryRecord[];
  sort: HistorySort;
  onSort(key: HistorySortKey): void;
}

/** The history as a table; each header is a sort button and carries aria-sort. */
export function HistoryTable({ records, sort, onSort }: HistoryTableProps) {
  return (
    <div class="table-wrap">
      <table class="history">
        <caption class="visually-hidden">{t('historyCaption')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                <button type="button" class="th-sort" onClick={() => onSort(c.key)}>
                  {t(c.label)}
                  <span aria-hidden="true">
                    {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              </th>
            ))}
            <th scope="col">{t('colDetails')}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={`${r.at}-${r.taskId ?? r.origin}`}>
              <td>
                <time dateTime={new Date(r.at).toISOString()}>{formatTime(r.at)}</time>
              </td>
              <td>{siteName(r.origin)}</td>
              <td>{kindLabel(t, r.kind)}</td>
              <td class={`status-${r.status}`}>{t(`word_${r.status}`)}</td>
              <td>{costText(t, r)}</td>
              <td>
                {r.createToReadyMs === undefined
                  ? '—'
                  : formatSeconds(r.createToReadyMs + (r.readyToFilledMs ?? 0))}
              </td>
              <td class="details">
                {reasonText(r) ?? r.provider ?? ''}
                {r.errorDescription && <span class="raw">{r.errorDescription}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
