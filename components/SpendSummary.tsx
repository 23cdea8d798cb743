import { formatNumber, formatPercent, formatUsd } from '@/lib/ui/format';
import { t } from '@/lib/ui/i18n';
import type { CapStatus, Totals } from '@/lib/ui/types';

/**
 * Today's spend (paid-but-not-delivered shown apart, and included), the daily cap as the engine counts
 * it, and the success rate; the options page adds the week and all-time figures.
 */
export function SpendSummary({
  totals,
  cap,
  full = false,
}: {
  totals: Totals | null;
  cap?: CapStatus | null;
  full?: boolean;
}) {
  if (!totals) return null;
  return (
    <>
      <dl class="totals">
        <div>
          <dt>{t('spentToday')}</dt>
          <dd>{formatUsd(totals.today)}</dd>
        </div>
        {totals.notDeliveredToday > 0 && (
          <div class="not-delivered">
            <dt>{t('paidNotDelivered')}</dt>
            <dd>{formatUsd(totals.notDeliveredToday)}</dd>
          </div>
        )}
        {cap && (
          <div>
            <dt>{t('capToday')}</dt>
            <dd>{t('capSpent', [formatUsd(cap.spentToday), formatUsd(cap.capUsd)])}</dd>
          </div>
        )}
        {full && (
          <>
            <div>
              <dt>{t('spentWeek')}</dt>
              <dd>{formatUsd(totals.week)}</dd>
            </div>
            {totals.notDeliveredWeek > 0 && (
              <div class="not-delivered">
                <dt>{t('paidNotDeliveredWeek')}</dt>
                <dd>{formatUsd(totals.notDeliveredWeek)}</dd>
              </div>
            )}
            <div>
              <dt>{t('spentAllTime')}</dt>
              <dd>{formatUsd(totals.allTime)}</dd>
            </div>
            <div>
              <dt>{t('taskCount')}</dt>
              <dd>{formatNumber(totals.count)}</dd>
            </div>
          </>
        )}
        <div>
          <dt>{t('successRate')}</dt>
          <dd>{totals.successRate === null ? '—' : formatPercent(totals.successRate)}</dd>
        </div>
      </dl>
      {cap?.reached && (
        <p class="cap-reached" role="status">
          {t('capReached')}
        </p>
      )}
    </>
  );
}
