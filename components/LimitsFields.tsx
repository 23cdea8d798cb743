import { SETTINGS_BOUNDS } from '@/lib/settings';
import { t } from '@/lib/ui/i18n';
import { boundsProps, NumberField } from './NumberField';
import type { SettingsFieldsProps } from './SolvingFields';

/** Spend cap and rate limits (bounds: SETTINGS_BOUNDS in lib/settings.ts). */
export function LimitsFields({ settings, onChange }: SettingsFieldsProps) {
  const l = settings.limits;
  const b = SETTINGS_BOUNDS.limits;
  return (
    <>
      <NumberField
        id="opt-cap"
        label={t('dailyCap')}
        hint={t('dailyCapHint')}
        value={l.dailySpendCapUsd}
        {...boundsProps(b.dailySpendCapUsd)}
        onCommit={(dailySpendCapUsd) => onChange({ limits: { ...l, dailySpendCapUsd } })}
      />
      <NumberField
        id="opt-concurrent"
        label={t('maxConcurrent')}
        value={l.maxConcurrent}
        {...boundsProps(b.maxConcurrent)}
        onCommit={(maxConcurrent) => onChange({ limits: { ...l, maxConcurrent } })}
      />
      <NumberField
        id="opt-per-tab"
        label={t('perTabPerMinute')}
        value={l.perTabPerMinute}
        {...boundsProps(b.perTabPerMinute)}
        onCommit={(perTabPerMinute) => onChange({ limits: { ...l, perTabPerMinute } })}
      />
      <NumberField
        id="opt-per-site"
        label={t('perSitePerHour')}
        value={l.perSitePerHour}
        {...boundsProps(b.perSitePerHour)}
        onCommit={(perSitePerHour) => onChange({ limits: { ...l, perSitePerHour } })}
      />
      <NumberField
        id="opt-per-site-unasked"
        label={t('perSiteNoGesturePerHour')}
        hint={t('perSiteNoGestureHint')}
        value={l.perSiteNoGesturePerHour}
        {...boundsProps(b.perSiteNoGesturePerHour)}
        onCommit={(perSiteNoGesturePerHour) => onChange({ limits: { ...l, perSiteNoGesturePerHour } })}
      />
    </>
  );
}
