/**
 * The content side's parser table for what the background sends (lib/messaging.ts BackgroundToContent):
 * one check per message type, zod-free so the per-frame scripts stay small (only types are imported
 * from lib/messaging.ts). A message from the background is trusted in origin but checked in shape: a
 * malformed one is ignored (null), never thrown into the page.
 */
import { WIDGET_KINDS } from './captcha/types';
import type { ImagePair } from './captcha/vendor';
import type { BackgroundToContent } from './messaging';
import { isNotice } from './notice';

type Fields = Record<string, unknown>;

const kinds: readonly unknown[] = WIDGET_KINDS;
const STATES: readonly unknown[] = ['solving', 'solved', 'failed'] satisfies Extract<
  BackgroundToContent,
  { type: 'status' }
>['state'][];
const str = (v: unknown): v is string => typeof v === 'string';
/** A well-formed remembered pair (`image:pairs` keeps those and drops the rest). */
export const isPair = (p: unknown): p is ImagePair =>
  typeof p === 'object' && p !== null && str((p as ImagePair).img) && str((p as ImagePair).input);

/**
 * Whether a message of each type has the fields its type declares (its flags, `autoSubmit` and
 * `showBadge`, are read as set only when truthy: absent is false).
 */
export const contentBoundChecks: { [K in BackgroundToContent['type']]: (m: Fields) => boolean } = {
  fill: (m) => str(m.widgetId) && kinds.includes(m.kind) && str(m.token) && m.token !== '',
  status: (m) =>
    str(m.widgetId) && STATES.includes(m.state) && (m.reason === undefined || isNotice(m.reason)),
  'image:capture': (m) => str(m.srcUrl),
  // Each pair is checked where it is used (isPair): junk is dropped, the well-formed kept.
  'image:pairs': (m) => Array.isArray(m.pairs),
  'image:locate': (m) => str(m.widgetId),
};

/** A background message checked against its type's entry; null when it is not one of ours. */
export function parseContentBound(msg: unknown): BackgroundToContent | null {
  const m = msg as Fields | null;
  const check = typeof m === 'object' && m && Object.hasOwn(contentBoundChecks, m.type as string);
  return check && contentBoundChecks[m.type as BackgroundToContent['type']](m)
    ? (m as BackgroundToContent)
    : null;
}
