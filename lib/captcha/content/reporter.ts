/**
 * Keeps what this frame has told the background and turns a fresh detect pass into the minimal
 * `widgets:found` (new or changed) and `widgets:gone` messages.
 */
import type { ContentMessage } from '../../messaging';
import type { DetectedWidget } from '../types';

/** Message size limits the background enforces (lib/messaging.ts). */
const MAX_PER_MESSAGE = 50;

export interface Reporter {
  /** Diff a detect pass against what was reported; returns the messages to send. */
  update(found: readonly DetectedWidget[]): ContentMessage[];
  has(widgetId: string): boolean;
  /** Forget everything (a `scan` request re-reports every widget). */
  reset(): void;
}

export function createReporter(): Reporter {
  const reported = new Map<string, string>();
  return {
    update(found) {
      const now = new Set<string>();
      const changed: DetectedWidget[] = [];
      for (const w of found) {
        if (now.has(w.widgetId)) continue;
        now.add(w.widgetId);
        const key = JSON.stringify(w);
        if (reported.get(w.widgetId) === key) continue;
        reported.set(w.widgetId, key);
        changed.push(w);
      }
      const gone = [...reported.keys()].filter((id) => !now.has(id));
      for (const id of gone) reported.delete(id);
      const out: ContentMessage[] = [];
      for (let i = 0; i < changed.length; i += MAX_PER_MESSAGE) {
        out.push({ type: 'widgets:found', widgets: changed.slice(i, i + MAX_PER_MESSAGE) });
      }
      for (let i = 0; i < gone.length; i += MAX_PER_MESSAGE) {
        out.push({ type: 'widgets:gone', widgetIds: gone.slice(i, i + MAX_PER_MESSAGE) });
      }
      return out;
    },
    has: (id) => reported.has(id),
    reset: () => reported.clear(),
  };
}
