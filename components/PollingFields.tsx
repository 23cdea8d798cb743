import { SETTINGS_BOUNDS } from '@/lib/settings';
import { t } from '@/lib/ui/i18n';
import { boundsProps, NumberField } from './NumberField';
import type { SettingsFieldsProps } from './SolvingFields';
import { Switch } from './Switch';

/**
 * Polling schedule, edited in seconds (stored in milliseconds; bounds: SETTINGS_BOUNDS in lib/settings.ts).
 */
export function PollingFields({ settings, onChange }: SettingsFieldsProps) {
  const p = settings.polling;
  const b = SETTINGS_BOUNDS.polling;
  return (
    <>
      <NumberField
        id="opt-first-delay"
        label={t('firstDelay')}
        hint={t('firstDelayHint')}
        value={p.firstDelayMs}
        {...boundsProps(b.firstDelayMs, 1000)}
        onCommit={(firstDelayMs) => onChange({ polling: { ...p, firstDelayMs } })}
      />
      <NumberField
        id="opt-interval"
        label={t('pollInterval')}
        hint={t('pollIntervalHint')}
        value={p.intervalMs}
        {...boundsProps(b.intervalMs, 1000)}
        onCommit={(intervalMs) => onChange({ polling: { ...p, intervalMs } })}
      />
      <NumberField
        id="opt-timeout"
        label={t('pollTimeout')}
        hint={t('pollTimeoutHint')}
        value={p.timeoutMs}
        {...boundsProps(b.timeoutMs, 1000)}
        onCommit={(timeoutMs) => onChange({ polling: { ...p, timeoutMs } })}
      />
      <Switch
        id="opt-adaptive"
        label={t('adaptivePolling')}
        hint={t('adaptivePollingHint')}
        checked={p.adaptive}
        onChange={(adaptive) => onChange({ polling: { ...p, adaptive } })}
      />
    </>
  );
}
