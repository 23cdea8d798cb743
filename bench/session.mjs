// Browser sessions for the benchmark, on top of the e2e rig (e2e/rig.mjs): the built extension with
// limits raised (the bench creates more tasks per tab and site than the defaults allow), or the same
// browser without the extension as the baseline.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXT_DIR, launch, SITE, vendorFile } from './rig.mjs';

/** Settings for benchmark runs: product defaults, except limits that would stop a benchmark's volume. */
export const BENCH_SETTINGS = {
  limits: {
    dailySpendCapUsd: 10_000,
    maxConcurrent: 50,
    perTabPerMinute: 100,
    perSitePerHour: 1000,
    perSiteNoGesturePerHour: 1000,
  },
};

/** The fixed polling schedule of the API guidance (settings defaults), with adaptive on or off. */
export const polling = (adaptive) => ({ firstDelayMs: 3000, intervalMs: 2500, timeoutMs: 120_000, adaptive });

/** Launch Chromium with the built extension (configured for the bench) — throws when the build is missing. */
export async function launchExtension(opts = {}) {
  if (!existsSync(join(EXT_DIR, 'manifest.json'))) throw new Error(`no build at ${EXT_DIR}`);
  const h = await launch({ ...opts, settings: { ...BENCH_SETTINGS, ...opts.settings } });
  // The rig's offline route aborts every non-local URL, including the extension's own page resources
  // (popup.html's scripts): let chrome-extension:// through (a later route takes precedence).
  await h.context.route(/^chrome-extension:\/\//, (route) => route.continue());
  return h;
}

/** Launch the same browser without the extension (the baseline). */
export const launchBaseline = () => launch({ extensionDir: null });

/** https://site.test/bench/<name> — the benchmark's fixture pages (e2e/fixtures/bench). */
export const benchUrl = (name) => `${SITE}/bench/${name}`;

/** Why widget measurements cannot run, or null when the reCAPTCHA imitation they use is present. */
export function widgetPrerequisite() {
  return vendorFile('https://www.google.com/recaptcha/api.js')
    ? null
    : 'the reCAPTCHA imitation (e2e/fixtures/vendor/www.google.com/recaptcha/api.js) is missing';
}

/** Close harnesses, ignoring ones that failed to start. */
export async function closeAll(...harnesses) {
  await Promise.all(harnesses.filter(Boolean).map((h) => h.close().catch(() => {})));
}

/** Reject with a clear message when `promise` takes longer than `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
