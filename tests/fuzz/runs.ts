/**
 * How many generated inputs each fuzz property runs (fast-check numRuns). One place, so the total
 * reported in docs/security.md is the sum of these; FUZZ_SCALE multiplies them for a longer local run.
 */
const scale = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1));

export const RUNS = {
  /** fc.anything(): cheap, catches throws on odd values. */
  anything: 2000 * scale,
  /** Structured near-miss inputs (right shape, wrong detail). */
  structured: 1000 * scale,
  /** Generated DOM documents (happy-dom parsing is the cost). */
  dom: 300 * scale,
} as const;
