// `npm run bench`: size and speed of the built extension in real Chromium, each timing as a ratio to a
// baseline taken in the same run. Prints a table, writes bench/out/latest.json and the README section.
// Env: EXT_DIR (build folder, default .output/chrome-mv3), BENCH_QUICK=1 (fewer repetitions, smoke test),
// BENCH_README=0 (do not rewrite the README section), VENDOR_CORPUS (the real-vendor rows' corpus folder).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGETS } from './budgets.mjs';
import { machine } from './machine.mjs';
import { measureChurn } from './measure-churn.mjs';
import { measureDelivery } from './measure-delivery.mjs';
import { measureDetection } from './measure-detection.mjs';
import { measureInjected } from './measure-injected.mjs';
import { measurePageLoad, measureScriptTime } from './measure-load.mjs';
import { measurePopup } from './measure-popup.mjs';
import { measureRealDelivery, measureRealDetection, realPrerequisite } from './measure-real.mjs';
import { buildRows, bundleRows, markdownTable, textTable, updateReadme } from './report.mjs';
import { EXT_DIR, ROOT } from './rig.mjs';
import { closeAll, launchBaseline, launchExtension, widgetPrerequisite } from './session.mjs';
import { sizeReport } from './sizes.mjs';

const quick = process.env.BENCH_QUICK === '1';
const N = quick
  ? {
      loads: 4,
      traces: 1,
      churn: 2,
      churnMs: 1000,
      detect: 4,
      cold: 2,
      popup: 4,
      warm: 5,
      batch: 3,
      rounds: 2,
      realDetect: 4,
      realWarm: 6,
      realBatch: 3,
      realRounds: 4,
    }
  : {
      loads: 80,
      traces: 3,
      churn: 10,
      churnMs: 2000,
      detect: 12,
      cold: 5,
      popup: 12,
      warm: 20,
      batch: 5,
      rounds: 8,
      realDetect: 12,
      realWarm: 10,
      realBatch: 5,
      realRounds: 8,
    };

const started = Date.now();
const log = (msg) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}\n`);

/** Run one measurement; a failure becomes { ok: false, reason } (reported as n/a), never a crash. */
async function step(name, fn) {
  log(name);
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    log(`${name}: n/a — ${reason}`);
    return { ok: false, reason };
  }
}

const results = {};
results.sizes = await step('sizes', async () => sizeReport(EXT_DIR));

let ext = null;
let base = null;
const extLaunch = await step('launch with extension', async () => {
  ext = await launchExtension();
  return true;
});
const needExt = (fn) =>
  ext ? fn : () => Promise.reject(new Error(`extension did not start: ${extLaunch.reason}`));
try {
  const baseLaunch = await step('launch baseline', async () => {
    base = await launchBaseline();
    return true;
  });
  const needBoth = (fn) =>
    base
      ? needExt(fn)
      : () => Promise.reject(new Error(`baseline browser did not start: ${baseLaunch.reason}`));
  // The A/B timings first, in browsers no DevTools session has touched yet: after the Debugger and
  // Tracing sessions of the instrumented steps the same churn A/B measured −25 % instead of −3 %.
  results.pageLoad = await step(
    'page load',
    needBoth(() => measurePageLoad({ ext, base, runs: N.loads })),
  );
  results.churn = await step(
    'DOM churn',
    needBoth(() => measureChurn({ ext, base, runs: N.churn, ms: N.churnMs })),
  );
  results.injected = await step(
    'injected scripts',
    needExt(() => measureInjected({ ext })),
  );
  results.scriptTime = await step(
    'main-thread time',
    needExt(() => measureScriptTime({ ext, loads: N.traces })),
  );
  await closeAll(base);
  const widgetsMissing = widgetPrerequisite();
  results.detection = await step(
    'detection',
    needExt(() =>
      widgetsMissing
        ? Promise.reject(new Error(widgetsMissing))
        : measureDetection({ ext, samples: N.detect, coldSamples: N.cold }),
    ),
  );
  results.popup = await step(
    'popup',
    needExt(() => measurePopup({ ext, runs: N.popup })),
  );
} finally {
  await closeAll(ext, base);
}
for (const name of ['injected', 'pageLoad', 'scriptTime', 'churn', 'detection', 'popup']) {
  results[name] ??= { ok: false, reason: 'not run (an earlier step failed)' };
}
results.delivery = results.detection.ok
  ? await step('delivery', () => measureDelivery({ warm: N.warm, batch: N.batch, rounds: N.rounds }))
  : { ok: false, reason: `skipped: detection did not work (${results.detection.reason})` };

// The same two figures on the vendors' real scripts (the vendor corpus, outside the repository), each in
// its own browser after the others closed: n/a without the corpus.
const realMissing = await realPrerequisite();
if (realMissing) log(`real-vendor rows: n/a — ${realMissing}`);
results.realDetection = realMissing
  ? { ok: false, reason: realMissing }
  : await step('detection, real reCAPTCHA release', () => measureRealDetection({ samples: N.realDetect }));
results.realDelivery = realMissing
  ? { ok: false, reason: realMissing }
  : await step('delivery, real reCAPTCHA page', () =>
      measureRealDelivery({ warm: N.realWarm, batch: N.realBatch, rounds: N.realRounds }),
    );

const meta = {
  date: new Date().toISOString(),
  machine: machine(),
  extDir: EXT_DIR,
  quick,
  repetitions: N,
  budgets: BUDGETS,
};
const rows = buildRows(results);
const columns = ['metric', 'value', 'baseline', 'ratio', 'budget', 'verdict', 'note'];
const bundles = results.sizes.ok ? bundleRows(results.sizes.data) : [];
const bundleColumns = ['name', 'files', 'raw', 'gzip'];

process.stdout.write(`\n${textTable(rows, columns)}\n\n`);
if (bundles.length) process.stdout.write(`${textTable(bundles, bundleColumns)}\n\n`);

const outDir = join(ROOT, 'bench/out');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify({ ...meta, rows, results }, null, 2)}\n`);

const m = meta.machine;
const section = [
  '## Benchmark',
  '',
  `Latest \`npm run bench\`: ${meta.date.slice(0, 10)} on ${m.cpu}, ${m.cores} cores, ${m.chromium}, ` +
    `Node ${m.node}${quick ? ' (quick mode: fewer repetitions)' : ''}. ` +
    'Ratios compare with a baseline measured in the same run (the same browser without the extension, ' +
    'the fixed polling schedule, or a blank page); budgets are reported, never asserted, except sizes ' +
    '(`e2e/size-budget.e2e.ts`). Method: `bench/README.md`; raw figures: `bench/out/latest.json`.',
  '',
  markdownTable(rows, columns),
  '',
  ...(bundles.length
    ? ['Bundles (entry + the chunks it imports):', '', markdownTable(bundles, bundleColumns), '']
    : []),
].join('\n');
writeFileSync(join(outDir, 'readme-section.md'), `${section}\n`);
// BENCH_README=0 leaves README.md alone (a trial run in a tree others edit; the section is in bench/out).
const writeReadme = process.env.BENCH_README !== '0';
if (writeReadme) updateReadme(join(ROOT, 'README.md'), section);
log(
  `done in ${((Date.now() - started) / 1000).toFixed(0)} s; wrote ` +
    `bench/out/latest.json${writeReadme ? ' and README.md' : ''}`,
);
