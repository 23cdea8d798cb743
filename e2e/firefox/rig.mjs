// The Firefox rig: the built Firefox MV3 extension in the system Firefox ESR (headless), driven over
// WebDriver BiDi by puppeteer-core, mirroring ../rig.mjs (the Chromium rig). Firefox has no request
// interception like Playwright's context.route, so every https host a test needs (the fixture origins and
// the captcha vendors) goes through a local proxy (proxy.mjs) that terminates TLS with a throwaway
// certificate; 127.0.0.1 (the sandbox API) is reached directly. Extension pages are opened at a pinned
// moz-extension:// UUID; code that needs the extension's privileges (seeding the key and settings,
// reading storage) runs in its options page. Types: rig.d.mts.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startSandbox } from '../../sandbox/server.mjs';
import {
  ALT,
  DEMO_KEY,
  FIXTURES,
  ROOT,
  SITE,
  sandboxTasks,
  seedExtension,
  until,
  vendorFile,
} from '../rig.mjs';
import { startProxy } from './proxy.mjs';

export { ALT, DEMO_KEY, FIXTURES, SITE, until };
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The Firefox build to install (default .output/firefox-mv3, i.e. `npm run build:firefox`). */
export const FIREFOX_EXT_DIR = resolve(ROOT, process.env.FIREFOX_EXT_DIR ?? '.output/firefox-mv3');

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

/**
 * Why the Firefox tests cannot run here (a message), or null when they can. With CI set, a missing
 * Firefox is an error instead: CI must not silently skip.
 */
/** Whether `text` is in any frame of the page (a document's markup or a field's value). */
export async function inAnyFrame(page, text) {
  const found = await Promise.all(
    page
      .frames()
      .map((f) =>
        f
          .evaluate(
            (t) =>
              document.documentElement.outerHTML.includes(t) ||
              [...document.querySelectorAll('input, textarea')].some((el) => el.value.includes(t)),
            text,
          )
          .catch(() => false),
      ),
  );
  return found.some(Boolean);
}

export function firefoxSkipReason() {
  if (existsSync(FIREFOX)) return null;
  const reason = `no Firefox at ${FIREFOX} (apt-get install -y firefox-esr, or set FIREFOX_PATH)`;
  if (process.env.CI)
    throw new Error(`Firefox tests cannot run: ${reason}; CI is set, so they are not skipped`);
  return `Firefox tests skipped: ${reason}`;
}

/** A file as a proxy response. */
export async function fileResponse(file) {
  return {
    status: 200,
    headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' },
    body: await readFile(file),
  };
}

/**
 * The default resolver, the same answers as the Chromium rig's routeOffline: the fixture origins from
 * e2e/fixtures (404 when missing), vendor hosts from `vendorFile(url, vendorRoot)` (the imitations in
 * e2e/fixtures/vendor unless another root is given) or from `vendor` when given (e.g. the real vendor
 * scripts), anything else dropped (a network error).
 */
export function fixtureResolver(opts = {}) {
  const { vendorRoot, vendor } = opts;
  return async (rawUrl, request) => {
    const url = new URL(rawUrl);
    if (url.origin === SITE || url.origin === ALT) {
      const file = join(FIXTURES, decodeURIComponent(url.pathname));
      if (file.startsWith(FIXTURES) && existsSync(file) && statSync(file).isFile()) return fileResponse(file);
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
    }
    if (vendor) return vendor(rawUrl, request);
    const file = vendorRoot ? vendorFile(url.href, vendorRoot) : vendorFile(url.href);
    return file ? fileResponse(file) : null;
  };
}

/** The add-on id the build declares (browser_specific_settings.gecko.id). */
function geckoId(extDir) {
  const manifest = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8'));
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extDir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

/** Firefox preferences: everything through the proxy except loopback, the extension's UUID pinned. */
export function firefoxPrefs({ proxyPort, extensionId, uuid }) {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    // Loopback (the sandbox API on 127.0.0.1) bypasses the proxy.
    'network.proxy.allow_hijacking_localhost': false,
    'network.trr.mode': 5,
    'network.http.http3.enable': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    // Remote settings (blocklists etc.) would sync ~15 collections through the proxy at every start,
    // retrying; a data: server (honoured with MOZ_REMOTE_SETTINGS_DEVTOOLS=1, see launch) fails them here.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: uuid }),
  };
}

