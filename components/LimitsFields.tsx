import { t } from '@/lib/ui/i18n';
import { NumberField } from './NumberField';
import type { SettingsFieldsProps } from './SolvingFields';

/** Spend cap and rate limits (bounds from the settings schema). */
export function LimitsFields({ settings, onChange }: SettingsFieldsProps) {
  const l = settings.limits;
  return (
    <>
      <NumberField
        id="opt-cap"
        label={t('dailyCap')}
        hint={t('dailyCapHint')}
        value={l.dailySpendCapUsd}
        min={0}
        max={10_000}
        step={0.01}
        onCommit={(dailySpendCapUsd) => onChange({ limits: { ...l, dailySpendCapUsd } })}
      />
      <NumberField
        id="opt-concurrent"
        label={t('maxConcurrent')}
        value={l.maxConcurrent}
        min={1}
        max={50}
        integer
        onCommit={(maxConcurrent) => onChange({ limits: { ...l, maxConcurrent } })}
      />
      <NumberField
        id="opt-per-tab"
        label={t('perTabPerMinute')}
        value={l.perTabPerMinute}
        min={1}
        max={100}
        integer
        onCommit={(perTabPerMinute) => onChange({ limits: { ...l, perTabPerMinute } })}
      />
      <NumberField
        id="opt-per-site"
        label={t('perSitePerHour')}
        value={l.perSitePerHour}
        min={1}
        max={1000}
        integer
        onCommit={(perSitePerHour) => onChange({ limits: { ...l, perSitePerHour } })}
      />
      <NumberField
        id="opt-per-site-unasked"
        label={t('perSiteNoGesturePerHour')}
        hint={t('perSiteNoGestureHint')}
        value={l.perSiteNoGesturePerHour}
        min={1}
        max={1000}
        integer
        onCommit={(perSiteNoGesturePerHour) => onChange({ limits: { ...l, perSiteNoGesturePerHour } })}
      />
    </>
  );
}
