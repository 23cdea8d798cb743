// Managed configuration in Firefox ESR, as docs/automation.md tells an administrator to set it up: a
// policies.json in Firefox's distribution folder (`3rdparty → Extensions → <add-on id>`), read by Firefox
// at startup into the add-on's storage.managed. The extension, configured by nothing else (the rig stores
// no key and no settings), solves a reCAPTCHA with nobody opening its options page; the popup and the
// options page show the managed fields locked.
//
// The policy is keyed by add-on id: the build is copied and given an id of its own, so the policy reaches
// no other test's extension, and policies.json is removed afterwards (a file that was there is put back).
// Writing Firefox's install folder needs root (CI runs as root); skipped otherwise, outside CI.
import { accessSync, constants, existsSync, readFileSync, realpathSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/server.mjs';
import {
  DEMO_KEY,
  FIREFOX,
  FIREFOX_EXT_DIR,
  type FirefoxHarness,
  firefoxSkipReason,
  launch,
  until,
} from './rig.mjs';

const skip = firefoxSkipReason();
if (skip) console.warn(skip);

const SITEKEY = '6LeCheckboxSiteKey0000000000000000000000';
const POLICY_ID = 'anysolver-policy-test@anysolver.local';
/** Firefox's distribution folder: next to the real executable (/usr/lib/firefox-esr/distribution). */
const DISTRIBUTION = skip ? '' : join(dirname(realpathSync(FIREFOX)), 'distribution');
const canWrite = (() => {
  try {
    accessSync(DISTRIBUTION, constants.W_OK);
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(skip || (!canWrite && !process.env.CI))(
  'Firefox: managed configuration (policies.json)',
  () => {
    let h: FirefoxHarness;
    let extDir: string;
    // biome-ignore lint/suspicious/noExplicitAny: the sandbox is plain JS
    let sandbox: any;
    const policyFile = join(DISTRIBUTION, 'policies.json');
    let previous: string | null = null;

    beforeAll(async () => {
      extDir = await mkdtemp(join(tmpdir(), 'anysolver-ff-policy-ext-'));
      await cp(FIREFOX_EXT_DIR, extDir, { recursive: true });
      const manifestFile = join(extDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
      manifest.browser_specific_settings.gecko.id = POLICY_ID;
      await writeFile(manifestFile, JSON.stringify(manifest));
      sandbox = await startSandbox({ keys: { [DEMO_KEY]: 5 }, solveMs: 500 });
      previous = existsSync(policyFile) ? await readFile(policyFile, 'utf8') : null;
      const values = {
        clientKey: DEMO_KEY,
        endpoint: sandbox.url,
        autoSolve: true,
        polling: { firstDelayMs: 1000 },
        limits: { dailySpendCapUsd: 2 },
      };
      await writeFile(
        policyFile,
        JSON.stringify({ policies: { '3rdparty': { Extensions: { [POLICY_ID]: values } } } }),
      );
      h = await launch({ extensionDir: extDir, sandboxInstance: sandbox, seed: false });
    });
    afterAll(async () => {
      if (previous === null) await rm(policyFile, { force: true });
      else await writeFile(policyFile, previous);
      await h?.close();
      await sandbox?.close();
      if (extDir) await rm(extDir, { recursive: true, force: true });
    });

    it('Firefox hands the add-on its policy values (storage.managed); the rig stored nothing', async () => {
      expect(h.extensionId).toBe(POLICY_ID);
      expect(await h.evaluateInExtension(() => browser.storage.managed.get())).toMatchObject({
        clientKey: DEMO_KEY,
        endpoint: sandbox.url,
        polling: { firstDelayMs: 1000 },
      });
      // Nothing stored by anyone: the extension works with the policy's settings over the defaults.
      expect(await h.storage('settings')).toBeUndefined();
    });

    it('solves a reCAPTCHA with the policy key; the key is not in storage.local', async () => {
      const page = await h.open('recaptcha/v2-checkbox.html');
      const task = await h.taskFor(SITEKEY);
      expect(task.type).toBe('ReCaptchaV2TokenProxyLess');
      const created = sandbox.requests.find((r: { path: string }) => r.path === '/createTask');
      expect(created.body.clientKey).toBe(DEMO_KEY);
      const token = await until(
        () => page.evaluate(() => (window as unknown as { __calls?: string[] }).__calls?.[0]),
        20_000,
        'the callback',
      );
      expect(token).toMatch(new RegExp(`^sandbox\\.[^.]+\\.${SITEKEY}\\.`));
      const local = await h.evaluateInExtension(() => browser.storage.local.get(null));
      expect(JSON.stringify(local)).not.toContain(DEMO_KEY);
      expect(local.keySource).toBe('managed');
      expect(await h.storedKey()).toBe(DEMO_KEY);
      await page.close();
    });

    it('popup and options show the managed fields locked, "Set by your administrator"', async () => {
      const popup = await h.extensionPage('popup.html');
      await popup.waitForSelector('#auto-solve');
      expect(
        await popup.$eval('#auto-solve', (e) => [
          (e as HTMLInputElement).disabled,
          (e as HTMLInputElement).checked,
        ]),
      ).toEqual([true, true]);
      expect(await popup.$eval('#auto-solve-managed', (e) => e.textContent)).toBe(
        'Set by your administrator',
      );
      await popup.close();
      const options = await h.extensionPage('options.html');
      await options.waitForSelector('#opt-first-delay');
      for (const id of ['opt-key', 'opt-endpoint', 'opt-auto-solve', 'opt-first-delay', 'opt-cap']) {
        const [disabled, note] = await options.$eval(`#${id}`, (e) => [
          (e as HTMLInputElement).disabled,
          document.getElementById(`${e.id}-managed`)?.textContent,
        ]);
        expect([id, disabled, note]).toEqual([id, true, 'Set by your administrator']);
      }
      expect(await options.$eval('#opt-interval', (e) => (e as HTMLInputElement).disabled)).toBe(false);
      expect(await options.$eval('#opt-first-delay', (e) => (e as HTMLInputElement).value)).toBe('1');
      await options.close();
    });
  },
);
