import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';

/** What the browser says about a runtime message's sender. */
export type MessageSender = Browser.runtime.MessageSender;

/** Where a runtime message came from, after checking it is ours. */
export type SenderKind =
  | {
      kind: 'content';
      tabId: number;
      frameId: number;
      documentId?: string;
      frameUrl: string;
      topUrl?: string;
      /** Set for a vendor frame's agent by vendor-frame.ts: the embedding page's frame and document. */
      pageFrameId?: number;
      pageDocumentId?: string;
    }
  | { kind: 'page' }
  | { kind: 'foreign' };

/** Classify a message sender: an extension page, a content script in a real tab and frame, or neither. */
export function classifySender(sender: MessageSender, extensionOrigin: string, ownId: string): SenderKind {
  if (sender.id !== ownId) return { kind: 'foreign' };
  const url = sender.url ?? '';
  if (url.startsWith(extensionOrigin)) return { kind: 'page' };
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  if (typeof tabId !== 'number' || tabId < 0 || typeof frameId !== 'number') return { kind: 'foreign' };
  if (!/^https?:/.test(url)) return { kind: 'foreign' };
  const documentId = (sender as { documentId?: string }).documentId;
  // The tab's top-level URL (the limits' top site for embedded frames): the browser's, never the page's.
  const topUrl = sender.tab?.url;
  return { kind: 'content', tabId, frameId, documentId, frameUrl: url, ...(topUrl ? { topUrl } : {}) };
}

/** The extension's own origin, e.g. `chrome-extension://<id>/`. */
export const extensionOrigin = (b: { runtime: { getURL(path: '/'): string } } = browser) =>
  b.runtime.getURL('/');
