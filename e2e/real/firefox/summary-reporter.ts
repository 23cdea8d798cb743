// The Firefox real-vendor summary: cases passed/failed and, per case, detect time (page DOMContentLoaded →
// createTask at the sandbox; from the click for a widget that waits for it) and fill time (sandbox ready →
// token in the page), with p50/p95. Printed at the end and written to e2e/real/out/firefox-summary.json
// (the folder ignores itself: it holds a `.gitignore` of `*`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { FIREFOX_EXT_DIR } from '../../firefox/rig.mjs';
import { skipReason } from './ff-real-rig';

const OUT = join(import.meta.dirname, '..', 'out');
const FILE = join(OUT, 'firefox-summary.json');

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : undefined;
const stats = (values: Array<number | undefined>) => {
  const v = values
    .filter((x): x is number => typeof x === 'number' && Number.isFinite(x))
    .sort((a, b) => a - b);
  return { n: v.length, p50: percentile(v, 50), p95: percentile(v, 95) };
};
const gitHead = () => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
};
const ms = (v: number | undefined) => (v === undefined ? '–' : `${v} ms`);

export default class FirefoxSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const cases = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const result = test.result();
        const real = test.meta().real;
        cases.push({
          name: test.name,
          state: result.state,
          detectMs: real?.detectMs,
          fillMs: real?.fillMs,
          notes: real?.notes?.length ? real.notes : undefined,
          solveError: real?.solveError,
          renderDiffs: real?.renderDiffs,
          errors:
            result.state === 'failed'
              ? [...new Set((result.errors ?? []).map((e) => String(e.message).split('\n')[0]))]
              : undefined,
        });
      }
    }
    const summary = {
      at: new Date().toISOString(),
      browser: 'firefox-esr',
      commit: gitHead(),
      extension: FIREFOX_EXT_DIR,
      skipped: skipReason() ?? undefined,
      passed: cases.filter((c) => c.state === 'passed').length,
      failed: cases.filter((c) => c.state === 'failed').length,
      notRun: cases.filter((c) => c.state !== 'passed' && c.state !== 'failed').length,
      detectMs: stats(cases.map((c) => c.detectMs)),
      fillMs: stats(cases.map((c) => c.fillMs)),
      cases,
    };
    mkdirSync(OUT, { recursive: true });
    if (!existsSync(join(OUT, '.gitignore'))) writeFileSync(join(OUT, '.gitignore'), '*\n');
    writeFileSync(FILE, `${JSON.stringify(summary, null, 2)}\n`);

    const lines = ['', 'Firefox ESR real-vendor summary', ''];
    if (summary.skipped) lines.push(`  ${summary.skipped}`, '');
    const width = Math.min(Math.max(...cases.map((c) => c.name.length), 10), 72);
    const state = (s: string) => (s === 'passed' ? 'pass' : s === 'failed' ? 'FAIL' : s);
    lines.push(`  ${'case'.padEnd(width)}  result  solve  render    detect     fill`);
    for (const c of cases) {
      const solve = c.renderDiffs === undefined ? '' : c.solveError ? 'FAIL' : 'ok';
      const render = c.renderDiffs === undefined ? '' : c.renderDiffs.length ? 'DIFFERS' : 'same';
      lines.push(
        `  ${c.name.slice(0, width).padEnd(width)}  ${state(c.state).padEnd(6)}  ${solve.padEnd(5)}  ` +
          `${render.padEnd(7)}  ${ms(c.detectMs).padStart(8)} ${ms(c.fillMs).padStart(8)}`,
      );
      for (const n of c.notes ?? []) lines.push(`      note: ${n}`);
    }
    const failed = cases.filter((c) => c.state === 'failed');
    if (failed.length) lines.push('', '  Why:');
    for (const c of failed) {
      lines.push(`  - ${c.name}`);
      if (c.solveError) lines.push(`      solve: ${c.solveError}`);
      for (const d of c.renderDiffs ?? []) lines.push(`      render: ${d}`);
      if (!c.solveError && !c.renderDiffs?.length) for (const e of c.errors ?? []) lines.push(`      ${e}`);
    }
    lines.push(
      '',
      `  ${summary.passed} passed, ${summary.failed} failed` +
        (summary.notRun ? `, ${summary.notRun} not run` : ''),
      `  detect (page load → createTask): p50 ${ms(summary.detectMs.p50)}, p95 ${ms(summary.detectMs.p95)} ` +
        `over ${summary.detectMs.n} cases`,
      `  fill (task ready → token in the page): p50 ${ms(summary.fillMs.p50)}, p95 ` +
        `${ms(summary.fillMs.p95)} over ${summary.fillMs.n} cases`,
      `  written to ${FILE}`,
      '',
    );
    console.log(lines.join('\n'));
  }
}
