// Scripted faults: a FIFO queue of `{ path?, times, kind }`, consumed by the requests they match.

/**
 * @typedef {{ type: 'error', errorId?: number, errorCode?: string, errorDescription?: string }
 *   | { type: 'garbage' } | { type: 'http', status?: number } | { type: 'delay', ms: number }
 *   | { type: 'drop' } | { type: 'fail-task' } | { type: 'reply', body: unknown }} FaultKind
 * @typedef {{ path?: string, times?: number, kind: FaultKind }} FaultSpec
 */

/** Create an empty fault queue. */
export function createFaultQueue() {
  /** @type {{ path?: string, times: number, kind: FaultKind }[]} */
  const queue = [];
  return {
    /** @param {FaultSpec} spec */
    push(spec) {
      if (!spec || typeof spec.kind !== 'object' || typeof spec.kind.type !== 'string') {
        throw new TypeError('fault needs { kind: { type } }');
      }
      queue.push({ path: spec.path, times: Math.max(1, spec.times ?? 1), kind: spec.kind });
    },
    /**
     * The next fault for a request to `path` (first matching entry in order), or null.
     * @param {string} path
     * @returns {FaultKind | null}
     */
    take(path) {
      const i = queue.findIndex((f) => !f.path || f.path === path);
      const entry = queue[i];
      if (!entry) return null;
      entry.times -= 1;
      if (entry.times <= 0) queue.splice(i, 1);
      return entry.kind;
    },
    clear: () => void queue.splice(0),
    size: () => queue.length,
  };
}
