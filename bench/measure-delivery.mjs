// Delivery latency (task ready at the sandbox → token in the page's field) and polls per task, fixed
// schedule vs adaptive polling, for a few solve-time distributions. Each distribution gets its own
// browser and sandbox (the engine learns per task type from history); it is warmed with solves first,
// then fixed and adaptive batches alternate (F A A F …).
import { until } from './rig.mjs';
import { BENCH_SETTINGS, benchUrl, closeAll, launchExtension, polling } from './session.mjs';
import { mean, round, summary } from './stats.mjs';
import { filledRecords, insertWidget, siteKey, taskFor, toMs } from './widgets.mjs';

/** Deterministic PRNG (mulberry32) so every run draws the same solve times. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Solve-time distributions (ms) the sandbox draws from. */
export const DISTRIBUTIONS = [
  { name: 'steady 4 s ±0.25', maxMs: 4250, sample: (r) => 3750 + r() * 500 },
  { name: 'fast 1–3 s', maxMs: 3000, sample: (r) => 1000 + r() * 2000 },
  { name: 'spread 2–8 s', maxMs: 8000, sample: (r) => 2000 + r() * 6000 },
];

/** Insert `n` widgets on a fresh insert.html tab, wait for their tokens, and read the sandbox's records. */
async function runBatch(h, tag, n, planned, timeoutMs) {
  const page = await h.context.newPage();
  try {
    await page.goto(benchUrl('insert.html'), { waitUntil: 'load' });
    const keys = Array.from({ length: n }, (_, i) => siteKey(tag, i));
    for (const key of keys) await insertWidget(page, key);
    let filled = {};
    await until(
      async () => {
        filled = await filledRecords(page);
        return keys.every((k) => filled[k]);
      },
      timeoutMs,
      `tokens for batch ${tag}`,
    ).catch(() => {});
    const out = keys.map((key) => {
      const task = taskFor(h.sandbox, key);
      const createdAt = toMs(task?.createdAt);
      const readyAt =
        toMs(task?.readyAt) ?? (createdAt !== null && planned.has(key) ? createdAt + planned.get(key) : null);
      const filledAt = filled[key]?.at ?? null;
      return {
        key,
        delivered: filledAt !== null && readyAt !== null,
        deliveryMs: filledAt !== null && readyAt !== null ? filledAt - readyAt : Number.NaN,
        polls: typeof task?.polls === 'number' ? task.polls : Number.NaN,
      };
    });
    if (process.env.BENCH_TRACE)
      for (const o of out) console.log(tag, planned.get(o.key), o.polls, Math.round(o.deliveryMs));
    return out;
  } finally {
    await page.close();
  }
}

/** Summary of one mode's samples. */
function modeSummary(samples) {
  const delivered = samples.filter((s) => s.delivered);
  return {
    tasks: samples.length,
    delivered: delivered.length,
    deliveryMs: summary(delivered.map((s) => s.deliveryMs)),
    meanMs: round(mean(delivered.map((s) => s.deliveryMs)), 0),
    pollsPerTask: round(mean(samples.map((s) => s.polls)), 2),
  };
}

/** Fixed vs adaptive delivery for one distribution, in its own browser. */
export async function measureDeliveryFor(distribution, { warm, batch, rounds, seed }) {
  // Paired draws: the n-th fixed batch and the n-th adaptive batch get the same solve times, so the
  // comparison is between the policies, not between two samples of the distribution (with 10 unpaired
  // tasks a side, identical policies differed by 20 %).
  const planned = new Map();
  const plan = (tag, stream) => {
    const draw = prng(seed * 1000 + stream);
    for (let i = 0; i < (tag === 'warm' ? warm : batch); i++)
      planned.set(siteKey(tag, i), Math.round(distribution.sample(draw)));
  };
  const solveMs = (task) => {
    const key = task?.websiteKey ?? task?.task?.websiteKey;
    return planned.get(key) ?? Math.round(distribution.sample(Math.random));
  };
  const h = await launchExtension({ sandbox: { solveMs }, settings: { polling: polling(true) } });
  const timeoutMs = distribution.maxMs + 20_000;
  try {
    plan('warm', 999);
    const warmed = await runBatch(h, 'warm', warm, planned, timeoutMs);
    if (!warmed.some((s) => s.delivered)) throw new Error('no token reached the page during warm-up');
    const samples = { fixed: [], adaptive: [] };
    const batches = { fixed: 0, adaptive: 0 };
    for (let i = 0; i < rounds; i++) {
      // F A A F …: each mode goes first equally often.
      const mode = i % 4 === 0 || i % 4 === 3 ? 'fixed' : 'adaptive';
      plan(`${mode}${i}`, batches[mode]++);
      await h.configure({ settings: { ...BENCH_SETTINGS, polling: polling(mode === 'adaptive') } });
      samples[mode].push(...(await runBatch(h, `${mode}${i}`, batch, planned, timeoutMs)));
    }
    const fixed = modeSummary(samples.fixed);
    const adaptive = modeSummary(samples.adaptive);
    return {
      distribution: distribution.name,
      fixed,
      adaptive,
      p50Ratio: round(adaptive.deliveryMs.p50 / fixed.deliveryMs.p50, 2),
    };
  } finally {
    await closeAll(h);
  }
}

/** Every distribution, in parallel browsers (the runs mostly wait on solve timers, not on the CPU). */
export async function measureDelivery(opts) {
  const results = await Promise.allSettled(
    DISTRIBUTIONS.map((d, i) => measureDeliveryFor(d, { ...opts, seed: 1000 + i })),
  );
  const out = results.map((r, i) =>
    r.status === 'fulfilled'
      ? r.value
      : { distribution: DISTRIBUTIONS[i].name, error: r.reason?.message ?? String(r.reason) },
  );
  if (out.every((r) => r.error)) throw new Error(out[0].error);
  return out;
}
