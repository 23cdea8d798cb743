import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { interleavedTabs } from '../bench/ab.mjs';
import { BUDGETS } from '../bench/budgets.mjs';
import { attributeByFrame, rendererMainThreadMs } from '../bench/cdp.mjs';
import { buildRows, overheadVerdict, replaceSection } from '../bench/report.mjs';
import { closure, sizeReport } from '../bench/sizes.mjs';
import { pairedRatio, pairedRatioCI, quantile, summary } from '../bench/stats.mjs';
import { listFiles, zipFolder } from '../bench/zip.mjs';

// The benchmark's own arithmetic: if these are wrong, every figure in the README is wrong.

describe('stats', () => {
  it.each([
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[10, 20], 0.5, 15],
    [[5, 1, 3], 0, 1],
    [[5, 1, 3], 1, 5],
    [[0, 100], 0.95, 95],
  ])('quantile(%j, %d) = %d', (values, q, expected) => {
    expect(quantile(values, q)).toBeCloseTo(expected);
  });

  it('ignores non-finite samples and reports an empty sample as NaN / null', () => {
    expect(quantile([Number.NaN, 4, 2], 0.5)).toBe(3);
    expect(quantile([], 0.5)).toBeNaN();
    expect(summary([]).p50).toBeNull();
  });

  it('takes the median of per-pair ratios, so one slow pair does not move it', () => {
    expect(pairedRatio([110, 220, 1000], [100, 200, 300])).toBeCloseTo(1.1);
  });

  it('gives a confidence interval around the paired ratio that widens with noise', () => {
    const base = Array.from({ length: 20 }, (_, i) => 400 + (i % 5) * 10);
    const steady = base.map((x) => x * 1.05);
    const noisy = base.map((x, i) => x * (i % 2 ? 0.9 : 1.2));
    const [lo, hi] = pairedRatioCI(steady, base);
    expect(lo).toBeCloseTo(1.05);
    expect(hi).toBeCloseTo(1.05);
    const [nlo, nhi] = pairedRatioCI(noisy, base);
    expect(nlo).toBeLessThan(1);
    expect(nhi).toBeGreaterThan(1.1);
  });

  it.each([
    [0.01, [0.0, 0.015], 'met'],
    [0.05, [0.03, 0.07], 'NOT met'],
    [0.01, [-0.03, 0.05], 'met (within noise)'],
    [0.03, [-0.01, 0.06], 'NOT met (within noise)'],
  ] as const)('an overhead of %d with interval %j against 2 %% is %s', (overhead, ci, expected) => {
    expect(overheadVerdict(overhead, [ci[0], ci[1]], 0.02)).toBe(expected);
  });
});

describe('trace attribution', () => {
  const prefix = 'chrome-extension://abc/';
  const ev = (name: string, ts: number, dur: number, frame: string, url = `${prefix}cs.js`, tid = 1) => ({
    name,
    ph: 'X',
    pid: 1,
    tid,
    ts,
    dur,
    tdur: dur / 2,
    args: { data: { url, frame } },
  });

  it('sums extension script time per frame, merging nested events and ignoring the page', () => {
    const frames = attributeByFrame(
      [
        ev('EvaluateScript', 0, 1000, 'F1'),
        ev('FunctionCall', 200, 300, 'F1'), // nested: already counted
        ev('FunctionCall', 5000, 500, 'F1'),
        ev('FunctionCall', 0, 2000, 'F2'),
        ev('FunctionCall', 0, 9000, 'F1', 'https://site.test/app.js'), // the page's own script
      ],
      prefix,
    );
    const byFrame = Object.fromEntries(frames.map((f) => [f.frame, f]));
    expect(byFrame.F1?.wallMs).toBeCloseTo(1.5);
    expect(byFrame.F1?.cpuMs).toBeCloseTo(0.75);
    expect(byFrame.F2?.wallMs).toBeCloseTo(2);
  });

  it('sums renderer main-thread tasks, merging nested ones and ignoring other threads', () => {
    const task = (ts: number, dur: number, tid = 1) => ({ name: 'RunTask', ph: 'X', pid: 1, tid, ts, dur });
    const ms = rendererMainThreadMs([
      { name: 'thread_name', ph: 'M', pid: 1, tid: 1, ts: 0, args: { name: 'CrRendererMain' } },
      { name: 'thread_name', ph: 'M', pid: 1, tid: 2, ts: 0, args: { name: 'Compositor' } },
      task(0, 4000),
      task(1000, 1000), // nested
      task(3000, 3000), // overlaps the first by 1 ms
      task(10_000, 2000),
      task(0, 50_000, 2), // another thread
    ]);
    expect(ms).toBeCloseTo(8);
  });
});

