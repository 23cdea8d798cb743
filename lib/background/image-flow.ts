/**
 * Image captchas, background side: "Solve this image captcha" (context menu, or `image:solve` from an
 * extension page), remembering the image/answer-field pair per site with the image URL the user marked,
 * handing remembered pairs to the next visit's frames, and — when a job of a pair starts, after every
 * limit — reading only what the user sees and marked (`prepare`):
 *   1. the page's own pixels (a same-origin image drawn to a canvas by the frame), else
 *   2. the screen: `tabs.captureVisibleTab` cropped to the image's box (top frame, tab visible, nothing
 *      over the image), else
 *   3. one fetch per pair per page load, of the marked URL only (same origin and path), without cookies
 *      unless same-site with the page, no redirects, never a private address from a public page.
 * An image whose URL no longer matches the mark is not read at all: the user is asked to mark it again.
 */

import type { Box } from '@/lib/captcha/image/locate';
import { IMAGE_PREFIX } from '@/lib/captcha/image/module';
import {
  type PairMap,
  pairsFor,
  parsePairs,
  rememberPair,
  type StoredPair,
} from '@/lib/captcha/image/pair-store';
import { fetchDecision, imagePattern } from '@/lib/captcha/image/url-guard';
import {
  type BackgroundToContent,
  type ImageSolveReply,
  imageCaptureReplySchema,
  locateReplySchema,
} from '@/lib/messaging';
import type { Prepared } from '@/lib/solver/context';
import type { Job } from '@/lib/solver/jobs';
import { isActive } from '@/lib/solver/jobs';

export interface ImageFlowDeps {
  solver: { tabJobs(tabId: number): Promise<Job[]>; solve(jobId: string): Promise<void> };
  /** Inject the detector (vendor-detect.js) into a frame; it runs once per frame however often injected. */
  inject(tabId: number, frameId: number): Promise<void>;
  send(tabId: number, frameId: number, message: BackgroundToContent, documentId?: string): Promise<unknown>;
  /** The frame's URL and document as the browser reports them (never the page's claim). */
  frame(tabId: number, frameId: number): Promise<{ url: string; documentId?: string } | null>;
  pairs: { getValue(): Promise<unknown>; setValue(v: PairMap): Promise<void> };
  /** Whether the tab is the one its window shows, and the window. */
  tab(tabId: number): Promise<{ active: boolean; windowId: number } | null>;
  /** A screenshot (data: URL) of what the window shows. */
  captureVisible(windowId: number): Promise<string | null>;
  crop(shot: string, rect: Box, viewport: { width: number; height: number }): Promise<string | null>;
  fetchImage(url: string, credentials: RequestCredentials): Promise<string | null>;
  /** Page loads × pairs already fetched once (session storage: survives a stopped worker). */
  fetched: { getValue(): Promise<string[]>; setValue(v: string[]): Promise<void> };
  sleep(ms: number): Promise<void>;
}

/** How long a manual request waits for the frame's report to become a job. */
export const JOB_WAIT_MS = 15_000;
const POLL_MS = 100;
/** Page-load keys kept for the one-fetch rule. */
const FETCHED_KEEP = 500;

const httpOrigin = (url: string): string | null => {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
};

/** Message keys (public/_locales) of what the frame answered to `image:capture`. */
const CAPTURE_ERRORS = { 'no-image': 'err_imageNotFound', 'no-field': 'err_imageNoField' } as const;

/** `code` is also the message key's tail (`err_IMAGE_GONE`…). */
const fail = (code: string): Prepared => ({ ok: false, code, notice: { key: `err_${code}` } });
const refuse = (key: string): ImageSolveReply => ({ ok: false, notice: { key } });

