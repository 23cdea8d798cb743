// No trace a page can see, against the offline vendor imitations (e2e/fixtures/vendor): a page without a
// captcha and one page per vendor, enumerated the ways pages and vendor scripts probe their environment
// (e2e/real/surface.ts: names and keys of window and of every object in its prototype chain, `in`,
// Function.prototype.toString, the DOM, CustomEvents), with and without the extension. An accessor on
// Window.prototype (it makes `'turnstile' in window` true, and the real Turnstile then refuses to load)
// fails here. The same check against the vendors' real scripts: e2e/real/no-trace.real.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launch } from './harness';
import { extensionEventNames } from './real/real-rig';
import { diffSurfaces, expectNoTrace, pageSurface } from './real/surface';

const PAGES: Array<[string, string]> = [
  ['a page without a captcha', 'recaptcha/decoy-words.html'],
  ['reCAPTCHA v2', 'recaptcha/v2-checkbox.html'],
  ['reCAPTCHA Enterprise', 'recaptcha/enterprise-v2.html'],
  ['hCaptcha', 'hcaptcha/checkbox.html'],
  ['Turnstile', 'turnstile/implicit.html'],
];

describe('no page-visible trace (vendor imitations)', () => {
  let bare: Harness;
  let ext: Harness;
  beforeAll(async () => {
    // The fixture pages do not load the observer: both browsers inject it before the page's scripts.
    const observer = `${readFileSync(join(import.meta.dirname, 'real/pages/observe.js'), 'utf8')}
;window.__obs.listen(${JSON.stringify(extensionEventNames())});`;
    bare = await launch({ extensionDir: '' });
    ext = await launch({ solveMs: 800 });
    for (const h of [bare, ext]) await h.context.addInitScript({ content: observer });
  });
  afterAll(async () => {
    await bare?.close();
    await ext?.close();
  });

  const settled = async (h: Harness, path: string): Promise<Page> => {
    const page = await h.open(path);
    await page.waitForTimeout(1500);
    return page;
  };

  it.each(PAGES)(
    '%s: what the page can enumerate is the same with and without the extension',
    async (_l, path) => {
      const a = await settled(bare, path);
      const without = await pageSurface(a);
      await a.close();
      const b = await settled(ext, path);
      const withExt = await pageSurface(b);
      await b.close();
      expectNoTrace(diffSurfaces(without, withExt), expect.soft);
    },
  );
});
