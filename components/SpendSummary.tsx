import { formatPercent, formatUsd } from '@/lib/ui/format';
import { t } from '@/lib/ui/i18n';
import type { Totals } from '@/lib/ui/types';

/** Today's spend and the success rate (the options page adds the week and all-time figures). */
export function SpendSummary({ totals, full = false }: { totals: Totals | null; full?: boolean }) {
  if (!totals) return null;
  return (
    <dl class="totals">
      <div>
        <dt>{t('spentToday')}</dt>
        <dd>{formatUsd(totals.today)}</dd>
      </div>
      {full && (
        <>
          <div>
            <dt>{t('spentWeek')}</dt>
            <dd>{formatUsd(totals.week)}</dd>
          </div>
          <div>
            <dt>{t('spentAllTime')}</dt>
            <dd>{formatUsd(totals.allTime)}</dd>
          </div>
          <div>
            <dt>{t('taskCount')}</dt>
            <dd>{totals.count}</dd>
          </div>
        </>
      )}
      <div>
        <dt>{t('successRate')}</dt>
        <dd>{totals.successRate === null ? '—' : formatPercent(totals.successRate)}</dd>
      </div>
    </dl>
  );
}
