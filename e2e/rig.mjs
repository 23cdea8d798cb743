// The real-browser rig, in plain JS so the demo (`npm start`) and the benchmark share it with the e2e
// tests: the built extension in the system Chromium (headless, persistent context), fixture pages and
// vendor imitations answered locally by routes, and an in-process AnySolver sandbox. Types: rig.d.mts.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startSandbox } from '../sandbox/server.mjs';

export const ROOT = resolve(import.meta.dirname, '..');
export const EXT_DIR = resolve(ROOT, process.env.EXT_DIR ?? '.output/chrome-mv3');
export const FIXTURES = join(ROOT, 'e2e/fixtures');
const VENDOR = join(FIXTURES, 'vendor');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_KEY = 'anysolver_sandbox_demo_key';
/** The default limits (lib/settings.ts) but for starts without a user gesture. */
export const RIG_LIMITS = {
  dailySpendCapUsd: 1,
  maxConcurrent: 4,
  perTabPerMinute: 6,
  perSitePerHour: 30,
  perSiteNoGesturePerHour: 1000,
};
/** Fixture pages are served from SITE; ALT is a second origin for cross-origin frames. */
export const SITE = 'https://site.test';
export const ALT = 'https://other.test';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

const HOST_ALIASES = {
  'google.com': 'www.google.com',
  'recaptcha.net': 'www.google.com',
  'www.recaptcha.net': 'www.google.com',
};

/** The offline imitation answering a vendor URL: e2e/fixtures/vendor/<host>/<path>, or null. */
export function vendorFile(rawUrl, vendorRoot = VENDOR) {
  const url = new URL(rawUrl);
  let host = HOST_ALIASES[url.hostname] ?? url.hostname;
  if (host.endsWith('.hcaptcha.com') && host !== 'js.hcaptcha.com') host = 'newassets.hcaptcha.com';
  if (host === 'challenges.cloudflare.com' && url.pathname.startsWith('/cdn-cgi/challenge-platform/')) {
    return join(vendorRoot, host, 'frame.html');
  }
  const base = join(vendorRoot, host, decodeURIComponent(url.pathname));
  if (!base.startsWith(vendorRoot)) return null;
  for (const candidate of [base, `${base}.html`, join(base, 'index.html')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

async function serveFile(file) {
  return {
    status: 200,
    contentType: TYPES[extname(file)] ?? 'application/octet-stream',
    body: await readFile(file),
  };
}

/**
 * Answer every request locally: loopback passes, fixture origins and vendor hosts from files, the rest
 * aborts.
 */
export async function routeOffline(context) {
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'chrome-extension:' || url.protocol === 'data:' || url.protocol === 'blob:')
      return route.continue();
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    if (url.origin === SITE || url.origin === ALT) {
      const file = join(FIXTURES, decodeURIComponent(url.pathname));
      if (file.startsWith(FIXTURES) && existsSync(file) && statSync(file).isFile())
        return route.fulfill(await serveFile(file));
      return route.fulfill({ status: 404, body: 'not found' });
    }
    const file = vendorFile(url.href);
    if (file) return route.fulfill(await serveFile(file));
    return route.abort('internetdisconnected');
  });
}

