import { browser } from 'wxt/browser';
import type { Readiness } from '@/lib/messaging';
import { t } from '@/lib/ui/i18n';
import { createSend } from '@/lib/ui/send';
import { readinessTitle, setupMessage } from '@/lib/ui/setup-page';

// Read the config and take it out of the address bar and the history entry at once (it may hold the key).
const message = setupMessage(location.hash);
if (location.hash) history.replaceState(null, '', location.pathname);

const show = (r: Pick<Readiness, 'ready' | 'code'> & Record<string, unknown>) => {
  document.getElementById('readiness')!.textContent = JSON.stringify(r, null, 2);
  document.getElementById('status')!.textContent = r.ready
    ? t('setupReady')
    : t('setupNotReady', r.code ?? '');
  document.title = readinessTitle(r);
};

const heading = document.createElement('h1');
heading.textContent = t('setupTitle');
document.querySelector('main')!.prepend(heading);
const send = createSend(browser.runtime);
if (!message)
  show({
    ready: false,
    code: 'INVALID_CONFIG',
    error: 'The setup hash is not a JSON object {clientKey?, settings?}.',
  });
else
  void send(message)
    .then((r) => show(r as Readiness & Record<string, unknown>))
    .catch((e: unknown) =>
      show({ ready: false, code: 'NO_ANSWER', error: e instanceof Error ? e.message : String(e) }),
    );
