/**
 * The one clock the extension pages tick: elapsed seconds of jobs in flight are the only thing on a page
 * that moves without a storage change, so the clock runs only while `busy()` is true.
 */
import { effect, type Signal } from '@preact/signals';

/** A repeating timer; returns its cancel (injectable so tests drive time). */
export type Every = (ms: number, fn: () => void) => () => void;

export const defaultEvery: Every = (ms, fn) => {
  const id = setInterval(fn, ms);
  return () => clearInterval(id);
};

/** Keep `clock` at `now()` every second while `busy()` (a signal read) holds; returns the cleanup. */
export function tickWhile(
  clock: Signal<number>,
  busy: () => boolean,
  now: () => number,
  every: Every,
): () => void {
  return effect(() => {
    if (!busy()) return;
    clock.value = now();
    return every(1000, () => {
      clock.value = now();
    });
  });
}
