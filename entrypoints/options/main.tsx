import { effect } from '@preact/signals';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createKeyStore } from '@/lib/key-store';
import { browserDownloadEnv, downloadText } from '@/lib/ui/export';
import { applyDocumentLocale, t } from '@/lib/ui/i18n';
import { lockedPaths, lockedWithKey } from '@/lib/ui/managed-lock';
import { createOptionsState } from '@/lib/ui/options-state';
import { historyStore, settingsStore } from '@/lib/ui/options-storage';
import { createSend } from '@/lib/ui/send';
import { App } from './App';
import '@/components/theme.css';
import './style.css';

const keyStore = createKeyStore();
const state = createOptionsState({
  send: createSend(browser.runtime),
  settings: settingsStore,
  history: historyStore,
  readKey: () => keyStore.get(),
  now: () => Date.now(),
});
// lang from @@ui_locale, dir from @@bidi_dir (Arabic is right-to-left).
applyDocumentLocale(document);
// What a policy sets is shown disabled, "Set by your administrator" (lib/ui/managed-lock.ts).
effect(() => {
  lockedPaths.value = lockedWithKey(state.locked.value, state.keyStatus.value?.managed);
});
document.title = t('optionsTitle');
render(
  <App state={state} download={(f) => downloadText(browserDownloadEnv(), f.filename, f.text, f.mime)} />,
  document.getElementById('app')!,
);
addEventListener('pagehide', state.start());
