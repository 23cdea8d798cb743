import { t } from '@/lib/ui/i18n';
import { SiteListField } from './SiteListField';
import type { SettingsFieldsProps } from './SolvingFields';

/** Allow and deny lists (`*` wildcards; deny wins; an empty allow list allows every site). */
export function SiteRulesFields({ settings, onChange }: SettingsFieldsProps) {
  const sites = settings.sites;
  return (
    <div class="two-col">
      <SiteListField
        id="opt-allow"
        label={t('allowList')}
        hint={t('allowListHint')}
        patterns={sites.allow}
        onCommit={(allow) => onChange({ sites: { ...sites, allow } })}
      />
      <SiteListField
        id="opt-deny"
        label={t('denyList')}
        hint={t('denyListHint')}
        patterns={sites.deny}
        onCommit={(deny) => onChange({ sites: { ...sites, deny } })}
      />
    </div>
  );
}
