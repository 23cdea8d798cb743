/**
 * What the background injects into a frame where the browser saw a captcha vendor, in order:
 * 1. the channel secret, into the extension's isolated world (kept when one is there: one per document);
 * 2. for reCAPTCHA, its main-world half (main-world.ts) with that secret, as early as possible — it must
 *    be in place before Google's release script runs;
 * 3. the detector (vendor-detect.js), which opens its end of the channel with the same secret.
 * Nothing is injected into frames without a vendor, and nothing injected is visible to the page.
 */
import { recaptchaMainWorld } from './recaptcha/main-world';
import type { VendorName } from './vendor';

/** Where the isolated world keeps the channel secret (a symbol on the isolated world's global). */
export const CHANNEL_KEY = Symbol.for('anysolver.channel');

/** A pending request falls back to Google's own flow after this long without a token. */
export const EXECUTE_FALLBACK_MS = 25_000;

export interface InjectTarget {
  tabId: number;
  frameId: number;
  documentId?: string;
  vendor: VendorName;
}

/** scripting.executeScript, reduced to what injection needs (tests pass a fake). */
export interface ScriptRunner {
  /** Run a self-contained function with JSON arguments in a world; resolves with its result. */
  func<A extends unknown[], R>(
    t: InjectTarget,
    world: 'ISOLATED' | 'MAIN',
    fn: (...args: A) => R,
    args: A,
  ): Promise<R | undefined>;
  file(t: InjectTarget, file: string): Promise<void>;
}

/**
 * Self-contained (serialized by the browser), in the isolated world: keep the document's secret or adopt
 * the given one; returns the one in use. The isolated world outlives a stopped service worker, so it is
 * the final word on which secret a document's channel has.
 */
export function adoptChannel(secret: string): string {
  const g = globalThis as unknown as { [k: symbol]: unknown };
  const key = Symbol.for('anysolver.channel');
  if (typeof g[key] !== 'string') g[key] = secret;
  return g[key] as string;
}

/** What the background remembers per document (storage.session: it survives a stopped worker). */
export interface DocumentRecord {
  channel: string;
  /** reCAPTCHA's main-world half was injected (once per document). */
  main: boolean;
}
export interface DocumentRecords {
  get(key: string): Promise<DocumentRecord | undefined>;
  set(key: string, rec: DocumentRecord): Promise<void>;
}

/** One document: its documentId where the browser gives one, else the frame (forgotten on navigation). */
export const documentKey = (t: Pick<InjectTarget, 'tabId' | 'frameId' | 'documentId'>) =>
  `${t.tabId}:${t.frameId}:${t.documentId ?? ''}`;

/**
 * Inject everything a vendor sighting calls for into one frame. The main-world half goes first and
 * without waiting for anything else: Google's release runs `ready`/`onload` callbacks as soon as it
 * executes, and a cached release executes a few milliseconds after its loader.
 */
export async function injectForVendor(
  t: InjectTarget,
  run: ScriptRunner,
  records: DocumentRecords,
  newSecret: () => string = () => crypto.randomUUID(),
): Promise<void> {
  const key = documentKey(t);
  const rec = (await records.get(key)) ?? { channel: newSecret(), main: false };
  const injectMain = t.vendor === 'recaptcha' && !rec.main;
  if (injectMain) rec.main = true;
  await records.set(key, rec);
  const main = (channel: string) =>
    // A page that broke the main world's built-ins must not also cost it the detector (fill, status).
    run
      .func(t, 'MAIN', recaptchaMainWorld, [channel, { fallbackMs: EXECUTE_FALLBACK_MS }])
      .catch(() => undefined);
  const mainDone = injectMain ? main(rec.channel) : Promise.resolve(undefined);
  const channel = await run.func(t, 'ISOLATED', adoptChannel, [rec.channel]);
  if (typeof channel === 'string' && channel !== rec.channel) {
    // The document already had a secret this worker had forgotten (its records were cleared): that one
    // is used from now on; a main-world half just injected with ours stays deaf and lets calls through.
    await records.set(key, { channel, main: rec.main });
    if (injectMain) await main(channel);
  }
  await mainDone;
  await run.file(t, '/vendor-detect.js');
}
