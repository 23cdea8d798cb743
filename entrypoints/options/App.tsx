import { BalanceView } from '@/components/BalanceView';
import { DataPanel } from '@/components/DataPanel';
import { HistoryPanel } from '@/components/HistoryPanel';
import { KeyForm } from '@/components/KeyForm';
import { LimitsFields } from '@/components/LimitsFields';
import { boundsProps, NumberField } from '@/components/NumberField';
import { PollingFields } from '@/components/PollingFields';
import { RoutingFields } from '@/components/RoutingFields';
import { Section } from '@/components/Section';
import { SectionNav } from '@/components/SectionNav';
import { SiteRulesFields } from '@/components/SiteRulesFields';
import { SolvingFields } from '@/components/SolvingFields';
import { SETTINGS_BOUNDS, type Settings } from '@/lib/settings';
import { nextSort } from '@/lib/ui/history-view';
import { t } from '@/lib/ui/i18n';
import { OPTIONS_SECTIONS } from '@/lib/ui/options-sections';
import type { ExportFile, OptionsState } from '@/lib/ui/options-state';
import type { ImportResult } from '@/lib/ui/settings-io';

export interface OptionsAppProps {
  state: OptionsState;
  download(file: ExportFile): void;
}

function importMessage(r: ImportResult): string {
  if (r.ok) return t('importDone');
  if (r.reason === 'notJson') return t('importNotJson');
  if (r.reason === 'wrongFormat') return t('importWrongFormat');
  return t('importInvalidField', r.field ?? '');
}

/** The options page: account, solving, routing, polling, limits, sites, history and data. */
export function App({ state, download }: OptionsAppProps) {
  const settings = state.settings.value;
  const key = state.keyStatus.value;
  const say = (text: string, error = false) => {
    state.notice.value = { text, error };
  };
  const change = async (patch: Partial<Settings>) => {
    const ok = await state.update(patch);
    say(ok ? t('saved') : t('notSaved'), !ok);
  };
  const balance = state.balance.value;

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <p class={state.notice.value?.error ? 'notice error' : 'notice'} role="status">
        {state.notice.value?.text ?? ''}
      </p>
      <SectionNav
        sections={OPTIONS_SECTIONS.map((s) => ({ id: s.id, label: t(s.title) }))}
        ready={!!settings}
      />

      <Section
        id="account"
        title={t('account')}
        intro={key?.hasKey ? t('keySaved', key.masked ?? '') : t('noKeyYet')}
      >
        {settings && (
          <KeyForm
            idPrefix="opt"
            busy={state.saving.value}
            error={state.keyError.value}
            masked={key?.masked}
            endpoint={settings.endpoint}
            onSave={(k, endpoint) => state.saveKey(k, endpoint)}
          />
        )}
        {key?.hasKey && (
          <>
            <BalanceView
              balance={balance === null ? null : { ok: true, balance, at: 0 }}
              onRefresh={() => void state.refreshBalance()}
            />
            <button
              type="button"
              class="secondary"
              disabled={key.managed}
              onClick={() => void state.clearKey()}
            >
              {t('removeKey')}
            </button>
          </>
        )}
      </Section>

      {settings && (
        <>
          <Section id="solving" title={t('solving')}>
            <SolvingFields settings={settings} onChange={change} />
          </Section>
          <Section id="routing" title={t('routing')} intro={t('routingIntro')}>
            <RoutingFields settings={settings} onChange={change} />
          </Section>
          <Section id="polling" title={t('polling')} intro={t('pollingIntro')}>
            <PollingFields settings={settings} onChange={change} />
          </Section>
          <Section id="limits" title={t('limits')}>
            <LimitsFields settings={settings} onChange={change} />
          </Section>
          <Section id="sites" title={t('siteRules')} intro={t('siteRulesIntro')}>
            <SiteRulesFields settings={settings} onChange={change} />
          </Section>
          <Section id="history" title={t('history')}>
            <NumberField
              id="opt-history-limit"
              label={t('historyLimit')}
              value={settings.historyLimit}
              {...boundsProps(SETTINGS_BOUNDS.historyLimit)}
              onCommit={(historyLimit) => void change({ historyLimit })}
            />
            <HistoryPanel
              records={state.visible.value}
              total={state.records.value.length}
              totals={state.totals.value}
              filter={state.filter.value}
              sort={state.sort.value}
              onFilter={(f) => {
                state.filter.value = f;
              }}
              onSort={(k) => {
                state.sort.value = nextSort(state.sort.value, k);
              }}
              onExport={(format) => download(state.exportHistory(format))}
              onClear={() => void state.clearHistory().then(() => say(t('historyCleared')))}
            />
          </Section>
          <Section id="data" title={t('data')}>
            <DataPanel
              onExport={(withKey) => void state.exportSettings(withKey).then(download)}
              onImport={(text) => void state.importSettings(text).then((r) => say(importMessage(r), !r.ok))}
              onClearAll={() => void state.clearAll().then(() => say(t('allCleared')))}
            />
          </Section>
        </>
      )}
    </main>
  );
}
