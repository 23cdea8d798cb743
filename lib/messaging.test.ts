// The protocol map's conventions (lib/messaging.ts): every message type, in every direction, has exactly
// one handler and at least one sender in the source. A new entry without either fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHandlers, pageHandlers } from '@/entrypoints/background/handlers';
import type { PageHandlers } from './background/handler-types';
import { contentMessageSchema, pageMessageSchema } from './messaging';
import { contentBoundChecks } from './messaging-parse';

const ROOT = resolve(import.meta.dirname, '..');
/** Where messages are sent from: the extension's source, and the e2e tests (the context menu's
 * `image:solve` is reached there as a page message: Playwright cannot click a native menu). */
const SOURCE_DIRS = ['lib', 'entrypoints', 'components', 'e2e'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}
const sources = SOURCE_DIRS.flatMap((d) => files(join(ROOT, d)))
  // The map itself and its parser declare the types; they do not send them.
  .filter((f) => !/lib\/messaging(-parse)?\.ts$/.test(f))
  .map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, 'utf8') }));
const sendersOf = (type: string) =>
  sources.filter((s) => s.text.includes(`type: '${type}'`)).map((s) => s.file);

const typesOf = (schema: { options: readonly { shape: { type: { value: string } } }[] }) =>
  schema.options.map((o) => o.shape.type.value);
const pageTypes = typesOf(pageMessageSchema);
const contentTypes = typesOf(contentMessageSchema);
const contentBoundTypes = Object.keys(contentBoundChecks);

describe('the protocol map', () => {
  it('declares each message type once per direction', () => {
    for (const types of [pageTypes, contentTypes, contentBoundTypes]) {
      expect(new Set(types).size).toBe(types.length);
    }
    expect(pageTypes.length).toBeGreaterThan(10);
    expect(contentTypes).toEqual(['widgets:found', 'widgets:gone', 'widget:expired']);
  });

  it('gives every page and content message exactly one background handler', () => {
    expect(Object.keys(pageHandlers).sort()).toEqual([...pageTypes].sort());
    expect(Object.keys(contentHandlers).sort()).toEqual([...contentTypes].sort());
    // No type is both: a content script cannot speak the pages' protocol.
    expect(pageTypes.filter((t) => contentTypes.includes(t))).toEqual([]);
  });

  it('gives every background → content message one parser entry and one content-side receiver', () => {
    const receivers = sources.filter((s) => /^lib\/captcha\/(content|image)\//.test(s.file));
    for (const type of contentBoundTypes) {
      const test = new RegExp(`type [!=]== '${type}'`);
      const handledBy = receivers.filter((s) => test.test(s.text)).map((s) => s.file);
      expect(handledBy, type).toHaveLength(1);
    }
  });

  it('has at least one sender for every message, in every direction', () => {
    const unsent = [...pageTypes, ...contentTypes, ...contentBoundTypes].filter(
      (t) => sendersOf(t).length === 0,
    );
    expect(unsent).toEqual([]);
  });

  it('finds a removed message nowhere (scan, widget:fallback)', () => {
    for (const type of ['scan', 'widget:fallback']) expect(sendersOf(type)).toEqual([]);
  });

  it('rejects at compile time a handler whose reply is not the declared one', () => {
    // @ts-expect-error `site:pause` answers an Ack, not a number.
    const wrong: PageHandlers['site:pause'] = async () => 42;
    // @ts-expect-error `key:status` answers a KeyStatus: `hasKey` is required.
    const missing: PageHandlers['key:status'] = async () => ({ masked: 'x' });
    expect([typeof wrong, typeof missing]).toEqual(['function', 'function']);
  });
});
