/**
 * A typed request function over runtime.sendMessage for the extension pages. Messages follow
 * pageMessageSchema in lib/messaging.ts (imported as a type only: no zod in the popup bundle).
 */
import type { ImageSolveReply, PageMessage, Readiness } from '@/lib/messaging';
import type { Ack, BalanceReply, DetectorState, KeyStatus, TabState } from './types';

/** The reply each page message gets from the background. */
export interface PageReplies {
  'key:save': BalanceReply;
  'key:clear': Ack;
  'key:status': KeyStatus;
  'balance:get': BalanceReply;
  'tab:state': TabState;
  'detector:state': DetectorState;
  solve: unknown;
  'job:cancel': unknown;
  'site:pause': Ack;
  'history:clear': unknown;
  'data:clearAll': Ack;
  'image:solve': ImageSolveReply;
  'setup:apply': Readiness;
  'setup:status': Readiness;
}

/** Send one page message and get its typed reply. */
export type Send = <M extends PageMessage>(message: M) => Promise<PageReplies[M['type']]>;

/** A Send over a runtime (the real `browser.runtime`, or a fake in tests). */
export function createSend(runtime: { sendMessage(message: unknown): Promise<unknown> }): Send {
  return (message) => runtime.sendMessage(message) as never;
}
