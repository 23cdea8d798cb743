/** What the extension pages show of a tab: the popup's `tab:state`, the DevTools panel's `detector:state`. */
import { parseEndpoint } from '@/lib/anysolver/endpoint';
import type { PageRequest, Reply } from '@/lib/messaging';
import { detectorJob } from '@/lib/solver/detector-view';
import { pausedSitesItem, readManaged, readSettings } from '@/lib/storage';
import type { Services } from './services';

/** `tab:state`: the tab's jobs, the totals and cap, paused sites, an account block, what a policy sets. */
export async function tabState(s: Services, m: PageRequest<'tab:state'>): Promise<Reply<'tab:state'>> {
  const [jobs, totals, cap, paused, managed] = await Promise.all([
    s.solver.tabJobs(m.tabId),
    s.solver.totals(),
    s.solver.capStatus(),
    pausedSitesItem.getValue(),
    readManaged(),
  ]);
  return {
    jobs,
    totals,
    cap,
    pausedSites: paused,
    accountBlock: await s.solver.accountBlock(),
    managed: {
      locked: managed.locked,
      keyManaged: managed.clientKey !== undefined,
      settings: managed.settings,
    },
  };
}

/**
 * `detector:state` (the DevTools panel): every job of the tab, its createTask body built as the engine
 * builds it (key redacted: the key never leaves the background), and the settings that decide whether a
 * job starts.
 */
export async function detectorState(
  s: Services,
  m: PageRequest<'detector:state'>,
): Promise<Reply<'detector:state'>> {
  const [jobs, settings, cap, paused, block, key] = await Promise.all([
    s.solver.tabJobs(m.tabId),
    readSettings(),
    s.solver.capStatus(),
    pausedSitesItem.getValue(),
    s.solver.accountBlock(),
    s.keyStore.get(),
  ]);
  const endpoint = parseEndpoint(settings.endpoint);
  const { autoSolve, autoSolveKinds, limits, sites, polling, routing } = settings;
  return {
    jobs: jobs.map((j) => detectorJob(j, routing)),
    endpoint: endpoint.ok ? endpoint.url : settings.endpoint,
    settings: { autoSolve, autoSolveKinds, limits, sites, polling, routing },
    pausedSites: paused,
    cap,
    accountBlock: block ? { code: block.code, notice: block.notice, message: block.message } : null,
    hasKey: Boolean(key),
  };
}
