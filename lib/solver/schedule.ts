/**
 * When to poll getTaskResult. The fixed schedule follows the API's guidance (first poll 3–5 s after
 * createTask, then every 2–3 s). The adaptive plan places polls at quantiles of the solve times learned
 * for the task type, choosing the densest plan whose expected poll count does not exceed the fixed
 * schedule's on the same history — so a ready token is seen sooner for no more requests. See README.md.
 */

export interface PollTiming {
  firstDelayMs: number;
  intervalMs: number;
  timeoutMs: number;
}

/** Samples needed before the adaptive plan replaces the fixed schedule. */
export const MIN_SAMPLES = 5;
/** Never poll closer together than this. */
export const MIN_SPACING_MS = 1000;
/** Poll this long after a predicted ready time, so the task is ready when asked (timer jitter; the
 * learned times already include the round trip). 150 ms measured a p50 of 515 ms on a steady 4 s task. */
export const MARGIN_MS = 75;
/**
 * Learned samples wider than this (interquartile range over median) keep the fixed schedule. Samples are
 * censored — a poll only shows that a task became ready since the previous poll, and one found ready at
 * the plan's first poll says nothing about how much earlier — so on a wide distribution a plan fitted to
 * them looks better than it is. Closed-loop simulation (schedule.closed-loop.test.ts, 6 seeds): with no
 * such rule 2–8 s tasks were up to 11 % slower than fixed; with 0.5, up to 16 % once timers fire 15 ms
 * late; with 0.3 every wide distribution stays on the fixed schedule and steady ones keep their gains.
 */
export const SPREAD_LIMIT = 0.3;

/** Offsets (ms after createTask) of the fixed schedule up to the timeout. */
export function fixedPlan(t: PollTiming): number[] {
  const plan: number[] = [];
  for (let at = t.firstDelayMs; at <= t.timeoutMs; at += t.intervalMs) plan.push(at);
  return plan;
}

const quantile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;

/**
 * Where a task ready at `readyMs` is seen under `plan` (then every intervalMs after it): poll count and
 * offset.
 */
export function seenAt(plan: number[], readyMs: number, intervalMs: number): { polls: number; at: number } {
  for (let i = 0; i < plan.length; i++) if (plan[i]! >= readyMs) return { polls: i + 1, at: plan[i]! };
  const last = plan.at(-1) ?? 0;
  const extra = Math.max(1, Math.ceil((readyMs - last) / intervalMs));
  return { polls: plan.length + extra, at: last + extra * intervalMs };
}

function evaluate(plan: number[], samples: number[], intervalMs: number) {
  let polls = 0;
  let latency = 0;
  for (const s of samples) {
    const seen = seenAt(plan, s, intervalMs);
    polls += seen.polls;
    latency += seen.at - s;
  }
  return { polls: polls / samples.length, latency: latency / samples.length };
}

/**
 * Quantile plan with k points: poll just after the i/(k+1)-th quantile of the learned solve times; the
 * tail past the last point falls back to the fixed interval (robust to a slow outlier).
 */
function quantilePlan(sorted: number[], k: number): number[] {
  const plan: number[] = [];
  for (let i = 1; i <= k; i++) {
    const at = Math.max(MIN_SPACING_MS, quantile(sorted, i / (k + 1)) + MARGIN_MS);
    if (plan.length === 0 || at - plan.at(-1)! >= MIN_SPACING_MS) plan.push(at);
  }
  return plan;
}

/** The poll plan for a task type: adaptive when enough history exists, else the fixed schedule. */
export function planPolls(samples: readonly number[], t: PollTiming, adaptive: boolean): number[] {
  const fixed = fixedPlan(t);
  if (!adaptive || samples.length < MIN_SAMPLES) return fixed;
  const sorted = [...samples].sort((a, b) => a - b);
  if (quantile(sorted, 0.75) - quantile(sorted, 0.25) > SPREAD_LIMIT * quantile(sorted, 0.5)) return fixed;
  // Choose on half of the history and confirm on the other half: a plan that only fits the noise of
  // the samples it was chosen on (heavy tails) is not kept.
  const fit = sorted.filter((_, i) => i % 2 === 0);
  const check = sorted.filter((_, i) => i % 2 === 1);
  // Candidates: quantile plans (at least ~4 samples between two polls, so a plan follows the
  // distribution, not the noise) and the fixed schedule with its phase moved.
  const candidates: number[][] = [];
  for (let k = 1; k <= Math.min(16, Math.floor(fit.length / 4)); k++) candidates.push(quantilePlan(fit, k));
  for (let first = MIN_SPACING_MS; first < t.firstDelayMs + t.intervalMs; first += 250) {
    candidates.push(fixedPlan({ ...t, firstDelayMs: first }));
  }
  const pick = (set: number[], plans: number[][]) => {
    const base = evaluate(fixed, set, t.intervalMs);
    let best: number[] | null = null;
    let bestLatency = base.latency * 0.9; // only a clear gain (≥ 10 %) counts
    for (const plan of plans) {
      const score = evaluate(plan, set, t.intervalMs);
      if (score.polls <= base.polls && score.latency < bestLatency) {
        best = plan;
        bestLatency = score.latency;
      }
    }
    return best;
  };
  const chosen = pick(fit, candidates);
  return chosen && pick(check, [chosen]) ? chosen : fixed;
}

/** The next poll offset (ms after createTask) after `elapsedMs`, following the plan, then the interval. */
export function nextPollOffset(plan: readonly number[], elapsedMs: number, intervalMs: number): number {
  const next = plan.find((at) => at > elapsedMs);
  if (next !== undefined) return next;
  const last = plan.at(-1) ?? 0;
  return last + Math.max(1, Math.ceil((elapsedMs - last + 1) / intervalMs)) * intervalMs;
}

/**
 * Simulate fixed vs adaptive on a solve-time distribution: mean polls per task and mean ready→seen latency.
 */
export function simulatePolicy(draw: () => number, t: PollTiming, history = 50, trials = 2000) {
  const train = Array.from({ length: history }, draw);
  const test = Array.from({ length: trials }, draw);
  const fixed = evaluate(fixedPlan(t), test, t.intervalMs);
  const adaptive = evaluate(planPolls(train, t, true), test, t.intervalMs);
  return { fixed, adaptive };
}
