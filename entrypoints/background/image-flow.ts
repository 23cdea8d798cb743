/**
 * Image captchas, background side: "Solve this image captcha" (context menu, or `image:solve` from an
 * extension page), remembering the image/answer-field pair per site, handing remembered pairs to the
 * next visit's frames, and fetching cross-origin images the page cannot read. The frame reports the
 * widget through the ordinary `widgets:found` path; the engine makes the job; a manual request then
 * solves it whatever the auto-solve rules say (the user asked for it explicitly).
 */

import { type PairMap, pairsFor, parsePairs, rememberPair } from '@/lib/captcha/image/pair-store';
import type { DetectedWidget } from '@/lib/captcha/types';
import { type BackgroundToContent, type ImageSolveReply, imageCaptureReplySchema } from '@/lib/messaging';
import type { Job } from '@/lib/solver/jobs';
import { isActive } from '@/lib/solver/jobs';

export interface ImageFlowDeps {
  solver: { tabJobs(tabId: number): Promise<Job[]>; solve(jobId: string): Promise<void> };
  /** Inject the detector (vendor-detect.js) into a frame; it runs once per frame however often injected. */
  inject(tabId: number, frameId: number): Promise<void>;
  send(tabId: number, frameId: number, message: BackgroundToContent): Promise<unknown>;
  /** The frame's URL and document as the browser reports them (never the page's claim). */
  frame(tabId: number, frameId: number): Promise<{ url: string; documentId?: string } | null>;
  pairs: { getValue(): Promise<unknown>; setValue(v: PairMap): Promise<void> };
  fetchImage(url: string): Promise<string | null>;
  sleep(ms: number): Promise<void>;
}

/** How long a manual request waits for the frame's report to become a job (an image fetch included). */
export const JOB_WAIT_MS = 15_000;
const POLL_MS = 100;

const httpOrigin = (url: string): string | null => {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
};

const CAPTURE_ERRORS = {
  'no-image': 'The image was not found in the page (it may have changed).',
  'no-field': 'No answer field was found next to this image.',
} as const;

export function createImageFlow(d: ImageFlowDeps) {
  // Frames asked to capture right now: their first report may arrive before the pair is stored.
  const capturing = new Set<string>();

  async function waitForJob(
    tabId: number,
    frameId: number,
    documentId: string | undefined,
    widgetId: string,
  ) {
    for (let waited = 0; waited <= JOB_WAIT_MS; waited += POLL_MS) {
      const jobs = await d.solver.tabJobs(tabId);
      const job = jobs.findLast(
        (j) =>
          j.frameId === frameId &&
          j.widget.widgetId === widgetId &&
          (documentId === undefined || j.documentId === undefined || j.documentId === documentId),
      );
      if (job) return job;
      await d.sleep(POLL_MS);
    }
    return null;
  }

  return {
    /** "Solve this image captcha" on the image at `srcUrl` in a frame. */
    async solveImage(tabId: number, frameId: number, srcUrl: string): Promise<ImageSolveReply> {
      const frame = await d.frame(tabId, frameId);
      const origin = frame ? httpOrigin(frame.url) : null;
      if (!frame || !origin) return { ok: false, error: 'Image captchas can be solved on web pages only.' };
      const key = `${tabId}|${frameId}`;
      capturing.add(key);
      try {
        await d.inject(tabId, frameId);
        const reply = imageCaptureReplySchema.safeParse(
          await d.send(tabId, frameId, { type: 'image:capture', srcUrl }).catch(() => null),
        );
        if (!reply.success) return { ok: false, error: 'The page did not answer (try reloading it).' };
        if (!reply.data.ok) return { ok: false, error: CAPTURE_ERRORS[reply.data.error] };
        await d.pairs.setValue(rememberPair(parsePairs(await d.pairs.getValue()), origin, reply.data.pair));
        const job = await waitForJob(tabId, frameId, frame.documentId, reply.data.widgetId);
        if (!job) return { ok: false, error: 'The image could not be read (is it still loading?).' };
        if (!isActive(job)) await d.solver.solve(job.id);
        return { ok: true, jobId: job.id };
      } finally {
        capturing.delete(key);
      }
    },

    /** A frame finished loading: if the user marked image captchas on its site, let it look for them. */
    async onFrameLoaded(tabId: number, frameId: number, url: string): Promise<void> {
      const origin = httpOrigin(url);
      if (!origin) return;
      const pairs = pairsFor(parsePairs(await d.pairs.getValue()), origin);
      if (pairs.length === 0) return;
      try {
        await d.inject(tabId, frameId);
        await d.send(tabId, frameId, { type: 'image:pairs', pairs });
      } catch {
        // The frame went away or cannot be scripted (e.g. the Web Store): nothing to do.
      }
    },

    /**
     * Give reported image widgets that have only a URL (a cross-origin image taints the page's canvas)
     * their image, fetched here. Only for sites where the user marked an image captcha, so a page cannot
     * make the extension fetch arbitrary URLs.
     */
    async completeWidgets(
      tabId: number,
      frameId: number,
      frameUrl: string,
      widgets: DetectedWidget[],
    ): Promise<DetectedWidget[]> {
      const needy = widgets.filter((w) => w.kind === 'image-text' && !w.imageBase64 && w.extra?.src);
      if (needy.length === 0) return widgets;
      const origin = httpOrigin(frameUrl);
      const marked =
        capturing.has(`${tabId}|${frameId}`) ||
        (origin !== null && pairsFor(parsePairs(await d.pairs.getValue()), origin).length > 0);
      if (!marked) return widgets;
      return Promise.all(
        widgets.map(async (w) => {
          if (!needy.includes(w)) return w;
          const data = await d.fetchImage(w.extra?.src ?? '');
          return data ? { ...w, imageBase64: data } : w;
        }),
      );
    },
  };
}

export type ImageFlow = ReturnType<typeof createImageFlow>;
