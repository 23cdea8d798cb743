import { describe, expect, it } from 'vitest';
import { fixedPlan, MIN_SPACING_MS, nextPollOffset, planPolls, seenAt, simulatePolicy } from './schedule';

const timing = { firstDelayMs: 3000, intervalMs: 2500, timeoutMs: 120_000 };
/** A seeded generator, so the simulated figures are reproducible. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const uniform =
  (lo: number, hi: number, r = rng(7)) =>
  () =>
    lo + (hi - lo) * r();
const lognormal =
  (medianMs: number, sigma: number, r = rng(11)) =>
  () => {
    const z = Math.sqrt(-2 * Math.log(r() || 1e-9)) * Math.cos(2 * Math.PI * r());
    return medianMs * Math.exp(sigma * z);
  };

describe('fixed schedule (API guidance)', () => {
  it('polls 3 s after createTask, then every 2.5 s, until the timeout', () => {
    const plan = fixedPlan(timing);
    expect(plan.slice(0, 4)).toEqual([3000, 5500, 8000, 10_500]);
    expect(plan.at(-1)).toBeLessThanOrEqual(120_000);
  });

  it('a task ready at 7 s is seen by the third poll at 8 s', () => {
    expect(seenAt(fixedPlan(timing), 7000, 2500)).toEqual({ polls: 3, at: 8000 });
  });

  it('continues on the interval after the plan', () => {
    expect(nextPollOffset([3000, 5500], 5500, 2500)).toBe(8000);
    expect(nextPollOffset([3000, 5500], 1000, 2500)).toBe(3000);
  });
});

describe('adaptive plan', () => {
  it('keeps the fixed schedule until there is enough history', () => {
    expect(planPolls([4000, 5000], timing, true)).toEqual(fixedPlan(timing));
    expect(planPolls(Array(20).fill(4000), timing, false)).toEqual(fixedPlan(timing));
  });

  it('polls just after a consistent solve time', () => {
    const plan = planPolls(Array(20).fill(4000), timing, true);
    const seen = seenAt(plan, 4000, timing.intervalMs);
    expect(seen.at - 4000).toBeLessThanOrEqual(150);
    expect(seen.polls).toBeLessThanOrEqual(seenAt(fixedPlan(timing), 4000, timing.intervalMs).polls);
  });

  it('never polls more often than once a second', () => {
    const plan = planPolls(
      Array.from({ length: 50 }, (_, i) => 2000 + i * 10),
      timing,
      true,
    );
    for (let i = 1; i < plan.length; i++)
      expect(plan[i]! - plan[i - 1]!).toBeGreaterThanOrEqual(MIN_SPACING_MS);
  });

  it.each([
    ['steady 4 s ± 0.3 s', uniform(3700, 4300), true],
    ['lognormal median 6 s', lognormal(6000, 0.4), false],
    ['narrow lognormal median 7 s', lognormal(7000, 0.08), true],
    ['uniform 1–3 s', uniform(1000, 3000), false],
    ['uniform 2–8 s', uniform(2000, 8000), false],
    ['lognormal median 15 s', lognormal(15_000, 0.5), false],
  ])('%s: no more polls than the fixed schedule, and never slower', (_name, draw, gains) => {
    const { fixed, adaptive } = simulatePolicy(draw, timing);
    // The budget is set on the learned history; fresh draws vary a little around it.
    expect(adaptive.polls).toBeLessThanOrEqual(fixed.polls * 1.05);
    expect(adaptive.latency).toBeLessThanOrEqual(fixed.latency * 1.05);
    if (gains) expect(adaptive.latency).toBeLessThan(fixed.latency * 0.9);
  });
});
