/**
 * Settings a policy sets are shown disabled with "Set by your administrator" (docs/automation.md). The
 * page's main.tsx keeps `lockedPaths` current (lib/managed.ts paths: `autoSolve`, `polling.timeoutMs`, and
 * `clientKey`); each field finds its own by its element id in this one table.
 */
import { signal } from '@preact/signals';
import { WIDGET_KINDS } from '@/lib/captcha/types';

/** Element id → the settings path it edits (options page `opt-…`, popup `auto-solve`). */
export const FIELD_PATHS: Readonly<Record<string, string>> = {
  'auto-solve': 'autoSolve',
  'opt-auto-solve': 'autoSolve',
  ...Object.fromEntries(WIDGET_KINDS.map((k) => [`opt-kind-${k}`, `autoSolveKinds.${k}`])),
  'opt-auto-submit': 'autoSubmit',
  'opt-badge': 'showBadge',
  'opt-selection': 'routing.selectionMode',
  'opt-provider': 'routing.provider',
  'opt-keypool': 'routing.keyPoolMode',
  'opt-first-delay': 'polling.firstDelayMs',
  'opt-interval': 'polling.intervalMs',
  'opt-timeout': 'polling.timeoutMs',
  'opt-adaptive': 'polling.adaptive',
  'opt-cap': 'limits.dailySpendCapUsd',
  'opt-concurrent': 'limits.maxConcurrent',
  'opt-per-tab': 'limits.perTabPerMinute',
  'opt-per-site': 'limits.perSitePerHour',
  'opt-per-site-unasked': 'limits.perSiteNoGesturePerHour',
  'opt-allow': 'sites.allow',
  'opt-deny': 'sites.deny',
  'opt-announce': 'announce.mode',
  'opt-announce-sites': 'announce.sites',
  'opt-history-limit': 'historyLimit',
  'opt-key': 'clientKey',
  'popup-key': 'clientKey',
  'opt-endpoint': 'endpoint',
};

/** The locked paths of this page (empty: nothing managed). A field reading it re-renders when it changes. */
export const lockedPaths = signal<readonly string[]>([]);

/** A page's locked paths: the settings a policy sets, and `clientKey` when it sets the key. */
export const lockedWithKey = (paths: readonly string[], keyManaged: boolean | undefined): string[] =>
  keyManaged ? [...paths, 'clientKey'] : [...paths];

/** Whether the field with this element id is set by policy. */
export function useLocked(id: string): boolean {
  const path = FIELD_PATHS[id];
  return path !== undefined && lockedPaths.value.includes(path);
}

/** The id of a locked field's note (for aria-describedby). */
export const managedNoteId = (id: string) => `${id}-managed`;

/** aria-describedby from the ids that apply (undefined when none). */
export const describedBy = (...ids: Array<string | false | null | undefined>): string | undefined =>
  ids.filter(Boolean).join(' ') || undefined;
