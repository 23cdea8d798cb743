import { WIDGET_KINDS } from '@/lib/captcha/types';
import { kindLabel } from '@/lib/ui/format';
import type { HistoryFilter, HistorySort, HistorySortKey } from '@/lib/ui/history-view';
import { t } from '@/lib/ui/i18n';
import type { HistoryRecord, JobStatus, Totals } from '@/lib/ui/types';
import { HistoryTable } from './HistoryTable';
import { SelectField } from './SelectField';
import { SpendSummary } from './SpendSummary';

const STATUSES: JobStatus[] = ['solved', 'failed', 'expired', 'cancelled', 'undelivered'];

export interface HistoryPanelProps {
  records: readonly HistoryRecord[];
  total: number;
  totals: Totals;
  filter: HistoryFilter;
  sort: HistorySort;
  onFilter(filter: HistoryFilter): void;
  onSort(key: HistorySortKey): void;
  onExport(format: 'csv' | 'json'): void;
  onClear(): void;
}

/** The full history: totals, filters, the sortable table, export and clear. */
export function HistoryPanel(p: HistoryPanelProps) {
  return (
    <>
      <SpendSummary totals={p.totals} full />
      <fieldset class="filters">
        <legend>{t('historyFilters')}</legend>
        <div class="field">
          <label for="hist-text">{t('filterText')}</label>
          <input
            id="hist-text"
            type="search"
            value={p.filter.text}
            onInput={(e) => p.onFilter({ ...p.filter, text: e.currentTarget.value })}
          />
        </div>
        <SelectField
          id="hist-status"
          label={t('filterStatus')}
          value={p.filter.status}
          options={[
            { value: 'all', label: t('any') },
            ...STATUSES.map((s) => ({ value: s, label: t(`word_${s}`) })),
          ]}
          onChange={(v) => p.onFilter({ ...p.filter, status: v as HistoryFilter['status'] })}
        />
        <SelectField
          id="hist-kind"
          label={t('filterKind')}
          value={p.filter.kind}
          options={[
            { value: 'all', label: t('any') },
            ...WIDGET_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) })),
          ]}
          onChange={(v) => p.onFilter({ ...p.filter, kind: v })}
        />
      </fieldset>
      <p class="muted" aria-live="polite">
        {t('historyShown', [p.records.length, p.total])}
      </p>
      {p.total === 0 ? (
        <p class="muted">{t('noHistory')}</p>
      ) : (
        <HistoryTable records={p.records} sort={p.sort} onSort={p.onSort} />
      )}
      <div class="row actions">
        <button type="button" onClick={() => p.onExport('csv')} disabled={p.records.length === 0}>
          {t('exportCsv')}
        </button>
        <button type="button" onClick={() => p.onExport('json')} disabled={p.records.length === 0}>
          {t('exportJson')}
        </button>
        <button type="button" class="secondary" onClick={p.onClear} disabled={p.total === 0}>
          {t('clearHistory')}
        </button>
      </div>
    </>
  );
}