describe('README section', () => {
  it('appends the markers when missing and replaces only what is between them', () => {
    const once = replaceSection('# Title\n\ntext\n', 'first');
    expect(once).toBe('# Title\n\ntext\n\n<!-- bench:start -->\nfirst\n<!-- bench:end -->\n');
    const twice = replaceSection(`${once}after\n`, 'second');
    expect(twice).toBe('# Title\n\ntext\n\n<!-- bench:start -->\nsecond\n<!-- bench:end -->\nafter\n');
  });
});

describe('size report of a build folder', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function build(contentScriptBytes: number) {
    dir = mkdtempSync(join(tmpdir(), 'bench-sizes-'));
    mkdirSync(join(dir, 'content-scripts'));
    mkdirSync(join(dir, 'chunks'));
    const manifest = {
      manifest_version: 3,
      background: { service_worker: 'background.js' },
      content_scripts: [
        { matches: ['<all_urls>'], js: ['content-scripts/captcha.js'], all_frames: true },
        { matches: ['<all_urls>'], js: ['content-scripts/hooks.js'], all_frames: true, world: 'MAIN' },
        { matches: ['https://example.com/*'], js: ['content-scripts/site.js'] },
      ],
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(dir, 'background.js'), 'import"./chunks/shared.js";');
    writeFileSync(join(dir, 'chunks/shared.js'), 'export const a=1;');
    writeFileSync(join(dir, 'chunks/popup.js'), 'import{a}from"./shared.js";');
    writeFileSync(join(dir, 'popup.html'), '<script type="module" src="/chunks/popup.js"></script>');
    writeFileSync(join(dir, 'content-scripts/captcha.js'), 'x'.repeat(contentScriptBytes));
    writeFileSync(join(dir, 'content-scripts/hooks.js'), 'y'.repeat(100));
    writeFileSync(join(dir, 'content-scripts/site.js'), 'z'.repeat(5000));
    writeFileSync(join(dir, 'vendor-detect.js'), 'v'.repeat(300));
    return sizeReport(dir);
  }

  it('counts every-frame content scripts of all worlds, not site-specific ones', () => {
    const report = build(1000);
    expect(report.perFrame.raw).toBe(1100);
    expect(report.perFrame.files).toEqual(['content-scripts/captcha.js', 'content-scripts/hooks.js']);
    expect(report.perFrame.gzip).toBeLessThan(report.perFrame.raw);
  });

  it('follows imports from pages and scripts, and lists unreferenced scripts as on demand', () => {
    const report = build(10);
    expect(closure(dir, 'popup.html').sort()).toEqual(['chunks/popup.js', 'chunks/shared.js', 'popup.html']);
    expect(report.entrypoints.find((e) => e.name === 'background')?.files).toBe(2);
    expect(report.onDemand.map((f) => f.file)).toEqual(['vendor-detect.js']);
  });

  it('zips every file into a valid archive whose entries inflate back to the files', () => {
    build(20_000);
    const zip = zipFolder(dir);
    expect(zip.readUInt32LE(zip.length - 22)).toBe(0x06054b50);
    expect(zip.readUInt16LE(zip.length - 12)).toBe(listFiles(dir).length);
    // Walk the local entries: each one names a file and its body unpacks to that file's bytes.
    let offset = 0;
    for (const path of listFiles(dir)) {
      expect(zip.readUInt32LE(offset)).toBe(0x04034b50);
      const method = zip.readUInt16LE(offset + 8);
      const packed = zip.readUInt32LE(offset + 18);
      const nameLen = zip.readUInt16LE(offset + 26);
      expect(zip.subarray(offset + 30, offset + 30 + nameLen).toString()).toBe(path);
      const body = zip.subarray(offset + 30 + nameLen, offset + 30 + nameLen + packed);
      expect((method === 8 ? inflateRawSync(body) : body).equals(readFileSync(join(dir, path)))).toBe(true);
      offset += 30 + nameLen + packed;
    }
    // The large, repetitive content script is stored deflated, far below its raw size.
    expect(zip.length).toBeLessThan(5000);
  });

  it('flags a build over the per-frame budget in the report rows', () => {
    const report = build(BUDGETS.perFrameScriptBytes + 1);
    const na = { ok: false as const, reason: 'not run' };
    const rows = buildRows({
      sizes: { ok: true, data: report },
      injected: na,
      pageLoad: na,
      scriptTime: na,
      churn: na,
      detection: na,
      delivery: na,
      popup: na,
    });
    expect(rows[0]?.verdict).toBe('NOT met');
    expect(rows.find((r) => r.metric.startsWith('Chrome zip'))?.verdict).toBe('met');
    expect(rows.filter((r) => r.verdict === 'n/a').length).toBeGreaterThan(5);
  });
});