/** Launch Chromium with the built extension, a fresh profile and a fresh sandbox. */
export async function launch(opts = {}) {
  const sandbox =
    opts.sandboxInstance ??
    (await startSandbox({
      keys: { [DEMO_KEY]: opts.balance ?? 5 },
      solveMs: opts.solveMs ?? 1500,
      ...opts.sandbox,
    }));
  // A given profile folder is reused (a browser restart); otherwise a fresh one.
  const profile = opts.profile ?? (await mkdtemp(join(tmpdir(), 'anysolver-e2e-')));
  const extDir = opts.extensionDir === undefined ? EXT_DIR : opts.extensionDir;
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
  if (extDir) args.push(`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`);
  // The extension's UI language (`ar`, `ja`, `pt-BR`…). Checked here: headless Chromium picks the
  // extension's catalogue from --lang only (LANGUAGE/LANG/LC_ALL change nothing); getUILanguage() and
  // @@ui_locale/@@bidi_dir stay en-US. LANGUAGE is set too for a headed browser on Linux.
  if (opts.locale) args.push(`--lang=${opts.locale}`);
  if (opts.args) args.push(...opts.args);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    args,
    ...(opts.locale
      ? {
          env: {
            ...process.env,
            LANGUAGE: opts.locale.replace('-', '_'),
            LANG: `${opts.locale.replace('-', '_')}.UTF-8`,
          },
        }
      : {}),
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1000, height: 800 },
  });
  await routeOffline(context);

  const worker = async () => {
    const current = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return current ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  };
  const extensionId = extDir ? new URL((await worker()).url()).host : '';

  const harness = {
    sandbox,
    context,
    extensionId,
    profile,
    fixtureUrl: (path, o) => `${o?.alt ? ALT : SITE}/${path.replace(/^\//, '')}`,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    async open(path, o) {
      const page = await context.newPage();
      await page.goto(harness.fixtureUrl(path, o));
      return page;
    },
    worker,
    /** One storage.local item, read through whichever service worker runs now. */
    storage: async (key) => (await (await worker()).evaluate((k) => chrome.storage.local.get(k), key))[key],
    ...sandboxTasks(sandbox),
    async configure(c = {}) {
      const sw = await worker();
      const settings = { endpoint: sandbox.url, ...c.settings };
      await sw.evaluate(seedExtension, { key: c.key === undefined ? DEMO_KEY : c.key, settings });
    },
    async stopWorker() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      const versions = new Map();
      cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
        for (const v of e.versions) versions.set(v.versionId, v);
      });
      await cdp.send('ServiceWorker.enable');
      await new Promise((r) => setTimeout(r, 300));
      let stopped = 0;
      for (const [versionId, v] of versions) {
        if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`) && v.runningStatus === 'running') {
          await cdp.send('ServiceWorker.stopWorker', { versionId });
          stopped++;
        }
      }
      await cdp.detach();
      return stopped;
    },
    /** Close the browser; `keep` leaves the profile and the sandbox for a relaunch (a browser restart). */
    async close(keep = false) {
      await context.close().catch(() => {});
      if (keep) return;
      await sandbox.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
  // The suites solve dozens of captchas on one site within minutes, none after a click: the bound on such
  // starts (perSiteNoGesturePerHour, 10) is lifted unless a test sets its own limits.
  if (extDir && !opts.profile)
    await harness.configure({ key: opts.key, settings: { limits: RIG_LIMITS, ...opts.settings } });
  return harness;
}

/**
 * What the sandbox received from the extension, for both browsers' rigs: every createTask body without
 * the client key, and the `task` for one sitekey once the background sent it.
 */
export function sandboxTasks(sandbox) {
  const createdTasks = () =>
    sandbox.requests
      .filter((r) => r.path === '/createTask')
      .map((r) => {
        const { clientKey: _omit, ...rest } = r.body ?? {};
        return rest;
      });
  return {
    createdTasks,
    taskFor: (websiteKey, timeoutMs = 20_000) =>
      until(
        () => createdTasks().find((b) => b.task?.websiteKey === websiteKey)?.task,
        timeoutMs,
        `createTask for ${websiteKey}`,
      ),
  };
}

/**
 * Test-only, run inside the extension (its worker or one of its pages, Chrome or Firefox): write the key
 * and settings where the options page writes them (lib/key-store.ts, lib/storage.ts). Self-contained:
 * the drivers serialize it.
 */
export async function seedExtension({ key, settings }) {
  const api = globalThis.browser ?? globalThis.chrome;
  const db = await new Promise((res, rej) => {
    const req = indexedDB.open('anysolver', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('secrets');
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  await new Promise((res, rej) => {
    const store = db.transaction('secrets', 'readwrite').objectStore('secrets');
    const req = key ? store.put(key, 'clientKey') : store.delete('clientKey');
    req.onsuccess = () => res(undefined);
    req.onerror = () => rej(req.error);
  });
  db.close();
  const prev = (await api.storage.local.get('settings')).settings ?? {};
  await api.storage.local.set({ settings: { ...prev, ...settings } });
}

/**
 * Chromium's id for an extension loaded unpacked from `dir` (no `key` in its manifest): the first 32 hex
 * digits of the SHA-256 of the absolute path, each digit written as a letter a–p.
 */
export function unpackedExtensionId(dir) {
  const hex = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

/** Wait until `fn` returns a truthy value (polls; for assertions on asynchronous effects). */
export async function until(fn, timeoutMs = 15_000, what = 'condition') {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
