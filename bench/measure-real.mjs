// Detection and delivery on the vendors' REAL client scripts: the real-vendor rig (e2e/real/real-rig.ts)
// serves Google's loader and the real reCAPTCHA release from the vendor corpus kept outside the repository
// (e2e/real/README.md), with our stub vendor frames. The page is e2e/real/pages/v2-checkbox.html (a real v2
// checkbox, auto-rendered), served as a template: `?k=<sitekey>` replaces its data-sitekey, so each page
// load makes a task of its own. Without the corpus both rows are n/a.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGETS } from './budgets.mjs';
import { ROOT, SITE, until } from './rig.mjs';
import { BENCH_SETTINGS, closeAll, polling } from './session.mjs';
import { mean, round, summary } from './stats.mjs';
import { siteKey } from './widgets.mjs';

const RIG_TS = join(ROOT, 'e2e/real/real-rig.ts');
const TEMPLATE = 'v2-checkbox.html';
const FIELD = /^g-recaptcha-response#/;
/** The sandbox's solve time for the delivery row: a steady provider, 2.5 s ± JITTER_MS (seeded draws). */
export const SOLVE_MS = 2500;
export const JITTER_MS = 50;

/** Limits for a benchmark's volume of page loads, none of which follows a user gesture. */
const SETTINGS = { ...BENCH_SETTINGS, limits: { ...BENCH_SETTINGS.limits, perSiteNoGesturePerHour: 1000 } };

let rigPromise = null;
/** The real-vendor rig (TypeScript, loaded through jiti — a dependency of vite and wxt — on Node 20). */
async function realRig() {
  rigPromise ??= (async () => {
    if (!existsSync(RIG_TS)) throw new Error('the real-vendor rig (e2e/real/real-rig.ts) is missing');
    const { createJiti } = await import('jiti');
    return createJiti(import.meta.url).import(RIG_TS);
  })();
  return rigPromise;
}

/** Why the real-vendor rows cannot run (a short reason for the table), or null when they can. */
export async function realPrerequisite() {
  let rig;
  try {
    rig = await realRig();
  } catch (err) {
    return `the real-vendor rig did not load (${err instanceof Error ? err.message.split('\n')[0] : err})`;
  }
  if (!existsSync(rig.CORPUS)) return 'no vendor corpus (see e2e/real/README.md)';
  const problem = rig.corpusProblem();
  return problem ? problem.replace(/\.$/, '') : null;
}

/** Deterministic PRNG (mulberry32, as measure-delivery.mjs) so every run draws the same solve times. */
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

/**
 * A real-vendor browser with the extension; `/v2-checkbox.html?k=<key>` answers the fixture page with
 * that sitekey (registered after the rig's route, so asked first; without `k` the rig's route answers).
 */
async function launch(rig, opts) {
  const real = await rig.launchReal({
    extension: true,
    ...opts,
    settings: { ...SETTINGS, ...opts.settings },
  });
  const template = readFileSync(join(rig.PAGES, TEMPLATE), 'utf8');
  if (!/data-sitekey="[^"]*"/.test(template)) {
    await real.close();
    throw new Error(`e2e/real/pages/${TEMPLATE} has no data-sitekey to template`);
  }
  await real.h.context.route(`${SITE}/${TEMPLATE}?*`, (route) => {
    const key = new URL(route.request().url()).searchParams.get('k');
    if (!key || !/^[\w-]{1,100}$/.test(key)) return route.fallback();
    return route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: template.replace(/data-sitekey="[^"]*"/, `data-sitekey="${key}"`),
    });
  });
  return real;
}

const pageUrl = (key) => `${SITE}/${TEMPLATE}?k=${encodeURIComponent(key)}`;

/** Open the templated page for `key` in a new tab (not waiting for the vendor's frames). */
async function openFor(real, key) {
  const page = await real.h.context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(pageUrl(key), { waitUntil: 'domcontentloaded' });
  return page;
}

