/**
 * The content side's parser table for what the background sends (lib/messaging.ts BackgroundToContent):
 * one checker per message type, zod-free so the per-frame scripts stay small (only types are imported
 * from lib/messaging.ts). A message from the background is trusted in origin but checked in shape: a
 * malformed one is ignored (null), never thrown into the page.
 */
import { WIDGET_KINDS, type WidgetKind } from './captcha/types';
import type { ImagePair } from './captcha/vendor';
import type { BackgroundToContent, ContentBound } from './messaging';
import { isNotice } from './notice';

type Fields = Record<string, unknown>;
type Parsers = { [K in BackgroundToContent['type']]: (m: Fields) => ContentBound<K> | null };

const kinds: readonly string[] = WIDGET_KINDS;
const STATES: readonly string[] = ['solving', 'solved', 'failed'] satisfies ContentBound<'status'>['state'][];
const str = (v: unknown): v is string => typeof v === 'string';
const isPair = (p: unknown): p is ImagePair =>
  typeof p === 'object' && p !== null && str((p as ImagePair).img) && str((p as ImagePair).input);

export const contentBoundParsers: Parsers = {
  fill: ({ widgetId, kind, token, autoSubmit, showBadge }) =>
    str(widgetId) && str(token) && token.length > 0 && str(kind) && kinds.includes(kind)
      ? {
          type: 'fill',
          widgetId,
          kind: kind as WidgetKind,
          token,
          autoSubmit: autoSubmit === true,
          showBadge: showBadge === true,
        }
      : null,
  status: ({ widgetId, state, reason, showBadge }) =>
    str(widgetId) && str(state) && STATES.includes(state)
      ? {
          type: 'status',
          widgetId,
          state: state as ContentBound<'status'>['state'],
          ...(isNotice(reason) ? { reason } : {}),
          showBadge: showBadge === true,
        }
      : null,
  'image:capture': ({ srcUrl }) => (str(srcUrl) ? { type: 'image:capture', srcUrl } : null),
  'image:pairs': ({ pairs }) =>
    Array.isArray(pairs) ? { type: 'image:pairs', pairs: pairs.filter(isPair) } : null,
  'image:locate': ({ widgetId }) => (str(widgetId) ? { type: 'image:locate', widgetId } : null),
};

/** A background message checked against its type's parser; null when it is not one of ours. */
export function parseContentBound(msg: unknown): BackgroundToContent | null {
  if (typeof msg !== 'object' || msg === null) return null;
  const m = msg as Fields;
  const parse = str(m.type)
    ? (contentBoundParsers as Record<string, (m: Fields) => unknown>)[m.type]
    : undefined;
  return Object.hasOwn(contentBoundParsers, m.type as string) && parse
    ? (parse(m) as BackgroundToContent | null)
    : null;
}
