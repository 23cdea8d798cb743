import type { Settings } from '@/lib/settings';
import { t } from '@/lib/ui/i18n';
import { SelectField } from './SelectField';
import { SiteListField } from './SiteListField';
import type { SettingsFieldsProps } from './SolvingFields';

type Mode = Settings['announce']['mode'];

/** "Announce solving to pages": off, every site, or the sites listed (solve events, docs/solve-events.md). */
export function AnnounceFields({ settings, onChange }: SettingsFieldsProps) {
  const announce = settings.announce;
  return (
    <fieldset class="announce">
      <legend>{t('announce')}</legend>
      <SelectField
        id="opt-announce"
        label={t('announceMode')}
        hint={t('announceHint')}
        value={announce.mode}
        options={[
          { value: 'off', label: t('announceOff') },
          { value: 'all', label: t('announceAll') },
          { value: 'list', label: t('announceList') },
        ]}
        onChange={(mode) => onChange({ announce: { ...announce, mode: mode as Mode } })}
      />
      {announce.mode === 'list' && (
        <SiteListField
          id="opt-announce-sites"
          label={t('announceSites')}
          hint={t('announceSitesHint')}
          patterns={announce.sites}
          onCommit={(sites) => onChange({ announce: { ...announce, sites } })}
        />
      )}
    </fieldset>
  );
}
