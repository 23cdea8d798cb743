import { afterEach, describe, expect, it } from 'vitest';
import {
  adoptChannel,
  type DocumentRecord,
  type InjectTarget,
  injectForVendor,
  type ScriptRunner,
} from './inject';

const g = globalThis as unknown as { [k: symbol]: unknown };
afterEach(() => {
  delete g[Symbol.for('anysolver.channel')];
});

/** A runner that runs the injected functions here (one "document") and logs what was injected where. */
function runner() {
  const log: string[] = [];
  const run: ScriptRunner = {
    async func(_t, world, fn, args) {
      log.push(`${world} ${fn.name}${world === 'MAIN' ? ` ${String(args[0])}` : ''}`);
      return world === 'ISOLATED' ? fn(...args) : undefined;
    },
    async file(_t, file) {
      log.push(`file ${file}`);
    },
  };
  return { log, run };
}
const records = () => {
  const m = new Map<string, DocumentRecord>();
  return {
    m,
    get: async (k: string) => m.get(k),
    set: async (k: string, r: DocumentRecord) => void m.set(k, { ...r }),
  };
};
const target = (vendor: InjectTarget['vendor']): InjectTarget => ({
  tabId: 1,
  frameId: 0,
  documentId: 'D',
  vendor,
});
let n = 0;
const secrets = () => `secret-${++n}`;

describe('injectForVendor', () => {
  it('reCAPTCHA: the main-world half first (once per document), the secret, then the detector', async () => {
    const { log, run } = runner();
    const r = records();
    await injectForVendor(target('recaptcha'), run, r, () => 'S1');
    await injectForVendor(target('recaptcha'), run, r, () => 'S2');
    expect(log).toEqual([
      'MAIN recaptchaMainWorld S1',
      'ISOLATED adoptChannel',
      'file /vendor-detect.js',
      'ISOLATED adoptChannel',
      'file /vendor-detect.js',
    ]);
    expect(g[Symbol.for('anysolver.channel')]).toBe('S1');
  });

  it('a document this worker forgot: its own secret wins, the half is injected with it', async () => {
    const { log, run } = runner();
    g[Symbol.for('anysolver.channel')] = 'OLD';
    await injectForVendor(target('recaptcha'), run, records(), () => 'NEW');
    expect(log).toEqual([
      'MAIN recaptchaMainWorld NEW',
      'ISOLATED adoptChannel',
      'MAIN recaptchaMainWorld OLD',
      'file /vendor-detect.js',
    ]);
  });

  it('a main-world half that throws (a page broke the built-ins) still gets the detector', async () => {
    const { log, run } = runner();
    const failing: ScriptRunner = {
      func: (t, world, fn, args) =>
        world === 'MAIN' ? Promise.reject(new Error('boom')) : run.func(t, world, fn, args),
      file: run.file,
    };
    await injectForVendor(target('recaptcha'), failing, records(), secrets);
    expect(log).toEqual(['ISOLATED adoptChannel', 'file /vendor-detect.js']);
  });

  it('other vendors: no main-world code at all', async () => {
    const { log, run } = runner();
    await injectForVendor(target('geetest'), run, records(), secrets);
    expect(log).toEqual(['ISOLATED adoptChannel', 'file /vendor-detect.js']);
  });

  it('adoptChannel keeps the first secret of a document', () => {
    expect(adoptChannel('a')).toBe('a');
    expect(adoptChannel('b')).toBe('a');
  });
});
