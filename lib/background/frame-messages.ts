/**
 * What the background tells a job's frame (lib/messaging.ts BackgroundToContent): the token (`fill`, whose
 * reply `true` is the frame showing it solved) and the job's status while it is not solved. So a solved
 * token costs the frame one message: the fill.
 */
import type { BackgroundToContent } from '@/lib/messaging';
import type { Settings } from '@/lib/settings';
import { isActive, type Job } from '@/lib/solver/jobs';

export interface FrameMessageDeps {
  send(tabId: number, frameId: number, message: BackgroundToContent, documentId?: string): Promise<unknown>;
  readSettings(): Promise<FrameSettings>;
}

/** The settings the frame messages carry. */
type FrameSettings = Pick<Settings, 'autoSubmit' | 'showBadge'>;

export function createFrameMessages(d: FrameMessageDeps) {
  return {
    /**
     * The token into the exact frame and document that reported the widget; true when it was filled.
     * `settings`: the engine's snapshot for this step (lib/solver/README.md), read here only without one.
     */
    async deliver(job: Job, token: string, snapshot?: FrameSettings): Promise<boolean> {
      const settings = snapshot ?? (await d.readSettings());
      const message: BackgroundToContent = {
        type: 'fill',
        widgetId: job.widget.widgetId,
        kind: job.kind,
        token,
        autoSubmit: settings.autoSubmit,
        showBadge: settings.showBadge,
      };
      return (await d.send(job.tabId, job.frameId, message, job.documentId)) === true;
    },
    /**
     * A job changed: its frame hears `solving` or `failed`. A solved job's status travelled with its token
     * (the fill's reply), so no second message goes to the frame. Pinned to the reporting document like the
     * token: a `failed` releases the page's pending execute, which must not reach a document that replaced
     * it (whose widget may have the same id and its own job).
     */
    async status(job: Job, snapshot?: FrameSettings): Promise<void> {
      if (job.status === 'solved') return;
      const { showBadge } = snapshot ?? (await d.readSettings());
      // Anything not being solved releases the page (a pending v3 execute falls back to the native one).
      const state = isActive(job) ? 'solving' : 'failed';
      const reason = job.errorNotice ? { reason: job.errorNotice } : {};
      const message: BackgroundToContent = {
        type: 'status',
        widgetId: job.widget.widgetId,
        state,
        ...reason,
        showBadge,
      };
      await d.send(job.tabId, job.frameId, message, job.documentId).catch(() => undefined);
    },
  };
}