/**
 * Launch Firefox ESR with the built extension, a fresh profile, a fresh sandbox and the proxy.
 * @param {import('./rig.d.mts').FirefoxLaunchOptions} [opts]
 * @returns {Promise<import('./rig.d.mts').FirefoxHarness>}
 */
export async function launch(opts = {}) {
  const extDir = opts.extensionDir === undefined ? FIREFOX_EXT_DIR : opts.extensionDir;
  if (extDir && !existsSync(join(extDir, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${extDir}: run npm run build:firefox (or set FIREFOX_EXT_DIR)`);
  }
  const extensionId = extDir ? geckoId(extDir) : '';
  const uuid = randomUUID();
  const sandbox =
    opts.sandboxInstance ??
    (await startSandbox({
      keys: { [DEMO_KEY]: opts.balance ?? 5 },
      solveMs: opts.solveMs ?? 1500,
      ...opts.sandbox,
    }));
  const proxy = await startProxy({
    resolve: opts.resolve ?? fixtureResolver({ vendorRoot: opts.vendorRoot }),
  });
  /** @type {import('puppeteer-core').Browser | undefined} */
  let launched;
  try {
    launched = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX,
      headless: opts.headless ?? true,
      acceptInsecureCerts: true,
      // Lets BiDi open moz-extension:// pages ("not allowed in this context" without it).
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { ...firefoxPrefs({ proxyPort: proxy.port, extensionId, uuid }), ...opts.prefs },
      defaultViewport: { width: 1000, height: 800 },
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    });
  } catch (e) {
    await proxy.close();
    if (!opts.sandboxInstance) await sandbox.close();
    throw e;
  }
  const b = launched;

  /** @type {Promise<import('puppeteer-core').Page> | undefined} */
  let control;

  /** @type {import('./rig.d.mts').FirefoxHarness} */
  const harness = {
    browser: b,
    sandbox,
    proxy,
    extensionId,
    uuid,
    fixtureUrl: (path, o) => `${o?.alt ? ALT : SITE}/${path.replace(/^\//, '')}`,
    extensionUrl: (path) => `moz-extension://${uuid}/${path.replace(/^\//, '')}`,
    async open(path, o) {
      const page = await b.newPage();
      await page.goto(harness.fixtureUrl(path, o));
      return page;
    },
    async extensionPage(path = 'options.html') {
      const url = harness.extensionUrl(path);
      const page = await b.newPage();
      // The navigation moves the tab to the extension process: puppeteer may report "Frame detached"
      // or never see it finish, so wait on the document itself.
      page.goto(url).catch(() => {});
      await until(
        () =>
          page
            .evaluate((u) => location.href === u && document.readyState === 'complete', url)
            .catch(() => false),
        15_000,
        `${url} to load`,
      );
      return page;
    },
    control() {
      control ??= harness.extensionPage('options.html');
      return control;
    },
    async evaluateInExtension(fn, arg) {
      const page = await harness.control();
      return page.evaluate(fn, arg);
    },
    storage: async (key) =>
      harness.evaluateInExtension(async (k) => (await browser.storage.local.get(k))[k], key),
    // The client key where the options page stores it (lib/key-store.ts: the extension's IndexedDB).
    storedKey: () =>
      harness.evaluateInExtension(async () => {
        const db = await new Promise((res, rej) => {
          const req = indexedDB.open('anysolver', 1);
          req.onsuccess = () => res(req.result);
          req.onerror = () => rej(req.error);
        });
        try {
          return await new Promise((res, rej) => {
            const req = db.transaction('secrets').objectStore('secrets').get('clientKey');
            req.onsuccess = () => res(req.result);
            req.onerror = () => rej(req.error);
          });
        } finally {
          db.close();
        }
      }),
    ...sandboxTasks(sandbox),
    async configure(c = {}) {
      const settings = { endpoint: sandbox.url, ...c.settings };
      await harness.evaluateInExtension(seedExtension, {
        key: c.key === undefined ? DEMO_KEY : c.key,
        settings,
      });
    },
    async close() {
      await b.close().catch(() => {});
      await proxy.close();
      if (!opts.sandboxInstance) await sandbox.close();
    },
  };
  try {
    if (extDir) {
      // BiDi webExtension.install: a temporary add-on, gone with the profile.
      const installed = await b.installExtension(extDir);
      if (installed !== extensionId) throw new Error(`installed ${installed}, expected ${extensionId}`);
      if (opts.seed !== false) await harness.configure({ key: opts.key, settings: opts.settings });
    }
  } catch (e) {
    await harness.close();
    throw e;
  }
  return harness;
}
