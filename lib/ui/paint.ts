/** Startup timing for the extension pages. */
import { effect } from '@preact/signals';

/**
 * Put a performance mark after the first paint at which `ready()` holds: requestAnimationFrame runs
 * before the paint, the task queued from it runs after, so the mark lands once pixels are on screen.
 */
export function markWhenPainted(name: string, ready: () => boolean): void {
  let done = false;
  const stop = effect(() => {
    if (done || !ready()) return;
    done = true;
    queueMicrotask(() => stop());
    requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
  });
}
