// Task ids shaped like the real API's (ULIDs seen in the docs' examples): 26 Crockford base32 chars.
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID-shaped id: 10 chars of millisecond time, 16 of randomness.
 * @param {number} now epoch ms
 * @returns {string}
 */
export function ulid(now) {
  let t = Math.max(0, Math.floor(now));
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const rnd = [...randomBytes(16)].map((b) => CROCKFORD[b % 32]).join('');
  return time + rnd;
}

/** A short random hex string (token suffixes). */
export const randomHex = (bytes = 6) => randomBytes(bytes).toString('hex');
