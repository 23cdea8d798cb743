// Managed configuration end to end: Chromium reads an enterprise policy file
// (/etc/chromium/policies/managed/*.json; the extension's values under 3rdparty → extensions → <id>), and
// the extension, configured by nothing else, solves a reCAPTCHA with nobody opening its options page. The
// popup and the options page show the managed fields locked; a policy change is applied live.
//
// The policy is keyed by extension id, which for an unpacked load follows from the folder path: the build
// is copied to a folder of its own so the policy reaches no other test's extension, and the policy file
// is removed afterwards, on failure too. Writing /etc/chromium needs root (CI runs as root).
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../sandbox/server.mjs';
import {
  DEMO_KEY,
  EXT_DIR,
  type Harness,
  launch,
  ROOT,
  recaptchaToken,
  unpackedExtensionId,
  until,
} from './harness';

/** axe-core violations (as in popup.e2e.ts): the locked fields and their notes must stay accessible. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const result = await (window as any).axe.run(document);
    if (!result.passes.length) throw new Error('axe checked nothing');
    return (result.violations as Array<{ id: string; nodes: Array<{ target: string[] }> }>).map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}

const POLICY_DIR = '/etc/chromium/policies/managed';
const canWritePolicies = (() => {
  try {
    if (!existsSync(POLICY_DIR)) mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!canWritePolicies && !process.env.CI)(
  'managed configuration (Chromium enterprise policy)',
  () => {
    let h: Harness;
    let extDir: string;
    let policyFile: string;
    let extensionId: string;
    // biome-ignore lint/suspicious/noExplicitAny: the sandbox is plain JS
    let sandbox: any;

    const writePolicy = (values: Record<string, unknown>) =>
      writeFile(policyFile, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: values } } }));

    /** chrome://policy's "Reload policies" button: Chromium re-reads the files now (else within minutes). */
    async function reloadPolicies() {
      const page = await h.context.newPage();
      await page.goto('chrome://policy');
      await page.locator('#reload-policies').click();
      await page.waitForTimeout(500);
      await page.close();
    }
    const managedArea = async () => (await h.worker()).evaluate(() => chrome.storage.managed.get());
    const keyStatus = async (page: Page) =>
      page.evaluate(() => chrome.runtime.sendMessage({ type: 'key:status' }));

    beforeAll(async () => {
      extDir = await mkdtemp(join(tmpdir(), 'anysolver-policy-ext-'));
      await cp(EXT_DIR, extDir, { recursive: true });
      extensionId = unpackedExtensionId(extDir);
      policyFile = join(POLICY_DIR, `anysolver-e2e-${extensionId}.json`);
      sandbox = await startSandbox({ keys: { [DEMO_KEY]: 5 }, solveMs: 500 });
      await writePolicy({
        clientKey: DEMO_KEY,
        endpoint: sandbox.url,
        autoSolve: true,
        polling: { firstDelayMs: 1000 },
        limits: { dailySpendCapUsd: 2 },
        // Refused (not a setting / out of range): ignored, the rest applies.
        historyLimit: 3,
      });
      // A fresh profile given as `profile`: the rig configures nothing — the policy is all there is.
      const profile = await mkdtemp(join(tmpdir(), 'anysolver-policy-profile-'));
      h = await launch({ extensionDir: extDir, profile, sandboxInstance: sandbox });
    });
    afterAll(async () => {
      await rm(policyFile ?? '/nonexistent', { force: true });
      await h?.close();
      await rm(extDir, { recursive: true, force: true });
    });

    it('loads the policy for the id computed from the folder path', async () => {
      expect(h.extensionId).toBe(extensionId);
      expect(await managedArea()).toMatchObject({
        clientKey: DEMO_KEY,
        endpoint: sandbox.url,
        polling: { firstDelayMs: 1000 },
      });
    });

    it('solves a reCAPTCHA with nobody opening options; the key is not in storage.local', async () => {
      const opened: string[] = [];
      h.context.on('page', (p) => opened.push(p.url()));
      const page = await h.open('recaptcha/v2-checkbox.html');
      expect(await recaptchaToken(page)).toMatch(/\S{20,}/);
      const task = await h.taskFor('6LeCheckboxSiteKey0000000000000000000000');
      expect(task.type).toBe('ReCaptchaV2TokenProxyLess');
      expect(opened.some((u) => u.startsWith('chrome-extension://'))).toBe(false);
      // The key came through the key store like a typed one; the user's stored settings hold no policy value.
      const local = await (await h.worker()).evaluate(() => chrome.storage.local.get(null));
      expect(JSON.stringify(local)).not.toContain(DEMO_KEY);
      expect(local.keySource).toBe('managed');
      expect(local.settings?.endpoint).not.toBe(sandbox.url);
      await page.close();
    });

    it('the popup and options page show the managed fields locked, "Set by your administrator"', async () => {
      const popup = await h.context.newPage();
      await popup.goto(h.extensionUrl('popup.html'));
      const autoSolve = popup.locator('#auto-solve');
      await autoSolve.waitFor();
      expect(await autoSolve.isDisabled()).toBe(true);
      expect(await autoSolve.isChecked()).toBe(true);
      expect(await popup.locator('#auto-solve-managed').textContent()).toBe('Set by your administrator');
      expect(await popup.getByText('Some settings are set by your administrator.').count()).toBe(1);
      expect(await axeViolations(popup)).toEqual([]);
      await popup.close();

      const options = await h.context.newPage();
      await options.goto(h.extensionUrl('options.html'));
      await options.locator('#opt-first-delay').waitFor();
      for (const id of ['opt-key', 'opt-endpoint', 'opt-auto-solve', 'opt-first-delay', 'opt-cap']) {
        expect(await options.locator(`#${id}`).isDisabled(), id).toBe(true);
        expect(await options.locator(`#${id}-managed`).textContent(), id).toBe('Set by your administrator');
      }
      // Not managed: editable. The refused historyLimit (3 < 10) is not applied nor locked.
      for (const id of ['opt-interval', 'opt-timeout', 'opt-history-limit', 'opt-auto-submit']) {
        expect(await options.locator(`#${id}`).isDisabled(), id).toBe(false);
      }
      expect(await options.locator('#opt-first-delay').inputValue()).toBe('1');
      expect(await options.locator('#opt-history-limit').inputValue()).toBe('500');
      expect(await options.getByRole('button', { name: 'Remove key' }).isDisabled()).toBe(true);
      expect(await axeViolations(options)).toEqual([]);
      // The background refuses to replace or remove a policy key, whatever a page sends.
      expect(await options.evaluate(() => chrome.runtime.sendMessage({ type: 'key:clear' }))).toMatchObject({
        ok: false,
        code: 'MANAGED',
      });
      expect(await keyStatus(options)).toMatchObject({ hasKey: true, managed: true });
      await options.close();
    });

    it('a policy change applies live: auto-solve off stops, pages follow; a withdrawn key goes', async () => {
      const options = await h.context.newPage();
      await options.goto(h.extensionUrl('options.html'));
      await options.locator('#opt-auto-solve').waitFor();
      await writePolicy({ clientKey: DEMO_KEY, endpoint: sandbox.url, autoSolve: false });
      await reloadPolicies();
      await until(async () => (await managedArea()).autoSolve === false, 20_000, 'the new policy');
      // The open options page follows without a reload; so does a popup opened now.
      await until(
        async () => !(await options.locator('#opt-auto-solve').isChecked()),
        10_000,
        'options page update',
      );
      expect(await options.locator('#opt-auto-solve').isDisabled()).toBe(true);
      expect(await options.locator('#opt-first-delay').isDisabled()).toBe(false);
      const popup = await h.context.newPage();
      await popup.goto(h.extensionUrl('popup.html'));
      await popup.locator('#auto-solve').waitFor();
      expect(await popup.locator('#auto-solve').isChecked()).toBe(false);
      expect(await popup.locator('#auto-solve').isDisabled()).toBe(true);
      await popup.close();

      const before = h.createdTasks().length;
      const page = await h.open('recaptcha/v2-explicit.html');
      await page.waitForTimeout(3000);
      expect(h.createdTasks().length).toBe(before);
      expect(await keyStatus(options)).toMatchObject({ hasKey: true, managed: true });
      await page.close();

      // The administrator withdraws the key: it leaves the browser, and the key field is the user's again.
      await writePolicy({ endpoint: sandbox.url });
      await reloadPolicies();
      await until(async () => (await keyStatus(options)).hasKey === false, 20_000, 'the key removed');
      await until(() => options.locator('#opt-key').isEnabled(), 10_000, 'the key field unlocked');
      expect(await options.locator('#opt-endpoint').isDisabled()).toBe(true);
      await options.close();
    });
  },
);