const closeQuietly = (page) =>
  Promise.race([page.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);

/** When the sandbox got the first getTaskResult for a task (epoch ms), or null. */
function firstPollAt(sandbox, taskId) {
  const req = sandbox.requests.find((r) => r.path === '/getTaskResult' && r.body?.taskId === taskId);
  return req ? req.at : null;
}

const ANCHOR = /\/recaptcha\/api2\/anchor\?/;

/** DOMContentLoaded (epoch ms) of the widget's own frame (the anchor, cross-origin), or null before it. */
async function anchorDcl(page, key) {
  const frame = page
    .frames()
    .find((f) => ANCHOR.test(f.url()) && new URL(f.url()).searchParams.get('k') === key);
  if (!frame) return null;
  return frame
    .evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return nav && nav.domContentLoadedEventStart > 0
        ? performance.timeOrigin + nav.domContentLoadedEventStart
        : null;
    })
    .catch(() => null);
}

/**
 * One page load: createTask at the sandbox − DOMContentLoaded of the widget's frame (the anchor the real
 * release renders), and − the page's DOMContentLoaded (its observer; what e2e/real reports as detect).
 */
async function detectOnce(rig, real, key, timeoutMs) {
  const page = await openFor(real, key);
  try {
    const at = await until(() => rig.createdAt(real.h, key), timeoutMs, `createTask for ${key}`);
    const { dcl } = await until(
      async () => {
        const o = await rig.observed(page);
        return o.dcl ? o : null;
      },
      5000,
      'the page observer’s DOMContentLoaded',
    );
    const frameDcl = await until(() => anchorDcl(page, key), 5000, 'the anchor frame’s DOMContentLoaded');
    return { frameMs: at - frameDcl, pageMs: at - dcl };
  } finally {
    await closeQuietly(page);
  }
}

/**
 * Detection on the real release: `samples` page loads of the real v2 checkbox page, each with its own
 * sitekey, one at a time (a probe load first: the first load also compiles the release).
 */
export async function measureRealDetection({ samples }) {
  const rig = await realRig();
  const real = await launch(rig, { solveMs: 1000 });
  try {
    try {
      await detectOnce(rig, real, siteKey('rprobe', 0), 20_000);
    } catch (err) {
      throw new Error(
        `no createTask on the real v2 checkbox page (${err.message}); unanswered requests: ` +
          `${real.unanswered.slice(0, 3).join(', ') || 'none'}`,
      );
    }
    const runs = [];
    for (let i = 0; i < samples; i++) {
      runs.push(await detectOnce(rig, real, siteKey('rdet', i), 10_000));
      await new Promise((r) => setTimeout(r, 200));
    }
    return {
      page: TEMPLATE,
      fromFrame: summary(runs.map((r) => r.frameMs)),
      fromPage: summary(runs.map((r) => r.pageMs)),
      samples: runs.map((r) => [Math.round(r.frameMs), Math.round(r.pageMs)]),
    };
  } finally {
    await closeAll(real);
  }
}

/** Open `n` pages at once (one sitekey each), wait for their tokens in the page field; per-task records. */
async function runBatch(rig, real, tag, n, timeoutMs) {
  const keys = Array.from({ length: n }, (_, i) => siteKey(tag, i));
  const pages = await Promise.all(keys.map((k) => openFor(real, k)));
  try {
    const filled = new Map();
    await until(
      async () => {
        for (let i = 0; i < n; i++) {
          if (filled.has(keys[i])) continue;
          const o = await rig.observed(pages[i]).catch(() => null);
          const hit = o && Object.entries(o.filled).find(([k]) => FIELD.test(k))?.[1];
          if (hit) filled.set(keys[i], hit.at);
        }
        return filled.size === n;
      },
      timeoutMs,
      `tokens for batch ${tag}`,
    ).catch(() => {});
    const out = keys.map((key) => {
      const task = rig.sandboxTask(real.h, key);
      const filledAt = filled.get(key) ?? null;
      const first = task ? firstPollAt(real.h.sandbox, task.taskId) : null;
      return {
        key,
        planned: task ? task.readyAt - task.createdAt : Number.NaN,
        delivered: filledAt !== null && task !== undefined,
        deliveryMs: filledAt !== null && task ? filledAt - task.readyAt : Number.NaN,
        polls: task ? task.polls : Number.NaN,
        firstPollMs: first !== null && task ? first - task.createdAt : Number.NaN,
      };
    });
    if (process.env.BENCH_TRACE) {
      for (const o of out) {
        console.log(tag, o.planned, o.polls, Math.round(o.firstPollMs), Math.round(o.deliveryMs));
      }
    }
    return out;
  } finally {
    await Promise.all(pages.map(closeQuietly));
  }
}

