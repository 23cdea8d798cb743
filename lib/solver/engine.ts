/**
 * The solve engine: owns every job from detection to delivery. State lives in storage, never only in
 * memory: MV3 stops the worker at will, so every entry point is idempotent and safe after a restart.
 * Parts: starter.ts (limits, createTask exactly once), runner.ts (timers, watchdog, polls, delivery),
 * poll-outcome.ts (what a reply means), store.ts (serialized storage).
 */
import { isSolvableKind } from '../anysolver/task-types';
import type { DetectedWidget } from '../captcha/types';
import { HOLD_CODES, newEventWidgetId } from './announce';
import { createContext, type SolverDeps } from './context';
import { computeTotals } from './history';
import {
  type CapStatus,
  type HoldReason,
  isActive,
  type Job,
  jobKey,
  newJob,
  type ReportSender,
  requeuePatch,
} from './jobs';
import { spentToday } from './ledger';
import { capNotice, MAX_JOBS_PER_TAB, MAX_JOBS_PER_TAB_TOTAL } from './limits';
import { createRunner } from './runner';
import { reportSites } from './site';
import { siteAllowed } from './site-rules';
import { createStarter } from './starter';

export type { SolverDeps } from './context';
export type { ReportSender } from './jobs';
export { TOKEN_MAX_AGE_MS, WATCHDOG_ALARM } from './runner';

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
};

