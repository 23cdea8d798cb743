/**
 * A typed request function over runtime.sendMessage for the extension pages. Messages and their replies
 * are the protocol map's (lib/messaging.ts, imported as types only: no zod in the popup bundle).
 */
import type { PageMessage, PageReplies } from '@/lib/messaging';

export type { PageReplies } from '@/lib/messaging';

/** Send one page message and get its declared reply. */
export type Send = <M extends PageMessage>(message: M) => Promise<PageReplies[M['type']]>;

/** A Send over a runtime (the real `browser.runtime`, or a fake in tests). */
export function createSend(runtime: { sendMessage(message: unknown): Promise<unknown> }): Send {
  return (message) => runtime.sendMessage(message) as never;
}