export function createImageFlow(d: ImageFlowDeps) {
  // Frames asked to capture right now: their job may start before the pair is stored.
  const capturing = new Set<string>();
  const fetchedNow = new Set<string>();

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

  /** The stored pair of a job (waiting a moment while its frame is being marked). */
  async function pairOf(job: Job): Promise<StoredPair | undefined> {
    for (let waited = 0; ; waited += POLL_MS) {
      const pair = pairsFor(parsePairs(await d.pairs.getValue()), job.origin).find(
        (p) => IMAGE_PREFIX + p.input === job.widget.widgetId,
      );
      if (pair || !capturing.has(`${job.tabId}|${job.frameId}`) || waited >= 3000) return pair;
      await d.sleep(POLL_MS);
    }
  }

  /** At most one fetch per pair per page load: true when this one may go (and records it). */
  async function claimFetch(key: string): Promise<boolean> {
    if (fetchedNow.has(key)) return false;
    fetchedNow.add(key);
    const list = await d.fetched.getValue();
    if (list.includes(key)) return false;
    await d.fetched.setValue([...list, key].slice(-FETCHED_KEEP));
    return true;
  }

  return {
    /** "Solve this image captcha" on the image at `srcUrl` (the browser's, from the user's right-click). */
    async solveImage(tabId: number, frameId: number, srcUrl: string): Promise<ImageSolveReply> {
      const frame = await d.frame(tabId, frameId);
      const origin = frame ? httpOrigin(frame.url) : null;
      if (!frame || !origin) return refuse('err_imageWebOnly');
      const key = `${tabId}|${frameId}`;
      capturing.add(key);
      try {
        await d.inject(tabId, frameId);
        const reply = imageCaptureReplySchema.safeParse(
          await d.send(tabId, frameId, { type: 'image:capture', srcUrl }).catch(() => null),
        );
        if (!reply.success) return refuse('err_pageNoAnswer');
        if (!reply.data.ok) return refuse(CAPTURE_ERRORS[reply.data.error]);
        // The URL pattern comes from the browser's srcUrl (what the user right-clicked), never from the page.
        const src = imagePattern(srcUrl) ?? undefined;
        await d.pairs.setValue(
          rememberPair(parsePairs(await d.pairs.getValue()), origin, {
            ...reply.data.pair,
            ...(src ? { src } : {}),
          }),
        );
        const job = await waitForJob(tabId, frameId, frame.documentId, reply.data.widgetId);
        if (!job) return refuse('err_imageStillLoading');
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
      const pairs = pairsFor(parsePairs(await d.pairs.getValue()), origin).map(({ img, input }) => ({
        img,
        input,
      }));
      if (pairs.length === 0) return;
      try {
        await d.inject(tabId, frameId);
        await d.send(tabId, frameId, { type: 'image:pairs', pairs });
      } catch {
        // The frame went away or cannot be scripted (e.g. the Web Store): nothing to do.
      }
    },

    /** The image of an image-text job that is starting (the limits passed): see the file comment. */
    async prepare(job: Job): Promise<Prepared> {
      if (job.kind !== 'image-text' || job.widget.imageBase64) return { ok: true };
      const pair = await pairOf(job);
      if (!pair?.src) return fail('IMAGE_MARK_AGAIN');
      const message: BackgroundToContent = { type: 'image:locate', widgetId: job.widget.widgetId };
      const reply = locateReplySchema.safeParse(
        await d.send(job.tabId, job.frameId, message, job.documentId).catch(() => null),
      );
      if (!reply.success || !reply.data.ok) return fail('IMAGE_GONE');
      const at = reply.data;
      if (at.data) return { ok: true, imageBase64: at.data }; // the page's own pixels (same origin)
      if (imagePattern(at.src) !== pair.src) return fail('IMAGE_CHANGED');
      if (job.frameId === 0 && at.unobstructed) {
        const tab = await d.tab(job.tabId).catch(() => null);
        const shot = tab?.active ? await d.captureVisible(tab.windowId).catch(() => null) : null;
        const data = shot ? await d.crop(shot, at.rect, at.viewport).catch(() => null) : null;
        if (data) return { ok: true, imageBase64: data };
      }
      const decision = fetchDecision(at.src, pair.src, job.frameUrl, job.site !== job.topSite);
      if (!decision.ok) return fail('IMAGE_NOT_FETCHED');
      const load = `${job.documentId ?? `${job.tabId}|${job.frameId}|${job.frameUrl}`}|${pair.input}`;
      if (!(await claimFetch(load))) return fail('IMAGE_FETCHED_ONCE');
      const data = await d.fetchImage(at.src, decision.credentials);
      return data ? { ok: true, imageBase64: data, fetched: true } : fail('IMAGE_UNREADABLE');
    },
  };
}

export type ImageFlow = ReturnType<typeof createImageFlow>;
