/**
 * Routes one runtime message: the sender is classified (sender.ts), the message parsed with the schema
 * its sender may speak (lib/messaging.ts) and handed to its one handler. A web page or another
 * extension gets no answer; a content script's message that is not ours is ignored.
 */
import { contentMessageSchema, pageMessageSchema } from '@/lib/messaging';
import type { ContentHandlers, ContentSender, PageHandlers } from './handler-types';
import { classifySender, type MessageSender } from './sender';
import type { Services } from './services';

export interface RouterDeps {
  services: Services;
  content: ContentHandlers;
  pages: PageHandlers;
  /** The extension's origin (`chrome-extension://<id>/`) and id. */
  origin: string;
  ownId: string;
  /** A vendor frame's agent speaks for the page embedding it (vendor-frame.ts); null: drop. */
  pageSender(from: ContentSender): Promise<ContentSender | null>;
}

const UNEXPECTED = { ok: false, notice: { key: 'err_UNEXPECTED' } };

/** The runtime.onMessage listener: a promise of the reply, or undefined (no reply). */
export function createRouter(d: RouterDeps) {
  return (message: unknown, sender: MessageSender): Promise<unknown> | undefined => {
    const from = classifySender(sender, d.origin, d.ownId);
    if (from.kind === 'content') {
      const parsed = contentMessageSchema.safeParse(message);
      if (!parsed.success) return undefined; // a page-influenced message that is not ours: ignore
      const handler = d.content[parsed.data.type] as (
        s: Services,
        m: typeof parsed.data,
        f: ContentSender,
      ) => unknown;
      return d
        .pageSender(from)
        .then((sender) => (sender ? handler(d.services, parsed.data, sender) : undefined))
        .then(() => undefined)
        .catch(() => undefined);
    }
    if (from.kind === 'page') {
      const parsed = pageMessageSchema.safeParse(message);
      if (!parsed.success) return Promise.resolve(UNEXPECTED);
      const handler = d.pages[parsed.data.type] as (s: Services, m: typeof parsed.data) => unknown;
      // The page renders the notice; what was thrown is not shown (it could quote a request).
      return Promise.resolve()
        .then(() => handler(d.services, parsed.data))
        .catch(() => UNEXPECTED);
    }
    return undefined;
  };
}
