import { render } from 'preact';
import { browser } from 'wxt/browser';
import { copyText } from '@/lib/ui/clipboard';
import { createDetectorState, panelTabId } from '@/lib/ui/detector-state';
import { t } from '@/lib/ui/i18n';
import { createSend } from '@/lib/ui/send';
import { App } from './App';
import '@/components/theme.css';
import './style.css';

// Inside DevTools the inspected tab; opened as a page (tests, or by hand) `?tabId=N` names the tab.
const inspected = (browser as { devtools?: { inspectedWindow?: { tabId?: number } } }).devtools
  ?.inspectedWindow?.tabId;
const store = createDetectorState({
  send: createSend(browser.runtime),
  tabId: panelTabId(location.search, inspected),
  onChanged(cb) {
    const listener = () => cb();
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
  copy: (text) => copyText(text),
  t,
  now: () => Date.now(),
});
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('devtoolsTitle');
render(<App store={store} />, document.getElementById('app')!);
const stop = store.start();
addEventListener('pagehide', stop);