describe('real-vendor rows', () => {
  const na = { ok: false as const, reason: 'not run' };
  const base = {
    sizes: na,
    injected: na,
    pageLoad: na,
    scriptTime: na,
    churn: na,
    detection: na,
    delivery: na,
    popup: na,
  };
  const stats = (p50: number, p95 = p50, min = p50) => ({ n: 6, p50, p95, min, max: p95 });
  const mode = (p50: number, firstPoll: number, early = 0, polls = 1) => ({
    tasks: 6,
    delivered: 6,
    deliveryMs: stats(p50, p50 + 50),
    meanMs: p50,
    pollsPerTask: polls,
    firstPollMs: stats(firstPoll, firstPoll + 40, firstPoll - 10),
    earlyFirstPolls: early,
  });
  const delivery = (adaptive: ReturnType<typeof mode>, fixed: ReturnType<typeof mode>) => ({
    ok: true as const,
    data: {
      solve: 'steady 2.5 s ±50 ms',
      solveMs: 2500,
      page: 'v2-checkbox.html',
      warm: { tasks: 6, delivered: 6 },
      adaptive,
      fixed,
      p50Ratio: 1,
    },
  });
  const real = (rows: ReturnType<typeof buildRows>) => rows.filter((r) => /real reCAPTCHA/.test(r.metric));

  it('are n/a with the reason when the vendor corpus is absent, beside the imitation rows', () => {
    const reason = 'no vendor corpus (see e2e/real/README.md)';
    const rows = buildRows({
      ...base,
      realDetection: { ok: false, reason },
      realDelivery: { ok: false, reason },
    });
    expect(real(rows).map((r) => [r.value, r.verdict, r.note])).toEqual([
      ['n/a', 'n/a', reason],
      ['n/a', 'n/a', reason],
    ]);
    const metrics = rows.map((r) => r.metric);
    const at = (re: RegExp) => metrics.findIndex((m) => re.test(m));
    expect(at(/^Detection, real/)).toBe(at(/^Service worker stopped/) + 1);
    expect(at(/^Delivery, real/)).toBe(at(/^Delivery ready/) + 1);
  });

  it('judge detection from the widget frame and delivery on p50, polls and the 3 s first poll', () => {
    const detection = {
      ok: true as const,
      data: { page: 'v2-checkbox.html', fromFrame: stats(60, 120), fromPage: stats(300, 400), samples: [] },
    };
    const row = (d: ReturnType<typeof delivery>) =>
      real(buildRows({ ...base, realDetection: detection, realDelivery: d }));
    const [det, met] = row(delivery(mode(450, 3010), mode(520, 3010)));
    expect(det?.value).toBe('60 ms / 120 ms');
    expect(det?.verdict).toBe('met');
    expect(met?.verdict).toBe('met');
    expect(met?.value).toBe('450 ms / 500 ms, 1 polls, first poll 3010 ms');
    expect(met?.note).toContain('a task ready at 2.5 s is seen ≥ 500 ms after ready');
    expect(row(delivery(mode(530, 3010), mode(520, 3010)))[1]?.verdict).toBe('NOT met (p50)');
    expect(row(delivery(mode(100, 2575, 6), mode(520, 3010)))[1]?.verdict).toBe('NOT met (first poll)');
    expect(row(delivery(mode(600, 3010, 0, 2), mode(520, 3010)))[1]?.verdict).toBe('NOT met (p50, polls)');
  });
});

describe('interleavedTabs', () => {
  it('warms each tab once, alternates which side goes first, and closes both tabs', async () => {
    const log: string[] = [];
    const browser = (name: string) => ({
      context: { newPage: async () => ({ name, close: async () => log.push(`close ${name}`) }) },
    });
    const { a, b } = await interleavedTabs(
      browser('A'),
      browser('B'),
      3,
      async (page) => {
        log.push(page.name);
        return log.length;
      },
      async (page) => log.push(`warm ${page.name}`),
    );
    expect(log).toEqual(['warm A', 'warm B', 'A', 'B', 'B', 'A', 'A', 'B', 'close A', 'close B']);
    expect(a).toEqual([3, 6, 7]);
    expect(b).toEqual([4, 5, 8]);
  });
});
