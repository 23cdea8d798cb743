import { BalanceView } from '@/components/BalanceView';
import { JobList } from '@/components/JobList';
import { KeyForm } from '@/components/KeyForm';
import { PopupHeader } from '@/components/PopupHeader';
import { RecentTasks } from '@/components/RecentTasks';
import { SpendSummary } from '@/components/SpendSummary';
import { Switch } from '@/components/Switch';
import { t } from '@/lib/ui/i18n';
import { lockedPaths } from '@/lib/ui/managed-lock';
import { blockText } from '@/lib/ui/notice-text';
import type { PopupState } from '@/lib/ui/popup-state';

/** The popup: first-run key form, or balance, this tab's captchas, switches, recent tasks and totals. */
export function App({ state, onOpenOptions }: { state: PopupState; onOpenOptions(): void }) {
  const phase = state.phase.value;
  const optionsLink = (
    <a
      class="options-link"
      href="/options.html"
      target="_blank"
      rel="noreferrer"
      onClick={(e) => {
        e.preventDefault();
        onOpenOptions();
      }}
    >
      {t('openOptions')}
    </a>
  );

  if (phase === 'loading') {
    return (
      <main class="popup" aria-busy="true">
        <p class="muted">{t('loading')}</p>
      </main>
    );
  }

  if (phase === 'firstRun') {
    return (
      <main class="popup">
        <h1>{t('welcomeTitle')}</h1>
        <p>{t('welcomeText')}</p>
        <KeyForm
          idPrefix="popup"
          busy={state.saving.value}
          error={state.saveError.value}
          onSave={(key) => state.saveKey(key)}
        />
        {optionsLink}
      </main>
    );
  }

  const origin = state.tab.value?.origin ?? null;
  const block = state.tabState.value?.accountBlock;
  return (
    <main class="popup">
      <PopupHeader badge={state.badge.value} accountBlock={blockText(block)} />
      <BalanceView balance={state.balance.value} onRefresh={() => void state.refreshBalance()} />
      <JobList
        jobs={state.jobs.value}
        now={state.clock.value}
        onSolve={(id) => void state.solve(id)}
        onCancel={(id) => void state.cancel(id)}
      />
      <section class="switches" aria-label={t('controls')}>
        <Switch
          id="auto-solve"
          label={t('autoSolve')}
          checked={state.tabState.value?.managed?.settings.autoSolve ?? state.autoSolve.value}
          onChange={(on) => void state.setAutoSolve(on)}
        />
        <Switch
          id="pause-site"
          label={t('pauseSite')}
          hint={origin ? new URL(origin).host : t('pauseUnavailable')}
          checked={state.paused.value}
          disabled={!origin}
          onChange={(on) => void state.setPaused(on)}
        />
      </section>
      {lockedPaths.value.length > 0 && <p class="hint managed-note">{t('managedSettings')}</p>}
      <RecentTasks records={state.recent.value} />
      <SpendSummary totals={state.totals.value} cap={state.cap.value} />
      {optionsLink}
    </main>
  );
}
