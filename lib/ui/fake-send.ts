/** Test support: a Send over a table of reply functions, recording every message. */
import type { PageMessage } from '@/lib/messaging';
import type { PageReplies, Send } from './send';

export type Replies = {
  [T in keyof PageReplies]?: (
    m: Extract<PageMessage, { type: T }>,
  ) => PageReplies[T] | Promise<PageReplies[T]>;
};

/** A fake Send; `sent` lists the messages in order. An unanswered type rejects, like a missing handler. */
export function fakeSend(replies: Replies): Send & { sent: PageMessage[] } {
  const sent: PageMessage[] = [];
  const send = (async (m: PageMessage) => {
    sent.push(m);
    const reply = replies[m.type] as ((m: PageMessage) => unknown) | undefined;
    if (!reply) throw new Error(`no reply for ${m.type}`);
    return reply(m);
  }) as Send & { sent: PageMessage[] };
  send.sent = sent;
  return send;
}
