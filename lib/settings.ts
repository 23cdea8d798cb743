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

/**
 * User settings (everything but the client key, which is stored apart: see lib/storage.ts).
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
      selectionMode: z.enum(['autoCheapest', 'autoFastest', 'autoMostReliable', 'priority']).optional(),
      provider: z.string().max(64).optional(),
      keyPoolMode: z.enum(['all', 'platformOnly']).default('all'),
    })
    .default({ keyPoolMode: 'all' }),
  polling: z
    .object({
      /** First poll after createTask, ms (API guidance: 3–5 s). */
      firstDelayMs: z.number().int().min(1000).max(30_000).default(3000),
      /** Poll interval, ms (API guidance: 2–3 s). */
      intervalMs: z.number().int().min(1000).max(30_000).default(2500),
      /** Give up after, ms (API guidance: ~120 s). */
      timeoutMs: z.number().int().min(10_000).max(600_000).default(120_000),
      /** Place polls by the learned solve-time distribution instead of the fixed schedule. */
      adaptive: z.boolean().default(true),
    })
    .default({ firstDelayMs: 3000, intervalMs: 2500, timeoutMs: 120_000, adaptive: true }),
  limits: z
    .object({
      /** Daily spend cap in USD; 0 disables solving. */
      dailySpendCapUsd: z.number().min(0).max(10_000).default(1),
      /** Jobs in flight at once, all tabs together. */
      maxConcurrent: z.number().int().min(1).max(50).default(4),
      /** Tasks created per tab per minute, counted per frame site (an ad frame has its own). */
      perTabPerMinute: z.number().int().min(1).max(100).default(6),
      /**
       * Tasks created per frame site (registrable domain, all tabs) per tab per minute is `perTabPerMinute`;
       * per site per hour this — and as much again for all the frames embedded in a site.
       */
      perSitePerHour: z.number().int().min(1).max(1000).default(30),
      /** Of those, tasks started without a user gesture (a captcha that appeared by itself). */
      perSiteNoGesturePerHour: z.number().int().min(1).max(1000).default(10),
    })
    .default({
      dailySpendCapUsd: 1,
      maxConcurrent: 4,
      perTabPerMinute: 6,
      perSitePerHour: 30,
      perSiteNoGesturePerHour: 10,
    }),
  /** Site rules: host patterns with `*` wildcards. Deny wins over allow; an empty allow list allows all. */
  sites: z
    .object({
      allow: z.array(z.string().max(253)).max(500).default([]),
      deny: z.array(z.string().max(253)).max(500).default([]),
    })
    .default({ allow: [], deny: [] }),
  /**
   * Solve events for scripts (lib/solver/announce.ts, docs/solve-events.md): dispatched in the frame that
   * has the widget, on every site (`all`) or on the sites matching `sites` (host patterns as in the site
   * rules). Off by default: a page then sees nothing new.
   */
  announce: z
    .object({
      mode: z.enum(['off', 'all', 'list']).default('off'),
      sites: z.array(z.string().max(253)).max(500).default([]),
    })
    .default({ mode: 'off', sites: [] }),
  /** History records kept (oldest dropped). */
  historyLimit: z.number().int().min(10).max(10_000).default(500),
});

export type Settings = z.infer<typeof settingsSchema>;

/** A complete settings object with every default. */
export const defaultSettings = (): Settings => settingsSchema.parse({});
