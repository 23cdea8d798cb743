// Types of the plain-JS Firefox rig (rig.mjs).
import type { Browser, Page } from 'puppeteer-core';
import type { Settings } from '../../lib/settings';
import type { ProxyResolver, ProxyResponse, TestProxy } from './proxy.mjs';

export { ALT, DEMO_KEY, FIXTURES, SITE, until } from '../rig.mjs';

export const FIREFOX: string;
export const FIREFOX_EXT_DIR: string;

export interface FirefoxLaunchOptions {
  solveMs?: number;
  balance?: number;
  /** null: no key saved (first run). Default: the sandbox demo key. */
  key?: string | null;
  settings?: Partial<Settings>;
  /** Extra sandbox options (see sandbox/server.mjs). */
  sandbox?: Record<string, unknown>;
  /** Reuse a running sandbox (not closed by close()). */
  // biome-ignore lint/suspicious/noExplicitAny: the sandbox is plain JS
  sandboxInstance?: any;
  /** Extension folder (default .output/firefox-mv3 or $FIREFOX_EXT_DIR); null launches without it. */
  extensionDir?: string | null;
  headless?: boolean;
  /** What the proxy answers for each URL. Default: fixtureResolver({ vendorRoot, vendor }). */
  resolve?: ProxyResolver;
  /** Vendor files root for the default resolver (default e2e/fixtures/vendor). */
  vendorRoot?: string;
  /** Answers every non-fixture URL for the default resolver (instead of the files under vendorRoot). */
  vendor?: ProxyResolver;
  /** false: the rig stores nothing (no key, no settings): what configures the extension is the test's. */
  seed?: boolean;
  /** Extra Firefox preferences (override the rig's). */
  prefs?: Record<string, string | number | boolean>;
}

export interface FirefoxHarness {
  browser: Browser;
  // biome-ignore lint/suspicious/noExplicitAny: the sandbox is plain JS
  sandbox: any;
  proxy: TestProxy;
  /** The add-on id (browser_specific_settings.gecko.id). */
  extensionId: string;
  /** The pinned moz-extension:// host. */
  uuid: string;
  fixtureUrl(path: string, opts?: { alt?: boolean }): string;
  extensionUrl(path: string): string;
  /** A new tab on a fixture page (waits for its load event). */
  open(path: string, opts?: { alt?: boolean }): Promise<Page>;
  /** A new tab on an extension page, loaded (waits on document.readyState). */
  extensionPage(path?: string): Promise<Page>;
  /** The extension page (options.html, opened once) where evaluateInExtension runs. */
  control(): Promise<Page>;
  /** Run `fn` in an extension page: `browser.*` is the WebExtension API there. */
  evaluateInExtension<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** One storage.local item. */
  // biome-ignore lint/suspicious/noExplicitAny: storage is read raw
  storage(key: string): Promise<any>;
  /** The client key in the extension's IndexedDB key store (undefined when none is saved). */
  storedKey(): Promise<string | undefined>;
  /** createTask request bodies received by the sandbox, client key removed. */
  createdTasks(): Array<Record<string, unknown> & { task?: Record<string, unknown> }>;
  /** The createTask `task` the sandbox received for a sitekey (waits for it). */
  taskFor(websiteKey: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  configure(opts?: { key?: string | null; settings?: Partial<Settings> }): Promise<void>;
  close(): Promise<void>;
}

/** Why the Firefox tests cannot run here, or null; throws instead when CI is set. */
export function firefoxSkipReason(): string | null;
export function fileResponse(file: string): Promise<ProxyResponse>;
/**
 * Fixture origins from e2e/fixtures (404 when missing); other URLs from `vendor`, else the vendor files
 * under `vendorRoot` (default the imitations), else dropped.
 */
export function fixtureResolver(opts?: { vendorRoot?: string; vendor?: ProxyResolver }): ProxyResolver;
export function firefoxPrefs(o: {
  proxyPort: number;
  extensionId: string;
  uuid: string;
}): Record<string, string | number | boolean>;
export function launch(opts?: FirefoxLaunchOptions): Promise<FirefoxHarness>;

/** Whether `text` is in any frame of the page (a document's markup or a field's value). */
export function inAnyFrame(page: Page, text: string): Promise<boolean>;
