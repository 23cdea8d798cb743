import { WIDGET_KINDS } from '@/lib/captcha/types';
import type { Settings } from '@/lib/settings';
import { kindLabel } from '@/lib/ui/format';
import { t } from '@/lib/ui/i18n';
import { AnnounceFields } from './AnnounceFields';
import { Switch } from './Switch';

export interface SettingsFieldsProps {
  settings: Settings;
  onChange(patch: Partial<Settings>): void;
}

/** Auto-solve (master and per kind), auto-submit, the on-page badge and the solve events for scripts. */
export function SolvingFields({ settings, onChange }: SettingsFieldsProps) {
  return (
    <>
      <Switch
        id="opt-auto-solve"
        label={t('autoSolve')}
        hint={t('autoSolveHint')}
        checked={settings.autoSolve}
        onChange={(autoSolve) => onChange({ autoSolve })}
      />
      <fieldset class="kinds" disabled={!settings.autoSolve}>
        <legend>{t('autoSolveKinds')}</legend>
        {WIDGET_KINDS.map((kind) => (
          <Switch
            key={kind}
            id={`opt-kind-${kind}`}
            label={kindLabel(t, kind)}
            checked={settings.autoSolveKinds[kind]}
            onChange={(on) => onChange({ autoSolveKinds: { ...settings.autoSolveKinds, [kind]: on } })}
          />
        ))}
      </fieldset>
      <Switch
        id="opt-auto-submit"
        label={t('autoSubmit')}
        hint={t('autoSubmitHint')}
        checked={settings.autoSubmit}
        onChange={(autoSubmit) => onChange({ autoSubmit })}
      />
      <Switch
        id="opt-badge"
        label={t('showBadge')}
        hint={t('showBadgeHint')}
        checked={settings.showBadge}
        onChange={(showBadge) => onChange({ showBadge })}
      />
      <AnnounceFields settings={settings} onChange={onChange} />
    </>
  );
}
