// The polling policy in a closed loop, as the runner lives it: each task's plan comes from what earlier
// tasks taught, and the learner sees only what polls show (observedSolveMs: the midpoint between the last
// `processing` poll and the `ready` one, or the ready poll less the margin) — never the true solve time.
// The open-loop simulation in schedule.test.ts trains on true times and cannot see that bias.
import { describe, expect, it } from 'vitest';
import type { Job } from './jobs';
import { observedSolveMs } from './runner';
import { fixedPlan, nextPollOffset, planPolls } from './schedule';

const timing = { firstDelayMs: 3000, intervalMs: 2500, timeoutMs: 120_000 };
const HISTORY = 50;
/** How late a poll's timer fires after its planned point (a busy worker). */
const TIMER_LATE_MS = 15;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const gauss = (r: () => number) => Math.sqrt(-2 * Math.log(r() || 1e-9)) * Math.cos(2 * Math.PI * r());

/** Mean ready→seen latency and polls per task over `tasks` tasks after a warm-up of 100. */
function closedLoop(draw: () => number, adaptive: boolean, tasks = 300) {
  const learned: number[] = [];
  let latency = 0;
  let polls = 0;
  for (let i = 0; i < 100 + tasks; i++) {
    const plan = adaptive ? planPolls(learned.slice(-HISTORY), timing, true) : fixedPlan(timing);
    const ready = draw();
    let at = 0;
    let lastProcessing: number | undefined;
    let n = 0;
    for (;;) {
      at = nextPollOffset(plan, at, timing.intervalMs);
      n++;
      if (at >= ready) break;
      lastProcessing = at;
    }
    // The engine stamps a reply with the time the poll was sent, which is the planned point plus the
    // timer's lateness.
    const stamp = (t?: number) => (t === undefined ? undefined : t + TIMER_LATE_MS);
    const job = {
      taskCreatedAt: 0,
      nextPollAt: at,
      readyAt: stamp(at),
      lastProcessingAt: stamp(lastProcessing),
    } as Job;
    learned.push(observedSolveMs(job, at + TIMER_LATE_MS));
    if (i >= 100) {
      latency += at - ready;
      polls += n;
    }
  }
  return { latency: latency / tasks, polls: polls / tasks };
}

const DISTRIBUTIONS: Array<[string, (r: () => number) => number, number | null]> = [
  // name, draw, the latency ratio adaptive must at least reach (null: no gain required)
  ['steady 4 s ±0.25', (r) => 3750 + 500 * r(), 0.3],
  ['steady 8 s ±0.5', (r) => 7500 + 1000 * r(), null],
  ['steady 15 s ±1', (r) => 14_000 + 2000 * r(), 0.9],
  ['fast 1–3 s', (r) => 1000 + 2000 * r(), null],
  ['spread 2–8 s', (r) => 2000 + 6000 * r(), null],
  ['lognormal median 10 s σ 0.3', (r) => 10_000 * Math.exp(0.3 * gauss(r)), null],
  ['lognormal median 20 s σ 0.6', (r) => 20_000 * Math.exp(0.6 * gauss(r)), null],
  ['bimodal 4 s / 12 s', (r) => (r() < 0.5 ? 4000 : 12_000) + 500 * r(), null],
];

describe('adaptive polling in a closed loop (learning only from polls)', () => {
  it.each(DISTRIBUTIONS)(
    '%s: never clearly slower than fixed, never more polls; steady ones gain',
    (_name, shape, gain) => {
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        const draws = () => {
          const r = rng(seed);
          return () => shape(r);
        };
        // The same solve times for both policies (paired), so the ratio is the policy's, not the draw's.
        const fixed = closedLoop(draws(), false);
        const adaptive = closedLoop(draws(), true);
        expect(adaptive.polls, `seed ${seed}: polls`).toBeLessThanOrEqual(fixed.polls * 1.02);
        expect(adaptive.latency, `seed ${seed}: latency`).toBeLessThanOrEqual(fixed.latency * 1.08);
        if (gain !== null)
          expect(adaptive.latency, `seed ${seed}: gain`).toBeLessThanOrEqual(fixed.latency * gain);
      }
    },
  );
});
