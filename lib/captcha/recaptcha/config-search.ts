/**
 * Find a widget's parameters in `___grecaptcha_cfg.clients[id]`. Google minifies the property names
 * differently in every release (one release: `clients[0].O.O.sitekey`), so the search never trusts a
 * name: it walks the object graph, bounded in depth and nodes, cycle-safe, skipping DOM nodes and
 * windows, and returns the first object holding a string `sitekey`.
 */

/** Bounds of the search: the real config is two levels deep, the bounds leave room for a release or two. */
export interface SearchLimits {
  maxDepth: number;
  maxNodes: number;
}
const DEFAULT_LIMITS: SearchLimits = { maxDepth: 5, maxNodes: 2000 };

/** What a widget's parameters object may hold (everything optional but sitekey). */
export interface WidgetParams {
  sitekey: string;
  callback?: unknown;
  'expired-callback'?: unknown;
  size?: unknown;
  action?: unknown;
  s?: unknown;
  bind?: unknown;
  [key: string]: unknown;
}

const isSkippable = (v: object) =>
  // DOM nodes and windows have huge graphs (and cross-origin windows throw on access).
  typeof (v as { nodeType?: unknown }).nodeType === 'number' || (v as { window?: unknown }).window === v;

/** Breadth-first search for the first object with a string `sitekey`; null when none within the limits. */
export function findWidgetParams(root: unknown, limits: SearchLimits = DEFAULT_LIMITS): WidgetParams | null {
  if (typeof root !== 'object' || root === null) return null;
  const seen = new Set<object>();
  let level: object[] = [root];
  for (let depth = 0; depth <= limits.maxDepth && level.length > 0; depth++) {
    const next: object[] = [];
    for (const obj of level) {
      if (seen.has(obj)) continue;
      seen.add(obj);
      if (seen.size > limits.maxNodes) return null;
      try {
        if (isSkippable(obj)) continue;
        if (typeof (obj as { sitekey?: unknown }).sitekey === 'string') return obj as WidgetParams;
        for (const key of Object.keys(obj)) {
          const v = (obj as Record<string, unknown>)[key];
          if (typeof v === 'object' && v !== null && !seen.has(v)) next.push(v);
        }
      } catch {
        // A throwing getter or a revoked proxy: skip this branch.
      }
    }
    level = next;
  }
  return null;
}

/** Path parts that lead to Function or prototypes rather than to a site's callback. */
const FORBIDDEN = new Set(['constructor', '__proto__', 'prototype']);

/**
 * Resolve a callback given as a function or a global name, possibly dotted (`obj.fn`): walks the path
 * from `win` with own/inherited lookups, never evaluates code. Returns the function and its `this`.
 */
export function resolveCallback(
  win: object,
  cb: unknown,
): { fn: (...a: unknown[]) => unknown; self: unknown } | null {
  if (typeof cb === 'function') return { fn: cb as (...a: unknown[]) => unknown, self: undefined };
  if (typeof cb !== 'string' || cb.length === 0 || cb.length > 200) return null;
  let self: unknown;
  let cur: unknown = win;
  try {
    for (const part of cb.split('.')) {
      if (
        !part ||
        FORBIDDEN.has(part) ||
        (typeof cur !== 'object' && typeof cur !== 'function') ||
        cur === null
      )
        return null;
      self = cur;
      cur = (cur as Record<string, unknown>)[part];
    }
  } catch {
    return null;
  }
  return typeof cur === 'function'
    ? { fn: cur as (...a: unknown[]) => unknown, self: self === win ? undefined : self }
    : null;
}
