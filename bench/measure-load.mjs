// Page-load overhead on a heavy captcha-free page (load-event time with / without the extension,
// interleaved) and the main-thread time the extension's scripts take in each of its frames (tracing).
import { interleavedTabs } from './ab.mjs';
import { extensionMainThreadTime } from './cdp.mjs';
import { benchUrl } from './session.mjs';
import { median, pairedRatio, pairedRatioCI, round, summary } from './stats.mjs';

/**
 * loadEventStart of a fresh navigation to `url` (ms after navigation start). The tab first goes to
 * about:blank and rests, so the previous load's teardown (and its frames' processes) is not measured.
 */
async function loadTime(page, url) {
  await page.goto('about:blank');
  await page.waitForTimeout(150);
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => performance.getEntriesByType('navigation')[0]?.loadEventStart ?? Number.NaN);
}

/** Load-event ratio with / without the extension on heavy.html (one warm-up load each, then `runs` pairs). */
export async function measurePageLoad({ ext, base, runs }) {
  const url = benchUrl('heavy.html');
  const { a, b } = await interleavedTabs(ext, base, runs, (page) => loadTime(page, url));
  const ratio = pairedRatio(a, b);
  const ci = pairedRatioCI(a, b).map((x) => round(x - 1, 4));
  const added = a.map((x, i) => x - b[i]).filter(Number.isFinite);
  return {
    withExtension: summary(a),
    without: summary(b),
    addedMs: round(median(added), 1),
    ratio: round(ratio, 4),
    overhead: round(ratio - 1, 4),
    overheadCI95: ci,
  };
}

/**
 * Main-thread time of the extension's scripts per frame of heavy.html (1 main frame + 5 iframes, two of
 * them cross-origin), from `loads` traced navigations: wall and CPU ms per frame.
 */
export async function measureScriptTime({ ext, loads }) {
  const url = benchUrl('heavy.html');
  const page = await ext.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    const wall = [];
    const cpu = [];
    const shares = [];
    let framesPerLoad = 0;
    for (let i = 0; i < loads; i++) {
      await page.goto('about:blank');
      const { frames, rendererMainMs } = await extensionMainThreadTime(
        ext.context,
        page,
        ext.extensionId,
        async () => {
          await page.goto(url, { waitUntil: 'load' });
          // Let observers settle (late mutations, idle callbacks) before the trace ends.
          await page.waitForTimeout(500);
        },
      );
      framesPerLoad = Math.max(framesPerLoad, frames.length);
      const ours = frames.reduce((sum, f) => sum + f.wallMs, 0);
      if (rendererMainMs > 0) shares.push(ours / rendererMainMs);
      for (const f of frames) {
        wall.push(f.wallMs);
        cpu.push(f.cpuMs);
      }
    }
    if (wall.length === 0)
      throw new Error(
        'no extension script ran in any frame of the heavy page (it has no captcha vendor: nothing of ours ' +
          'runs there)',
      );
    // The extension's share of all renderer main-thread work during the load: the part of the page-load
    // overhead its scripts can cause, free of the A/B timing noise.
    return {
      framesPerLoad,
      wallMsPerFrame: summary(wall),
      cpuMsPerFrame: summary(cpu),
      mainThreadShare: round(median(shares), 4),
    };
  } finally {
    await page.close();
  }
}
