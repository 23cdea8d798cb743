// Small statistics helpers for the benchmark: order statistics, paired ratios, formatting.

/** The q-quantile (0..1) of numbers by linear interpolation; NaN for an empty list. */
export function quantile(values, q) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median of numbers (NaN when empty). */
export const median = (values) => quantile(values, 0.5);

/** Arithmetic mean (NaN when empty). */
export function mean(values) {
  const finite = values.filter(Number.isFinite);
  return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : Number.NaN;
}

/**
 * Median of per-pair ratios a[i] / b[i]. Pairs were measured back to back (interleaved A/B), so the
 * ratio of each pair cancels slow drift of the machine better than a ratio of two medians.
 */
export function pairedRatio(a, b) {
  const ratios = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i]) && b[i] > 0) ratios.push(a[i] / b[i]);
  }
  return median(ratios);
}

/** Summary of a sample: n, p50, p95, min, max (rounded to 0.1). */
export function summary(values) {
  const r = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
  const finite = values.filter(Number.isFinite);
  return {
    n: finite.length,
    p50: r(quantile(finite, 0.5)),
    p95: r(quantile(finite, 0.95)),
    min: r(Math.min(...finite)),
    max: r(Math.max(...finite)),
  };
}

/** Round to `digits` decimals, keeping null for non-finite values (JSON-friendly). */
export function round(x, digits = 1) {
  if (!Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * 95 % bootstrap confidence interval of pairedRatio(a, b) (resampling pairs; seeded, so reproducible).
 * It shows how much of a measured overhead is the machine's noise.
 */
export function pairedRatioCI(a, b, resamples = 2000) {
  const ratios = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i]) && b[i] > 0) ratios.push(a[i] / b[i]);
  }
  if (ratios.length < 2) return [Number.NaN, Number.NaN];
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const medians = [];
  for (let r = 0; r < resamples; r++) {
    medians.push(median(Array.from(ratios, () => ratios[Math.floor(rand() * ratios.length)])));
  }
  return [quantile(medians, 0.025), quantile(medians, 0.975)];
}
