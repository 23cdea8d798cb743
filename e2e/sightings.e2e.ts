// Vendors are seen by the browser (webNavigation / webRequest in the background), not by a script in
// every frame: a page without a vendor runs no script of ours at all, a reCAPTCHA page gets the channel
// secret, reCAPTCHA's main-world half and the detector in the right frame, and a stopped service worker
// is woken by the sighting itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionScriptsIn } from '../bench/cdp.mjs';
import { type Harness, launch, recaptchaToken } from './harness';

describe('vendor sightings', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch({ solveMs: 500 });
    await h.configure();
  });
  afterAll(() => h?.close());

  const scriptsOn = async (path: string) => {
    const page = await h.context.newPage();
    try {
      return (await extensionScriptsIn(h.context, page, h.extensionId, h.fixtureUrl(path), 800)).map(
        (s) => `${s.url} ${s.world}`,
      );
    } finally {
      await page.close();
    }
  };

  it('a page without a captcha vendor runs no script of ours, in any world', async () => {
    expect(await scriptsOn('recaptcha/decoy-words.html')).toEqual([]);
  });

  // The main-world half is an anonymous script in the page's world (DevTools cannot tell it from the
  // page's own): the v3 and invisible tests in recaptcha.e2e.ts see it at work.
  it('a reCAPTCHA page gets the channel secret and the detector in its isolated world, once', async () => {
    const scripts = await scriptsOn('recaptcha/v2-checkbox.html');
    expect(scripts.filter((s) => s.endsWith(' isolated')).sort()).toEqual([
      '(inline) isolated',
      'vendor-detect.js isolated',
    ]);
  });

  it('a stopped service worker is woken by the vendor sighting, and the token lands', async () => {
    const page0 = await h.open('recaptcha/decoy-words.html'); // a page to hold the CDP session
    expect(await h.stopWorker()).toBe(1);
    const before = h.createdTasks().length;
    const page = await h.open('recaptcha/v2-checkbox.html');
    const token = await recaptchaToken(page);
    expect(h.createdTasks().length).toBe(before + 1);
    expect(await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toEqual([token]);
    await page.close();
    await page0.close();
  });
});
