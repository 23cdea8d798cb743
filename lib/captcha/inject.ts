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
 * the new one, and say whether the main-world half still has to be injected (once per document: the
 * isolated world remembers it, so the main world needs no page-visible "are you there?" of its own).
 */
export function adoptChannel(secret: string, wantMain: boolean): { channel: string; injectMain: boolean } {
  const g = globalThis as unknown as { [k: symbol]: unknown };
  const key = Symbol.for('anysolver.channel');
  const main = Symbol.for('anysolver.main');
  if (typeof g[key] !== 'string') g[key] = secret;
  const injectMain = wantMain && g[main] !== true;
  if (injectMain) g[main] = true;
  return { channel: g[key] as string, injectMain };
}

/** Inject everything a vendor sighting calls for into one frame. */
export async function injectForVendor(
  t: InjectTarget,
  run: ScriptRunner,
  newSecret: () => string = () => crypto.randomUUID(),
): Promise<void> {
  const adopted = await run.func(t, 'ISOLATED', adoptChannel, [newSecret(), t.vendor === 'recaptcha']);
  if (adopted?.injectMain) {
    // A page that broke the main world's built-ins must not also cost it the detector (fill, status).
    await run
      .func(t, 'MAIN', recaptchaMainWorld, [adopted.channel, { fallbackMs: EXECUTE_FALLBACK_MS }])
      .catch(() => undefined);
  }
  await run.file(t, '/vendor-detect.js');
}
