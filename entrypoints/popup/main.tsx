import { effect } from '@preact/signals';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { applyDocumentLocale, t } from '@/lib/ui/i18n';
import { lockedPaths, lockedWithKey } from '@/lib/ui/managed-lock';
import { markWhenPainted } from '@/lib/ui/paint';
import { createPopupState } from '@/lib/ui/popup-state';
import { createPopupStorage, resolvePopupTab } from '@/lib/ui/popup-storage';
import { createSend } from '@/lib/ui/send';
import { App } from './App';
import '@/components/theme.css';
import './style.css';

const state = createPopupState({
  send: createSend(browser.runtime),
  storage: createPopupStorage(),
  now: () => Date.now(),
  tab: () => resolvePopupTab(location.search),
});
// What a policy sets is shown disabled, "Set by your administrator" (lib/ui/managed-lock.ts).
effect(() => {
  const managed = state.tabState.value?.managed;
  lockedPaths.value = managed ? lockedWithKey(managed.locked, managed.keyManaged) : [];
});
const root = document.getElementById('app')!;
// lang from @@ui_locale, dir from @@bidi_dir (Arabic is right-to-left).
applyDocumentLocale(document);
document.title = t('extName');
render(
  <App
    state={state}
    onOpenOptions={() => void browser.runtime.openOptionsPage().then(() => window.close())}
  />,
  root,
);
const stop = state.start();
addEventListener('pagehide', stop);
// Time to first render: the first paint that shows real content (not the loading line).
markWhenPainted('popup-first-render', () => state.phase.value !== 'loading');
