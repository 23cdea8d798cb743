import { t } from '@/lib/ui/i18n';
import { NumberField } from './NumberField';
import type { SettingsFieldsProps } from './SolvingFields';
import { Switch } from './Switch';

/** Polling schedule, edited in seconds (stored in milliseconds; bounds from the settings schema). */
export function PollingFields({ settings, onChange }: SettingsFieldsProps) {
  const p = settings.polling;
  return (
    <>
      <NumberField
        id="opt-first-delay"
        label={t('firstDelay')}
        hint={t('firstDelayHint')}
        value={p.firstDelayMs}
        scale={1000}
        min={1}
        max={30}
        step={0.5}
        integer
        onCommit={(firstDelayMs) => onChange({ polling: { ...p, firstDelayMs } })}
      />
      <NumberField
        id="opt-interval"
        label={t('pollInterval')}
        hint={t('pollIntervalHint')}
        value={p.intervalMs}
        scale={1000}
        min={1}
        max={30}
        step={0.5}
        integer
        onCommit={(intervalMs) => onChange({ polling: { ...p, intervalMs } })}
      />
      <NumberField
        id="opt-timeout"
        label={t('pollTimeout')}
        hint={t('pollTimeoutHint')}
        value={p.timeoutMs}
        scale={1000}
        min={10}
        max={600}
        integer
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
