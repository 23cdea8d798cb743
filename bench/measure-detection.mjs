// Detection latency (widget inserted → createTask received by the sandbox) with a running service
// worker, and after the worker was stopped (cold start → first createTask).
import { until } from './rig.mjs';
import { benchUrl } from './session.mjs';
import { round, summary } from './stats.mjs';
import { createTaskAt, insertWidget, siteKey } from './widgets.mjs';

/** Insert one widget and wait for its createTask; returns the latency in ms. */
async function detectOnce(h, page, key, timeoutMs) {
  const insertedAt = await insertWidget(page, key);
  const createdAt = await until(() => createTaskAt(h.sandbox, key), timeoutMs, `createTask for ${key}`);
  return createdAt - insertedAt;
}

/**
 * `samples` warm detections, then `coldSamples` detections each right after stopping the service
 * worker; the cold figure is also given as a ratio to the warm p50 (same run).
 */
export async function measureDetection({ ext, samples, coldSamples }) {
  const page = await ext.context.newPage();
  try {
    await page.goto(benchUrl('insert.html'), { waitUntil: 'load' });
    try {
      await detectOnce(ext, page, siteKey('probe', 0), 15_000);
    } catch (err) {
      throw new Error(
        `no createTask after inserting a widget (${err.message}): detection or background wiring not ` +
          `working yet`,
      );
    }
    const warm = [];
    for (let i = 0; i < samples; i++) {
      warm.push(await detectOnce(ext, page, siteKey('warm', i), 5000));
      await page.waitForTimeout(150);
    }
    const cold = [];
    let stopped = 0;
    let coldError = null;
    try {
      for (let i = 0; i < coldSamples; i++) {
        stopped += await ext.stopWorker();
        await page.waitForTimeout(300);
        cold.push(await detectOnce(ext, page, siteKey('cold', i), 15_000));
      }
    } catch (err) {
      coldError = err.message;
    }
    const warmSummary = summary(warm);
    const coldSummary = summary(cold);
    return {
      warm: warmSummary,
      cold: cold.length
        ? {
            ...coldSummary,
            workersStopped: stopped,
            ratioToWarm: round(coldSummary.p50 / warmSummary.p50, 2),
          }
        : null,
      coldError,
    };
  } finally {
    await page.close();
  }
}