/** Summary of one mode's tasks. */
function modeSummary(samples) {
  const delivered = samples.filter((s) => s.delivered);
  const firstPolls = samples.map((s) => s.firstPollMs).filter(Number.isFinite);
  return {
    tasks: samples.length,
    delivered: delivered.length,
    deliveryMs: summary(delivered.map((s) => s.deliveryMs)),
    meanMs: round(mean(delivered.map((s) => s.deliveryMs)), 0),
    pollsPerTask: round(mean(samples.map((s) => s.polls)), 2),
    firstPollMs: summary(firstPolls),
    /** Tasks whose first getTaskResult came before the API's 3 s guidance (less the timer jitter allowed). */
    earlyFirstPolls: firstPolls.filter((x) => x < BUDGETS.firstPollMs - BUDGETS.firstPollJitterMs).length,
  };
}

/**
 * Delivery on the real v2 checkbox page for a provider with steady 2.5 s solves: `warm` tasks first (the
 * adaptive policy learns from them), then `rounds` batches of `batch` page loads alternating fixed and
 * adaptive polling F A A F …, with paired draws (the n-th fixed and n-th adaptive batch get the same
 * solve times), as measure-delivery.mjs does on the imitation.
 */
export async function measureRealDelivery({ warm, batch, rounds, seed = 2500 }) {
  const rig = await realRig();
  const planned = new Map();
  const plan = (tag, n, stream) => {
    const draw = prng(seed * 1000 + stream);
    for (let i = 0; i < n; i++) {
      planned.set(siteKey(tag, i), Math.round(SOLVE_MS - JITTER_MS + draw() * 2 * JITTER_MS));
    }
  };
  const solveMs = (task) =>
    planned.get(String(task?.websiteKey).trim()) ??
    Math.round(SOLVE_MS - JITTER_MS + Math.random() * 2 * JITTER_MS);
  const real = await launch(rig, { sandbox: { solveMs }, settings: { polling: polling(true) } });
  const timeoutMs = SOLVE_MS + 20_000;
  try {
    // Warm-up in batches of `batch` (sequential batches, so the history grows as on a real site).
    const warmed = [];
    for (let b = 0; warmed.length < warm; b++) {
      const n = Math.min(batch, warm - warmed.length);
      plan(`rwarm${b}`, n, 900 + b);
      warmed.push(...(await runBatch(rig, real, `rwarm${b}`, n, timeoutMs)));
    }
    if (!warmed.some((s) => s.delivered)) {
      throw new Error(
        `no token reached the real page's field during warm-up ` +
          `(${warmed.filter((s) => Number.isFinite(s.polls)).length}/${warmed.length} tasks created)`,
      );
    }
    const samples = { fixed: [], adaptive: [] };
    const batches = { fixed: 0, adaptive: 0 };
    for (let i = 0; i < rounds; i++) {
      const mode = i % 4 === 0 || i % 4 === 3 ? 'fixed' : 'adaptive';
      const tag = `r${mode}${i}`;
      plan(tag, batch, batches[mode]++);
      await real.h.configure({ settings: { ...SETTINGS, polling: polling(mode === 'adaptive') } });
      samples[mode].push(...(await runBatch(rig, real, tag, batch, timeoutMs)));
    }
    const fixed = modeSummary(samples.fixed);
    const adaptive = modeSummary(samples.adaptive);
    return {
      solve: `steady ${SOLVE_MS / 1000} s ±${JITTER_MS} ms`,
      solveMs: SOLVE_MS,
      page: TEMPLATE,
      warm: { tasks: warmed.length, delivered: warmed.filter((s) => s.delivered).length },
      fixed,
      adaptive,
      p50Ratio: round(adaptive.deliveryMs.p50 / fixed.deliveryMs.p50, 2),
    };
  } finally {
    await closeAll(real);
  }
}
