import { useEffect, useState } from 'preact/hooks';
import { SETTINGS_LIMITS, SETTINGS_OPTIONS, type Settings } from '@/lib/settings';
import { t } from '@/lib/ui/i18n';
import { useLocked } from '@/lib/ui/managed-lock';
import { ManagedNote } from './ManagedNote';
import { SelectField } from './SelectField';
import type { SettingsFieldsProps } from './SolvingFields';

type SelectionMode = NonNullable<Settings['routing']['selectionMode']>;
type KeyPoolMode = Settings['routing']['keyPoolMode'];

/** Routing: how AnySolver picks a provider, a forced provider, and which provider keys it may use. */
export function RoutingFields({ settings, onChange }: SettingsFieldsProps) {
  const routing = settings.routing;
  const [provider, setProvider] = useState(routing.provider ?? '');
  useEffect(() => setProvider(routing.provider ?? ''), [routing.provider]);
  const mode = routing.selectionMode ?? '';
  const providerLocked = useLocked('opt-provider');
  return (
    <>
      <SelectField
        id="opt-selection"
        label={t('selectionMode')}
        value={mode}
        options={[
          { value: '', label: t('mode_default') },
          ...SETTINGS_OPTIONS.selectionMode.map((m) => ({ value: m, label: t(`mode_${m}`) })),
        ]}
        hint={t(`modeHint_${mode || 'default'}`)}
        onChange={(v) =>
          onChange({ routing: { ...routing, selectionMode: (v || undefined) as SelectionMode | undefined } })
        }
      />
      <div class="field">
        <label for="opt-provider">{t('provider')}</label>
        <input
          id="opt-provider"
          type="text"
          maxLength={SETTINGS_LIMITS.providerMaxLength}
          disabled={providerLocked}
          value={provider}
          aria-describedby={providerLocked ? 'opt-provider-hint opt-provider-managed' : 'opt-provider-hint'}
          onInput={(e) => setProvider(e.currentTarget.value)}
          onChange={(e) =>
            onChange({ routing: { ...routing, provider: e.currentTarget.value.trim() || undefined } })
          }
        />
        <p id="opt-provider-hint" class="hint">
          {t('providerHint')}
        </p>
        {providerLocked && <ManagedNote id="opt-provider" />}
      </div>
      <SelectField
        id="opt-keypool"
        label={t('keyPoolMode')}
        value={routing.keyPoolMode}
        options={[
          { value: 'all', label: t('keyPool_all') },
          { value: 'platformOnly', label: t('keyPool_platformOnly') },
        ]}
        hint={t(`keyPoolHint_${routing.keyPoolMode}`)}
        onChange={(v) => onChange({ routing: { ...routing, keyPoolMode: v as KeyPoolMode } })}
      />
    </>
  );
}
