import { t } from '@/lib/ui/i18n';
import type { ToolbarBadge } from '@/lib/ui/jobs-view';

/** The popup's title with the toolbar badge state: tasks in flight, or an error. */
export function PopupHeader({ badge, accountBlock }: { badge: ToolbarBadge; accountBlock?: string | null }) {
  const text = badge.error
    ? t('badgeError')
    : badge.inFlight > 0
      ? t('badgeInFlight', badge.inFlight)
      : t('badgeIdle');
  return (
    <header class="popup-header">
      <h1>{t('extName')}</h1>
      <p class={`badge-state${badge.error ? ' is-error' : badge.inFlight ? ' is-busy' : ''}`} role="status">
        {text}
      </p>
      {accountBlock && (
        <p class="error" role="alert">
          {accountBlock}
        </p>
      )}
    </header>
  );
}
