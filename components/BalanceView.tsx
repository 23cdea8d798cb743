import { formatUsd } from '@/lib/ui/format';
import { t } from '@/lib/ui/i18n';
import { replyText } from '@/lib/ui/notice-text';
import type { BalanceReply } from '@/lib/ui/types';

/** The account balance, or why it is unknown, with a refresh button. */
export function BalanceView({ balance, onRefresh }: { balance: BalanceReply | null; onRefresh(): void }) {
  return (
    <section class="balance" aria-labelledby="balance-h">
      <h2 id="balance-h">{t('balance')}</h2>
      <p class="balance-value" aria-live="polite">
        {balance === null ? t('loading') : balance.ok ? formatUsd(balance.balance) : replyText(balance)}
      </p>
      <button type="button" class="secondary small" onClick={onRefresh}>
        {t('refreshBalance')}
      </button>
    </section>
  );
}
