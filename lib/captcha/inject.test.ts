import { afterEach, describe, expect, it } from 'vitest';
import { adoptChannel, type InjectTarget, injectForVendor, type ScriptRunner } from './inject';

const g = globalThis as unknown as { [k: symbol]: unknown };
afterEach(() => {
  delete g[Symbol.for('anysolver.channel')];
  delete g[Symbol.for('anysolver.main')];
});

/** A runner that runs the injected functions here (one "document") and logs what was injected where. */
function runner() {
  const log: string[] = [];
  const run: ScriptRunner = {
    async func(_t, world, fn, args) {
      log.push(`${world} ${fn.name}`);
      return world === 'ISOLATED' ? fn(...args) : undefined;
    },
    async file(_t, file) {
      log.push(`file ${file}`);
    },
  };
  return { log, run };
}
const target = (vendor: InjectTarget['vendor']): InjectTarget => ({ tabId: 1, frameId: 0, vendor });

describe('injectForVendor', () => {
  it('reCAPTCHA: the secret, then the main-world half once per document, then the detector', async () => {
    const { log, run } = runner();
    await injectForVendor(target('recaptcha'), run, () => 'secret-1');
    await injectForVendor(target('recaptcha'), run, () => 'secret-2');
    expect(log).toEqual([
      'ISOLATED adoptChannel',
      'MAIN recaptchaMainWorld',
      'file /vendor-detect.js',
      'ISOLATED adoptChannel',
      'file /vendor-detect.js',
    ]);
    expect(g[Symbol.for('anysolver.channel')]).toBe('secret-1');
  });

  it('a main-world half that throws (a page broke the built-ins) still gets the detector', async () => {
    const { log, run } = runner();
    const failing: ScriptRunner = {
      func: (t, world, fn, args) => (world === 'MAIN' ? Promise.reject(new Error('boom')) : run.func(t, world, fn, args)),
      file: run.file,
    };
    await injectForVendor(target('recaptcha'), failing, () => 's');
    expect(log).toEqual(['ISOLATED adoptChannel', 'file /vendor-detect.js']);
  });

  it('other vendors: no main-world code at all', async () => {
    const { log, run } = runner();
    await injectForVendor(target('geetest'), run, () => 's');
    expect(log).toEqual(['ISOLATED adoptChannel', 'file /vendor-detect.js']);
  });

  it('adoptChannel keeps the first secret of a document', () => {
    expect(adoptChannel('a', false)).toEqual({ channel: 'a', injectMain: false });
    expect(adoptChannel('b', true)).toEqual({ channel: 'a', injectMain: true });
    expect(adoptChannel('c', true)).toEqual({ channel: 'a', injectMain: false });
  });
});
