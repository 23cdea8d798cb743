import { z } from 'zod';
import { WIDGET_KINDS, type WidgetKind } from './captcha/types';

// Extension CSP forbids eval: tell zod not to probe `new Function` for its JIT (a CSP violation report).
z.config({ jitless: true });

/** The default AnySolver endpoint [docs]. */
export const DEFAULT_ENDPOINT = 'https://api.anysolver.com';

const kindSwitches = Object.fromEntries(WIDGET_KINDS.map((k) => [k, z.boolean().default(true)])) as Record<
  WidgetKind,
  z.ZodDefault<z.ZodBoolean>
>;

/** A number setting's bounds, step (what the form offers) and default, in stored units. */
export interface NumberBounds {
  readonly min: number;
  readonly max: number;
  /** The form's step (stored units); whole numbers when `int`. */
  readonly step?: number;
  readonly int?: boolean;
  readonly default: number;
}

/**
 * The bounds of every number setting, as data: the schema below is built from them and the form
 * components (components/PollingFields.tsx, LimitsFields.tsx) read them, so the two cannot drift
 * (settings.test.ts checks the schema refuses just outside and accepts the edges).
 */
export const SETTINGS_BOUNDS = {
  polling: {
    /** First poll after createTask, ms (API guidance: 3–5 s). */
    firstDelayMs: { min: 1000, max: 30_000, step: 500, int: true, default: 3000 },
    /** Poll interval, ms (API guidance: 2–3 s). */
    intervalMs: { min: 1000, max: 30_000, step: 500, int: true, default: 2500 },
    /** Give up after, ms (API guidance: ~120 s). */
    timeoutMs: { min: 10_000, max: 600_000, step: 1000, int: true, default: 120_000 },
  },
  limits: {
    /** Daily spend cap in USD; 0 disables solving. */
    dailySpendCapUsd: { min: 0, max: 10_000, step: 0.01, default: 1 },
    /** Jobs in flight at once, all tabs together. */
    maxConcurrent: { min: 1, max: 50, int: true, default: 4 },
    /** Tasks created per tab per minute, counted per frame site (an ad frame has its own). */
    perTabPerMinute: { min: 1, max: 100, int: true, default: 6 },
    /**
     * Tasks created per frame site (registrable domain, all tabs) per tab per minute is `perTabPerMinute`;
     * per site per hour this — and as much again for all the frames embedded in a site.
     */
    perSitePerHour: { min: 1, max: 1000, int: true, default: 30 },
    /** Of those, tasks started without a user gesture (a captcha that appeared by itself). */
    perSiteNoGesturePerHour: { min: 1, max: 1000, int: true, default: 10 },
  },
  /** History records kept (oldest dropped). */
  historyLimit: { min: 10, max: 10_000, int: true, default: 500 },
} as const satisfies {
  polling: Record<string, NumberBounds>;
  limits: Record<string, NumberBounds>;
  historyLimit: NumberBounds;
};

/** The choices of every enumerated setting, as data (the schema's enums and the forms' options). */
export const SETTINGS_OPTIONS = {
  selectionMode: ['autoCheapest', 'autoFastest', 'autoMostReliable', 'priority'],
  keyPoolMode: ['all', 'platformOnly'],
  announceMode: ['off', 'all', 'list'],
} as const;

/** Other limits of the schema, as data. */
export const SETTINGS_LIMITS = {
  /** Characters of a forced provider name. */
  providerMaxLength: 64,
  /** Characters of one host pattern (a host name's own limit). */
  patternMaxLength: 253,
  /** Patterns in one site list. */
  patternsMax: 500,
} as const;

/** A number schema from its bounds. */
function numberOf(b: NumberBounds) {
  const n = b.int ? z.number().int() : z.number();
  return n.min(b.min).max(b.max).default(b.default);
}

/** The defaults of a group of number settings. */
const defaultsOf = <T extends Record<string, NumberBounds>>(group: T) =>
  Object.fromEntries(Object.entries(group).map(([k, b]) => [k, b.default])) as { [K in keyof T]: number };

const { polling: P, limits: L } = SETTINGS_BOUNDS;
const patterns = () =>
  z.array(z.string().max(SETTINGS_LIMITS.patternMaxLength)).max(SETTINGS_LIMITS.patternsMax).default([]);

/**
 * User settings (everything but the client key, which is stored apart: see lib/key-store.ts; the
 * settings' storage item is in lib/storage-items.ts).
 * Every field has a default, so a partial or older object parses into a complete one.
 */
export const settingsSchema = z.object({
  endpoint: z.string().default(DEFAULT_ENDPOINT),
  /** Master switch: solve detected captchas without being asked. */
  autoSolve: z.boolean().default(true),
  /** Per-kind auto-solve switches. */
  autoSolveKinds: z
    .object(kindSwitches)
    .default(() => Object.fromEntries(WIDGET_KINDS.map((k) => [k, true])) as Record<WidgetKind, boolean>),
  /** Submit the widget's form after filling. Off by default: surprising otherwise. */
  autoSubmit: z.boolean().default(false),
  /** Show a small status badge beside each widget (isolated in shadow DOM). */
  // Off by default: a badge is an element the page can see (and lay out around); the popup shows the status.
  showBadge: z.boolean().default(false),
  routing: z
    .object({
      selectionMode: z.enum(SETTINGS_OPTIONS.selectionMode).optional(),
      provider: z.string().max(SETTINGS_LIMITS.providerMaxLength).optional(),
      keyPoolMode: z.enum(SETTINGS_OPTIONS.keyPoolMode).default('all'),
    })
    .default({ keyPoolMode: 'all' }),
  polling: z
    .object({
      firstDelayMs: numberOf(P.firstDelayMs),
      intervalMs: numberOf(P.intervalMs),
      timeoutMs: numberOf(P.timeoutMs),
      /** Place polls by the learned solve-time distribution instead of the fixed schedule. */
      adaptive: z.boolean().default(true),
    })
    .default({ ...defaultsOf(P), adaptive: true }),
  limits: z
    .object({
      dailySpendCapUsd: numberOf(L.dailySpendCapUsd),
      maxConcurrent: numberOf(L.maxConcurrent),
      perTabPerMinute: numberOf(L.perTabPerMinute),
      perSitePerHour: numberOf(L.perSitePerHour),
      perSiteNoGesturePerHour: numberOf(L.perSiteNoGesturePerHour),
    })
    .default(defaultsOf(L)),
  /** Site rules: host patterns with `*` wildcards. Deny wins over allow; an empty allow list allows all. */
  sites: z.object({ allow: patterns(), deny: patterns() }).default({ allow: [], deny: [] }),
  /**
   * Solve events for scripts (lib/solver/announce.ts, docs/solve-events.md): dispatched in the frame that
   * has the widget, on every site (`all`) or on the sites matching `sites` (host patterns as in the site
   * rules). Off by default: a page then sees nothing new.
   */
  announce: z
    .object({ mode: z.enum(SETTINGS_OPTIONS.announceMode).default('off'), sites: patterns() })
    .default({ mode: 'off', sites: [] }),
  historyLimit: numberOf(SETTINGS_BOUNDS.historyLimit),
});

export type Settings = z.infer<typeof settingsSchema>;

/** A complete settings object with every default. */
export const defaultSettings = (): Settings => settingsSchema.parse({});
