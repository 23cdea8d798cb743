// The real-vendor suite's summary: cases passed/failed and, per case, detect time (page DOMContentLoaded →
// createTask at the sandbox) and fill time (sandbox ready → token in the page's field), with p50/p95 across
// the cases that measured them. Printed at the end and written to e2e/real/out/summary.json (the folder
// ignores itself: it holds a `.gitignore` of `*`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const OUT = join(import.meta.dirname, 'out');

/** Nearest-rank percentile of a sorted list. */
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : undefined;

const stats = (values: Array<number | undefined>) => {
  const v = values
    .filter((x): x is number => typeof x === 'number' && Number.isFinite(x))
    .sort((a, b) => a - b);
  return { n: v.length, p50: percentile(v, 50), p95: percentile(v, 95) };
};

const ms = (v: number | undefined) => (v === undefined ? '–' : `${v} ms`);

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const cases = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const result = test.result();
        const real = test.meta().real;
        cases.push({
          file: mod.moduleId.split('/').slice(-2).join('/'),
          name: test.name,
          state: result.state,
          detectMs: real?.detectMs,
          fillMs: real?.fillMs,
          notes: real?.notes?.length ? real.notes : undefined,
          solveError: real?.solveError,
          renderDiffs: real?.renderDiffs,
          traces: real?.traces,
          errors:
            result.state === 'failed'
              ? [...new Set((result.errors ?? []).map((e) => String(e.message).split('\n')[0]))]
              : undefined,
        });
      }
    }
    const timed = cases.filter((c) => c.file.endsWith('cases.real.ts'));
    const summary = {
      at: new Date().toISOString(),
      extension: process.env.EXT_DIR ?? '.output/chrome-mv3',
      passed: cases.filter((c) => c.state === 'passed').length,
      failed: cases.filter((c) => c.state === 'failed').length,
      skipped: cases.filter((c) => c.state !== 'passed' && c.state !== 'failed').length,
      detectMs: stats(timed.map((c) => c.detectMs)),
      fillMs: stats(timed.map((c) => c.fillMs)),
      cases,
    };
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, '.gitignore'), '*\n');
    writeFileSync(join(OUT, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

    const lines = ['', 'Real-vendor suite summary', ''];
    const width = Math.min(Math.max(...cases.map((c) => c.name.length), 10), 72);
    const state = (s: string) => (s === 'passed' ? 'pass' : s === 'failed' ? 'FAIL' : s);
    // solve: the functional part; render: the same frames/fields/globals as without the extension.
    lines.push(`  ${'case'.padEnd(width)}  result  solve  render    detect     fill`);
    for (const c of cases) {
      const solve = c.renderDiffs === undefined ? '' : c.solveError ? 'FAIL' : 'ok';
      const render = c.renderDiffs === undefined ? '' : c.renderDiffs.length ? 'DIFFERS' : 'same';
      lines.push(
        `  ${c.name.slice(0, width).padEnd(width)}  ${state(c.state).padEnd(6)}  ${solve.padEnd(5)}  ` +
          `${render.padEnd(7)}  ${ms(c.detectMs).padStart(8)} ${ms(c.fillMs).padStart(8)}`,
      );
    }
    const failed = cases.filter((c) => c.state === 'failed');
    if (failed.length) lines.push('', '  Why:');
    for (const c of failed) {
      lines.push(`  - ${c.name}`);
      if (c.solveError) lines.push(`      solve: ${c.solveError}`);
      for (const d of c.renderDiffs ?? []) lines.push(`      render: ${d}`);
      for (const d of c.traces ?? [])
        lines.push(`      trace: ${d.length > 300 ? `${d.slice(0, 300)}…` : d}`);
      if (!c.solveError && !c.renderDiffs?.length && !c.traces?.length)
        for (const e of c.errors ?? []) lines.push(`      ${e}`);
    }
    lines.push('');
    lines.push(
      `  ${summary.passed} passed, ${summary.failed} failed` +
        (summary.skipped ? `, ${summary.skipped} skipped` : ''),
    );
    lines.push(
      `  detect (DOMContentLoaded → createTask): p50 ${ms(summary.detectMs.p50)}, p95 ` +
        `${ms(summary.detectMs.p95)} over ${summary.detectMs.n} cases`,
    );
    lines.push(
      `  fill (sandbox ready → token in the field): p50 ${ms(summary.fillMs.p50)}, p95 ` +
        `${ms(summary.fillMs.p95)} over ${summary.fillMs.n} cases`,
    );
    lines.push(`  written to ${join(OUT, 'summary.json')}`, '');
    console.log(lines.join('\n'));
  }
}
