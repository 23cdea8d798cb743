import { t } from '@/lib/ui/i18n';
import { managedNoteId } from '@/lib/ui/managed-lock';

/** "Set by your administrator", under a field a policy sets (the field itself is disabled). */
export function ManagedNote({ id }: { id: string }) {
  return (
    <p id={managedNoteId(id)} class="hint managed-note">
      {t('setByAdmin')}
    </p>
  );
}
