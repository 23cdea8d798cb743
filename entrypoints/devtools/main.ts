import { browser } from 'wxt/browser';
import { t } from '@/lib/ui/i18n';

// The DevTools page (manifest `devtools_page`): it only adds the AnySolver panel (devtools-panel.html).
// Outside DevTools (the page opened by hand) there is no devtools API: nothing to do.
const panels = (browser as { devtools?: { panels?: typeof browser.devtools.panels } }).devtools?.panels;
if (panels) void panels.create(t('devtoolsPanelName'), 'icon/32.png', 'devtools-panel.html');
