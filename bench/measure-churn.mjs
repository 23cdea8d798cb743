// DOM-churn overhead: the work rate (subtrees inserted per second) churn.html achieves in ~2 s with
// and without the extension, interleaved.
import { interleavedTabs } from './ab.mjs';
import { benchUrl } from './session.mjs';
import { pairedRatio, pairedRatioCI, round, summary } from './stats.mjs';

/** One fresh load of churn.html, then `ms` of churn; returns subtrees inserted per second. */
async function churnRate(page, ms) {
  await page.goto(benchUrl('churn.html'), { waitUntil: 'load' });
  const { ops, ms: took } = await page.evaluate((d) => window.runChurn(d), ms);
  return (ops / took) * 1000;
}

/** Work-rate ratio with / without the extension on churn.html (`runs` interleaved pairs of `ms` each). */
export async function measureChurn({ ext, base, runs, ms }) {
  const { a, b } = await interleavedTabs(
    ext,
    base,
    runs,
    (page) => churnRate(page, ms),
    (page) => churnRate(page, 300),
  );
  const ratio = pairedRatio(a, b);
  return {
    opsPerSecWith: summary(a),
    opsPerSecWithout: summary(b),
    ratio: round(ratio, 4),
    overhead: round(1 - ratio, 4),
    overheadCI95: pairedRatioCI(a, b)
      .map((x) => round(1 - x, 4))
      .reverse(),
  };
}
