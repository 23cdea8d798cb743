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

/** What the isolated world answers about its document's channel (adoptChannel). */
export interface Adopted {
  /** The document's secret: the first one handed to it. */
  channel: string;
  /** The caller is the one to put a main-world half on `channel` (none listens there yet). */
  claimed: boolean;
}

/**
 * Self-contained (serialized by the browser), in the isolated world: keep the document's secret or adopt
 * the given one, and — when a main-world half is wanted — claim it (once per document: a second half on
 * the same channel would call the site's callback twice). The isolated world outlives a stopped service
 * worker and sees every injector, so it is the final word on a document's channel and its half.
 */
export function adoptChannel(secret: string, wantMain: boolean): Adopted {
  const g = globalThis as unknown as { [k: symbol]: unknown };
  const key = Symbol.for('anysolver.channel');
  const mainKey = Symbol.for('anysolver.main');
  if (typeof g[key] !== 'string') g[key] = secret;
  const claimed = wantMain && g[mainKey] !== true;
  if (claimed) g[mainKey] = true;
  return { channel: g[key] as string, claimed };
}

/**
 * Self-contained, in the isolated world: tell the main-world half `id`, listening on `channel`, to step
 * aside (it lets every call through to Google from then on). Sent to a half injected ahead of the answer
 * of adoptChannel that turned out to be on the wrong channel, or a second one on the right channel.
 */
export function retireMainWorld(channel: string, id: string): void {
  try {
    document.dispatchEvent(new CustomEvent(`${channel}:d`, { detail: `retire\n${id}` }));
  } catch {
    // The document is going away.
  }
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
 * executes, and a cached release executes a few milliseconds after its loader. Its secret is the one the
 * background remembers for the document (or a new one); the isolated world's answer then confirms it, or
 * — the document kept a secret this worker forgot, or already has a half — the half just sent retires.
 */
export async function injectForVendor(
  t: InjectTarget,
  run: ScriptRunner,
  records: DocumentRecords,
  newSecret: () => string = () => crypto.randomUUID(),
): Promise<void> {
  const key = documentKey(t);
  const rec = (await records.get(key)) ?? { channel: newSecret(), main: false };
  const wantMain = t.vendor === 'recaptcha';
  // A page that broke the main world's built-ins must not also cost it the detector (fill, status).
  const main = (channel: string, id: string) =>
    run
      .func(t, 'MAIN', recaptchaMainWorld, [channel, { fallbackMs: EXECUTE_FALLBACK_MS, id }])
      .then(() => true)
      .catch(() => false);
  const ahead = wantMain && !rec.main ? { id: newSecret(), channel: rec.channel } : null;
  const sent = ahead ? main(ahead.channel, ahead.id) : Promise.resolve(false);
  const adopted = await run.func(t, 'ISOLATED', adoptChannel, [rec.channel, wantMain]);
  const channel = typeof adopted?.channel === 'string' ? adopted.channel : rec.channel;
  const claimed = adopted?.claimed === true;
  if (ahead && !(claimed && channel === ahead.channel)) {
    // The half sent ahead is not the document's: once it is in place, it steps aside.
    if (await sent) await run.func(t, 'ISOLATED', retireMainWorld, [ahead.channel, ahead.id]);
  }
  if (claimed && channel !== ahead?.channel) await main(channel, newSecret());
  await records.set(key, { channel, main: rec.main || (wantMain && adopted !== undefined) });
  await sent;
  await run.file(t, '/vendor-detect.js');
}

/**
 * injectForVendor, one at a time per frame: sightings of one document arrive together (the loader, its
 * frames, a webNavigation commit reported late), and two injectors reading the records at once would
 * each send a half with its own secret.
 */
export function createInjector(
  run: ScriptRunner,
  records: DocumentRecords,
  newSecret?: () => string,
): (t: InjectTarget) => Promise<void> {
  const queues = new Map<string, Promise<void>>();
  return (t) => {
    const frame = `${t.tabId}:${t.frameId}`;
    const next = (queues.get(frame) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => injectForVendor(t, run, records, newSecret));
    queues.set(frame, next);
    const done = () => {
      if (queues.get(frame) === next) queues.delete(frame);
    };
    next.then(done, done);
    return next;
  };
}
