// Widget helpers shared by the detection and delivery measurements: unique site keys, rendering a
// widget on insert.html, and reading the sandbox's records of what happened to it.
import { withTimeout } from './session.mjs';

/** A unique, valid-looking reCAPTCHA site key (40 chars of [\w-]) so each widget maps to one task. */
export const siteKey = (tag, i) => `6Lb-${tag}-${i}-`.padEnd(40, 'x').slice(0, 40);

/** Epoch ms from a sandbox timestamp (number or ISO string); null when absent. */
export function toMs(value) {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

/** Render a widget with `key` on an insert.html page; resolves with the insertion time (epoch ms). */
export const insertWidget = (page, key) =>
  withTimeout(
    page.evaluate((k) => window.benchInsert(k), key),
    10_000,
    'insert.html rendering a widget (did the reCAPTCHA imitation load?)',
  );

/** When the sandbox received createTask for the widget with `key` (epoch ms), or null. */
export function createTaskAt(sandbox, key) {
  const req = sandbox.requests.find((r) => r.path === '/createTask' && r.body?.task?.websiteKey === key);
  return req ? toMs(req.at) : null;
}

/** The sandbox's task record for the widget with `key`, or null. */
export function taskFor(sandbox, key) {
  const tasks =
    sandbox.tasks instanceof Map ? [...sandbox.tasks.values()] : Object.values(sandbox.tasks ?? {});
  return tasks.find((t) => t?.task?.websiteKey === key) ?? null;
}

/** Page-side fill records of insert.html: { [key]: { at, via } }. */
export const filledRecords = (page) => page.evaluate(() => window.__bench.filled);
