import type { BrowserContext, Page, Worker } from 'playwright-core';
import type { Settings } from '../lib/settings';

export const ROOT: string;
export const EXT_DIR: string;
export const FIXTURES: string;
export const CHROMIUM: string;
export const DEMO_KEY: string;
export const SITE: string;
/** The default limits but for starts without a user gesture (lifted for the suites). */
export const RIG_LIMITS: Settings['limits'];
export const ALT: string;

export interface LaunchOptions {
  solveMs?: number;
  balance?: number;
  /** null: no key saved (first run). Default: the sandbox demo key. */
  key?: string | null;
  settings?: Partial<Settings>;
  /** Extra sandbox options (see sandbox/server.mjs). */
  sandbox?: Record<string, unknown>;
  /** Extension folder (default .output/chrome-mv3 or $EXT_DIR); null launches without the extension. */
  extensionDir?: string | null;
  headless?: boolean;
  /** The extension's UI language (`ar`, `ja`, `pt-BR`…): Chromium's --lang (see rig.mjs). Default English. */
  locale?: string;
  /**
   * Extra Chromium switches (`--remote-debugging-port=0` for a second driver,
   * `--auto-open-devtools-for-tabs`).
   */
  args?: string[];
  /** Reuse this profile folder (a browser restart): settings and key are kept, not configured again. */
  profile?: string;
  /** Reuse a running sandbox (with `profile`, for a restart). */
  // biome-ignore lint/suspicious/noExplicitAny: the sandbox is plain JS
  sandboxInstance?: any;
}

export interface Harness {
  // biome-ignore lint/suspicious/noExplicitAny: the sandbox is plain JS
  sandbox: any;
  context: BrowserContext;
  extensionId: string;
  profile: string;
  fixtureUrl(path: string, opts?: { alt?: boolean }): string;
  extensionUrl(path: string): string;
  open(path: string, opts?: { alt?: boolean }): Promise<Page>;
  worker(): Promise<Worker>;
  /** One storage.local item, read through whichever service worker runs now. */
  // biome-ignore lint/suspicious/noExplicitAny: storage is read raw from the worker
  storage(key: string): Promise<any>;
  /** createTask request bodies received by the sandbox, client key removed. */
  createdTasks(): Array<Record<string, unknown> & { task?: Record<string, unknown> }>;
  /** The createTask `task` the sandbox received for a sitekey (waits for it). */
  taskFor(websiteKey: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  configure(opts?: { key?: string | null; settings?: Partial<Settings> }): Promise<void>;
  /** Stops the MV3 service worker via CDP; resolves with the number of workers stopped. */
  stopWorker(): Promise<number>;
  /** Close the browser; `keep` leaves the profile and the sandbox for a relaunch. */
  close(keep?: boolean): Promise<void>;
}

export function vendorFile(rawUrl: string, vendorRoot?: string): string | null;
export function routeOffline(context: BrowserContext): Promise<void>;
export function launch(opts?: LaunchOptions): Promise<Harness>;
export function until<T>(
  fn: () => T | Promise<T>,
  timeoutMs?: number,
  what?: string,
): Promise<NonNullable<T>>;
/** Chromium's id for an extension loaded unpacked from `dir` (sha256 of the absolute path, digits as a–p). */
export function unpackedExtensionId(dir: string): string;
