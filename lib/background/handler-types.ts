/** The handler tables' types, from the protocol map (lib/messaging.ts): one handler per message type. */
import type {
  ContentMessage,
  ContentReplies,
  ContentRequest,
  PageMessage,
  PageRequest,
  Reply,
} from '@/lib/messaging';
import type { SenderKind } from './sender';
import type { Services } from './services';

/** A content script's sender, classified (sender.ts) and, for a vendor frame's agent, re-homed. */
export type ContentSender = Extract<SenderKind, { kind: 'content' }>;

/** One handler per content message, returning its declared reply (ContentReplies). */
export type ContentHandlers = {
  [T in ContentMessage['type']]: (
    s: Services,
    m: ContentRequest<T>,
    from: ContentSender,
  ) => Promise<ContentReplies[T]> | ContentReplies[T];
};
/** One handler per page message, returning its declared reply (PageReplies). */
export type PageHandlers = {
  [T in PageMessage['type']]: (s: Services, m: PageRequest<T>) => Promise<Reply<T>>;
};
