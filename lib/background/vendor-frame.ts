import { browser } from 'wxt/browser';

type Frames = Pick<typeof browser.webNavigation, 'getFrame'>;

import { vendorOfUrl } from '@/lib/captcha/vendor-sightings';

type Content = {
  tabId: number;
  frameId: number;
  frameUrl: string;
  pageFrameId?: number;
  pageDocumentId?: string;
};

/**
 * A frame agent reports from inside the vendor's widget frame (Turnstile, hCaptcha): the widget belongs
 * to the page that embeds that frame, so its task's websiteURL, site rules and limits are the parent
 * frame's — as the browser reports it, never as a message claims — and the page's frame and document
 * are where its solve events go (lib/solver/announce.ts). Other senders pass unchanged; null when the
 * parent cannot be found (the frame is gone): the report is dropped.
 */
export async function asPageSender<T extends Content>(
  from: T,
  frames: Frames = browser.webNavigation,
): Promise<T | null> {
  const vendor = vendorOfUrl(from.frameUrl);
  if (vendor !== 'turnstile' && vendor !== 'hcaptcha') return from;
  const frame = await frames.getFrame({ tabId: from.tabId, frameId: from.frameId }).catch(() => null);
  if (!frame || frame.parentFrameId < 0) return null;
  const parent = await frames.getFrame({ tabId: from.tabId, frameId: frame.parentFrameId }).catch(() => null);
  if (!parent || !/^https?:/.test(parent.url)) return null;
  // parentDocumentId: Chrome only (Firefox targets frames; the event then checks the frame's origin).
  const pageDocumentId =
    (frame as { parentDocumentId?: string }).parentDocumentId ??
    (parent as { documentId?: string }).documentId;
  return {
    ...from,
    frameUrl: parent.url,
    pageFrameId: frame.parentFrameId,
    ...(pageDocumentId ? { pageDocumentId } : {}),
  };
}
