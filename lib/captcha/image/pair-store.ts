/**
 * The remembered image captchas per site (background only: it imports zod). Pure functions over the
 * stored record, so the caps and the validation are tested without storage; lib/storage.ts holds the item.
 */
import { z } from 'zod';
import { imagePairSchema } from '../../messaging';
import type { ImagePair } from '../vendor';

/** Pairs kept per origin (a site rarely has more than one or two captcha forms). */
export const MAX_PAIRS_PER_ORIGIN = 10;
/** Origins kept; the least recently marked one is dropped first. */
export const MAX_ORIGINS = 200;

/**
 * A remembered pair and the image URL pattern the user marked (origin + path, url-guard.ts): the image
 * is read or fetched on later visits only while it still comes from there. Pairs stored before the
 * pattern existed have none, and must be marked again before a cross-origin image is read.
 */
export type StoredPair = ImagePair & { src?: string };
const storedPairSchema = imagePairSchema.extend({ src: z.string().max(2048).optional() });
const storedSchema = z.record(z.string().max(2048), z.array(storedPairSchema).max(MAX_PAIRS_PER_ORIGIN));
export type PairMap = Record<string, StoredPair[]>;

/** The stored record, or an empty one when it is corrupt (never throws). */
export function parsePairs(raw: unknown): PairMap {
  const parsed = storedSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** The pairs remembered for `origin` (an `https://host[:port]` origin), newest first. */
export const pairsFor = (map: PairMap, origin: string): StoredPair[] => map[origin] ?? [];

/**
 * `map` with `pair` remembered first for `origin`: a pair with the same answer field is replaced (the
 * widget id is the field's selector), and both caps hold. Returns a new object; `map` is not changed.
 */
export function rememberPair(map: PairMap, origin: string, pair: StoredPair): PairMap {
  const kept = pairsFor(map, origin).filter((p) => p.input !== pair.input);
  const list = [pair, ...kept].slice(0, MAX_PAIRS_PER_ORIGIN);
  // Re-inserting the origin moves it to the end: the oldest origins come first and are dropped first.
  const { [origin]: _old, ...rest } = map;
  const entries = Object.entries(rest);
  return Object.fromEntries([
    ...entries.slice(Math.max(0, entries.length - MAX_ORIGINS + 1)),
    [origin, list],
  ]);
}
