import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUDGETS } from '../bench/budgets.mjs';
import { sizeReport } from '../bench/sizes.mjs';

// Size budgets are deterministic, so unlike the timing budgets (reported by `npm run bench`) they are
// asserted — on the build `npm test` makes just before the e2e suite.
const EXT_DIR = resolve(import.meta.dirname, '..', process.env.EXT_DIR ?? '.output/chrome-mv3');
const built = existsSync(join(EXT_DIR, 'manifest.json'));
if (!built) console.warn(`size-budget: skipped, no build at ${EXT_DIR} (run \`npx wxt build\` first)`);

describe.skipIf(!built)('size budgets of the Chrome build', () => {
  const report = built ? sizeReport(EXT_DIR) : null;

  it('injects at most 16 KB of script into each frame of a page without a captcha (all worlds)', () => {
    const perFrame = report!.perFrame;
    const detail = report!.contentScripts.map((c) => `${c.file} [${c.world}] ${c.raw} B`).join(', ');
    expect(perFrame.raw, `content scripts in every frame: ${detail}`).toBeLessThanOrEqual(
      BUDGETS.perFrameScriptBytes,
    );
  });

  it('packs into a Chrome zip of at most 200 KB', () => {
    expect(report!.zip.bytes).toBeLessThanOrEqual(BUDGETS.chromeZipBytes);
  });
});
