// The e2e rig (e2e/rig.mjs) as the benchmark uses it. Loaded dynamically so that a tree where the rig
// cannot load yet (e.g. the sandbox missing) still gets its size figures and n/a rows instead of a crash.
import { resolve } from 'node:path';

let rig = null;
let rigError = null;
try {
  rig = await import('../e2e/rig.mjs');
} catch (err) {
  rigError = `the e2e rig did not load (${err instanceof Error ? err.message.split('\n')[0] : err})`;
}

export const ROOT = rig?.ROOT ?? resolve(import.meta.dirname, '..');
export const EXT_DIR = rig?.EXT_DIR ?? resolve(ROOT, process.env.EXT_DIR ?? '.output/chrome-mv3');
export const CHROMIUM = rig?.CHROMIUM ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SITE = rig?.SITE ?? 'https://site.test';

const missing = () => {
  throw new Error(rigError);
};
/** rig.launch, or a rejection explaining why the rig is unavailable. */
export const launch = async (opts) => (rig ? rig.launch(opts) : missing());
/** rig.until (poll an async condition). */
export const until = (...args) => (rig ? rig.until(...args) : missing());
/** rig.vendorFile (the offline imitation answering a vendor URL), null without the rig. */
export const vendorFile = (url) => (rig ? rig.vendorFile(url) : null);
