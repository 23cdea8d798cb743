/**
 * The background's table of contents: one line per message, each calling a lib/background function.
 * Typed against the protocol map (lib/messaging.ts): a handler returning the wrong reply does not compile.
 */
import { setupApply, setupStatus } from '@/lib/background/automation';
import { getBalance } from '@/lib/background/balance';
import { clearAllData, pauseSite } from '@/lib/background/data';
import type { ContentHandlers, PageHandlers } from '@/lib/background/handler-types';
import { clearKey, keyStatus, saveKey } from '@/lib/background/keys';
import { reportWidgets } from '@/lib/background/report';
import { detectorState, tabState } from '@/lib/background/views';

/** Content-script messages: a content script can only report what it saw; the engine decides. */
export const contentHandlers: ContentHandlers = {
  'widgets:found': (s, m, from) => reportWidgets(s, m, from),
  'widgets:gone': (s, m, from) => s.solver.widgetsGone(from.tabId, from.frameId, m.widgetIds),
  'widget:expired': (s, m, from) => s.solver.expired(from.tabId, from.frameId, m.widgetId),
};

/** Extension-page messages (popup, options, DevTools panel, the automation setup page). */
export const pageHandlers: PageHandlers = {
  'key:save': saveKey,
  'key:clear': clearKey,
  'key:status': keyStatus,
  'balance:get': getBalance,
  'tab:state': tabState,
  'detector:state': detectorState,
  solve: (s, m) => (m.jobId ? s.solver.solve(m.jobId) : s.solver.solveTab(m.tabId)),
  'job:cancel': (s, m) => s.solver.cancel(m.jobId),
  'site:pause': (_s, m) => pauseSite(m),
  'history:clear': (s) => s.solver.clearHistory(),
  // The context menu's code path (setup.ts), also reachable from extension pages.
  'image:solve': (s, m) => s.image.solveImage(m.tabId, m.frameId, m.srcUrl),
  'data:clearAll': clearAllData,
  'setup:apply': setupApply,
  'setup:status': setupStatus,
};
