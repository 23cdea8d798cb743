// The page-visible difference, against the vendors' REAL scripts: on a blank page and on one page per
// vendor loader, everything a page's own script can enumerate (surface.ts) is compared with and without
// the extension. Any difference is listed in the failure (and is a trace a site or a vendor can test).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../rig.mjs';
import { extensionEventNames, launchReal, type RealHarness } from './real-rig';
import { diffSurfaces, expectNoTrace, pageSurface } from './surface';

const PAGES: Array<[string, string, RegExp | null]> = [
  ['a blank page', 'blank.html', null],
  ['reCAPTCHA api.js (v2 checkbox)', 'v2-checkbox.html', /\/recaptcha\/api2\/anchor\?/],
  [
    'reCAPTCHA enterprise.js (explicit render)',
    'enterprise-explicit.html',
    /\/recaptcha\/enterprise\/anchor\?/,
  ],
  ['hCaptcha api.js (checkbox)', 'hcaptcha-checkbox.html', /hcaptcha\.html#frame=checkbox/],
  ['Turnstile api.js (implicit)', 'turnstile-implicit.html', /\/cdn-cgi\/challenge-platform\//],
];

describe('what a page can see of the extension (real vendor scripts)', () => {
  let bare: RealHarness;
  let ext: RealHarness;
  beforeAll(async () => {
    // Both browsers listen for the event names a page could read in the extension's package.
    const eventNames = extensionEventNames();
    bare = await launchReal({ extension: false, eventNames });
    ext = await launchReal({ extension: true, eventNames, solveMs: 1000 });
  });
  afterAll(async () => {
    await bare?.close();
    await ext?.close();
  });

  const settle = async (page: Page, frames: RegExp | null) => {
    if (frames) {
      await until(() => page.frames().some((f) => frames.test(f.url())), 5000, 'the vendor frame').catch(
        () => {},
      );
    }
    await page.waitForTimeout(1500);
  };

  it.for(PAGES)('%s: the same with and without the extension', async ([, path, frames], ctx) => {
    const a = await bare.open(path);
    await settle(a, frames);
    const without = await pageSurface(a);
    await a.close();
    const b = await ext.open(path);
    await settle(b, frames);
    const withExt = await pageSurface(b);
    const lines = ext.consoleOf(b);
    await b.close();
    const diff = diffSurfaces(without, withExt);
    ctx.task.meta.real = { traces: Object.values(diff).flat() };
    expectNoTrace(diff, expect.soft, ` (console with the extension: ${JSON.stringify(lines)})`);
  });
});
