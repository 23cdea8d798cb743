import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXT_DIR, type Harness, launch } from './harness';

describe('the built extension in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(() => h?.close());

  it('loads: its service worker runs and the manifest is the product', async () => {
    const sw = await h.worker();
    expect(sw.url()).toBe(`chrome-extension://${h.extensionId}/background.js`);
    const manifest = await sw.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect(await sw.evaluate(() => chrome.i18n.getMessage('extName'))).toBe('AnySolver — CAPTCHA Solver');
    // The same manifest is what ships in the zip.
    const onDisk = JSON.parse(readFileSync(join(EXT_DIR, 'manifest.json'), 'utf8'));
    expect(onDisk.permissions).toEqual(manifest.permissions);
  });

  it('keeps the client key out of storage.local (content scripts can read that)', async () => {
    const sw = await h.worker();
    const dump = JSON.stringify(await sw.evaluate(() => chrome.storage.local.get(null)));
    expect(dump).not.toContain('anysolver_sandbox_demo_key');
  });
});