/** Create the engine. One per worker lifetime; all state is in storage. */
export function createSolver(deps: SolverDeps) {
  const ctx = createContext(deps);
  const { store, busy } = ctx;
  const { accountBlock, history, pausedSites, tabJobCounts } = store.items;
  const { now } = deps;
  const runner = createRunner(ctx, { pump: () => starter.pump(), resolveAgain: (id) => requeue(id, 2) });
  const starter = createStarter(ctx, runner.schedule);

  /**
   * Queue a finished job again as a fresh task (manual solve, the one automatic re-solve, page expiry).
   * `gesture`: the user asked (Solve pressed); otherwise the job keeps what it had.
   */
  async function requeue(id: string, attempt: number, reason?: 'expired', gesture?: boolean) {
    await store.mutate((jobs) => {
      const j = jobs[id];
      if (!j || isActive(j)) return;
      // The page's token expired and is solved again: the event, from the solved job, comes first.
      if (reason === 'expired') deps.announce?.(j, 'expired', { code: 'TOKEN_EXPIRED', retrying: true });
      Object.assign(j, requeuePatch(j, now(), attempt, reason));
      if (gesture) j.gesture = true;
      else if (reason === 'expired') j.gesture = false; // nobody asked for this one
      deps.notify(j);
    });
    await starter.pump();
  }

  /**
   * `why`: the message key of the reason (`err_tabClosed`…). `churned`: the page removed the widget (or
   * its frame) before its token — the limits count it twice. `quiet`: the page is gone (navigated, tab
   * closed): no solve event.
   */
  async function cancelWhere(
    match: (j: Job) => boolean,
    why: string,
    drop: boolean | ((j: Job) => boolean) = false,
    churned = false,
    quiet = false,
  ) {
    // Navigations of every frame of every tab come here: when no job matches (nearly always), a read
    // and nothing else — no write, no badge update, no queue pump.
    if (!Object.values(await store.all()).some(match)) return;
    await store.mutate(async (jobs) => {
      for (const j of Object.values(jobs)) {
        if (!match(j)) continue;
        if (isActive(j) || j.status === 'detected')
          await ctx.finish(j, 'cancelled', { code: 'CANCELLED', notice: { key: why } }, { churned, quiet });
        if (typeof drop === 'function' ? drop(j) : drop) delete jobs[j.id];
      }
      runner.schedule(jobs);
      await ctx.refreshBadge(jobs);
    });
    await starter.pump();
  }

  /** Lift an account block (the user acted: new key, settings, a manual solve) and start what waits. */
  async function unblock() {
    await accountBlock.setValue(null);
    await ctx.refreshBadge(await store.all());
  }

  return {
    /**
     * Widgets a content script reported: one job each (idempotent by widget), queued when auto-solve applies.
     */
    async report(sender: ReportSender, widgets: DetectedWidget[]): Promise<Job[]> {
      const settings = await deps.readSettings();
      const paused = await pausedSites.getValue();
      const origin = originOf(sender.frameUrl);
      const siteOk = siteAllowed(origin, settings.sites, paused);
      const created = await store.mutate(async (jobs) => {
        const out: Job[] = [];
        const counts = { ...(await tabJobCounts.getValue()) };
        // Per frame site (an ad frame cannot use up the page's own budget), and all sites of the tab
        // together.
        const sites = reportSites(sender);
        const siteKey = `${sender.tabId}|${sites.site}`;
        let siteCount = counts[siteKey] ?? 0;
        let tabCount = counts[sender.tabId] ?? 0;
        for (const widget of widgets) {
          const key = jobKey(sender.tabId, sender.frameId, sender.documentId, widget.widgetId);
          const existing = Object.values(jobs).find((j) => j.key === key);
          if (existing) {
            // fresher details for a manual solve
            if (existing.status === 'detected') existing.widget = widget;
            continue;
          }
          // a page cannot spend without bound
          if (siteCount >= MAX_JOBS_PER_TAB || tabCount >= MAX_JOBS_PER_TAB_TOTAL) break;
          siteCount++;
          tabCount++;
          const hold: HoldReason = !isSolvableKind(widget.kind)
            ? 'unsupported'
            : !settings.autoSolve
              ? 'manual'
              : !settings.autoSolveKinds[widget.kind] || !siteOk
                ? 'off'
                : null;
          const job = newJob(
            `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
            sender,
            origin,
            widget,
            hold,
            now(),
            sites,
          );
          job.eventWidgetId = newEventWidgetId();
          jobs[job.id] = job;
          // The settings this report read: no step reads them again.
          deps.notify(job, settings);
          deps.announce?.(job, 'detected', {}, settings);
          if (hold) deps.announce?.(job, 'limited', { code: HOLD_CODES[hold] }, settings);
          out.push(job);
        }
        if (out.length)
          await tabJobCounts.setValue({ ...counts, [sender.tabId]: tabCount, [siteKey]: siteCount });
        await ctx.refreshBadge(jobs);
        return out;
      });
      await starter.pump();
      return created;
    },
    widgetsGone: (tabId: number, frameId: number, ids: string[]) =>
      cancelWhere(
        (j) => j.tabId === tabId && j.frameId === frameId && ids.includes(j.widget.widgetId),
        'err_widgetRemoved',
        false,
        true,
      ),
    /** The page's token expired with the widget still there: one re-solve if auto-solve is on, never more. */
    async expired(tabId: number, frameId: number, widgetId: string) {
      const settings = await deps.readSettings();
      const job = Object.values(await store.all()).find(
        (j) =>
          j.tabId === tabId &&
          j.frameId === frameId &&
          j.widget.widgetId === widgetId &&
          j.status === 'solved',
      );
      if (!job || job.autoResolves >= 1) return;
      // Only while auto-solve still applies here: the user may have paused the site since.
      const allowed = siteAllowed(job.origin, settings.sites, await pausedSites.getValue());
      if (!settings.autoSolve || !settings.autoSolveKinds[job.kind] || !allowed) return;
      await requeue(job.id, 1, 'expired');
    },
    /** Manual solve (popup): allowed after any failure, INTERRUPTED included; the limits still apply. */
    async solve(jobId: string) {
      const job = await store.get(jobId);
      if (!job || isActive(job) || !isSolvableKind(job.kind)) return;
      await unblock();
      await requeue(jobId, 1, undefined, true);
    },
    /** Solve every unsolved widget of a tab (keyboard shortcut, context menu, popup). */
    async solveTab(tabId: number) {
      const jobs = Object.values(await store.all()).filter(
        (j) => j.tabId === tabId && !isActive(j) && j.status !== 'solved' && isSolvableKind(j.kind),
      );
      if (jobs.length) await unblock();
      for (const j of jobs) await requeue(j.id, 1, undefined, true);
    },
    cancel: (jobId: string) => cancelWhere((j) => j.id === jobId, 'err_cancelledByUser'),
    async onTabRemoved(tabId: number) {
      await cancelWhere((j) => j.tabId === tabId, 'err_tabClosed', true, false, true);
      const counts = await tabJobCounts.getValue();
      const rest = Object.fromEntries(
        Object.entries(counts).filter(([k]) => k !== String(tabId) && !k.startsWith(`${tabId}|`)),
      );
      await tabJobCounts.setValue(rest);
    },
    /**
     * Frame 0 is the whole tab: its jobs are dropped; a subframe's are cancelled, and dropped too when keyed
     * by the frame alone (no documentId: Firefox ESR 140), or the new document's same widget would match
     * the old job's key and never be solved.
     */
    /**
     * A frame committed a document (`documentId`: the new one, where the browser says). Its own jobs stay:
     * the commit can reach the worker after the new document's widget did (a loaded machine).
     */
    onNavigated: async (tabId: number, frameId: number, documentId?: string) =>
      (await store.mayHaveJobs(tabId)) &&
      cancelWhere(
        (j) =>
          j.tabId === tabId &&
          (frameId === 0 || j.frameId === frameId) &&
          (documentId === undefined || j.documentId !== documentId),
        'err_navigatedAway',
        (j) => frameId === 0 || !j.documentId,
        true,
        true,
      ),
    /** The watchdog woke the worker: poll whatever is due. */
    onAlarm: async (_alarm: { name: string }) => runner.pollDue(),
    /** Worker start or wake: fail interrupted creates, re-arm timers, poll what is due, start queued jobs. */
    async resume() {
      const live = deps.liveTabs ? new Set(await deps.liveTabs().catch(() => null)) : null;
      await runner.loadSettle();
      await store.mutate(async (jobs) => {
        for (const j of Object.values(jobs)) {
          if (live && !live.has(j.tabId)) {
            // The tab is gone (the browser was closed with jobs in flight): never pay for it.
            if (isActive(j) || j.status === 'detected')
              await ctx.finish(
                j,
                'cancelled',
                { code: 'CANCELLED', notice: { key: 'err_tabClosed' } },
                { quiet: true },
              );
            delete jobs[j.id];
            continue;
          }
          if (j.status !== 'creating' || busy.has(j.id)) continue;
          await ctx.finish(j, 'failed', { code: 'INTERRUPTED', notice: { key: 'err_INTERRUPTED' } });
        }
        runner.schedule(jobs);
        await ctx.refreshBadge(jobs);
      });
      await runner.pollDue();
      await starter.pump();
    },
    /** The key or settings changed: lift an account block and start what waits. */
    async accountChanged() {
      await unblock();
      await starter.pump();
    },
    /** Why new tasks are refused (account error), or null. */
    accountBlock: () => accountBlock.getValue(),
    tabJobs: async (tabId: number) =>
      Object.values(await store.all())
        .filter((j) => j.tabId === tabId)
        .sort((a, b) => a.createdAt - b.createdAt),
    clearHistory: () => history.setValue([]),
    totals: async () => computeTotals(await history.getValue(), now()),
    /** The daily cap as the limits count it (every start today, delivered or not). */
    async capStatus(): Promise<CapStatus> {
      const capUsd = (await deps.readSettings()).limits.dailySpendCapUsd;
      const spent = spentToday(await store.readLedger(), now());
      const reached = spent + (await store.cheapestEstimate()) > capUsd + 1e-9;
      return { capUsd, spentToday: spent, reached, ...(reached ? { notice: capNotice(capUsd) } : {}) };
    },
  };
}

export type Solver = ReturnType<typeof createSolver>;
