import { afterEach, describe, expect, it } from 'vitest';
import {
  adoptChannel,
  createInjector,
  type DocumentRecord,
  type InjectTarget,
  injectForVendor,
  retireMainWorld,
  type ScriptRunner,
} from './inject';

const g = globalThis as unknown as { [k: symbol]: unknown };
afterEach(() => {
  delete g[Symbol.for('anysolver.channel')];
  delete g[Symbol.for('anysolver.main')];
});

/**
 * A runner for one "document": isolated-world functions run here (their state is this global), main-world
 * halves are recorded with their channel and name, and retireMainWorld marks the half it names.
 */
function runner() {
  const log: string[] = [];
  const halves: Array<{ channel: string; id: string; retired: boolean }> = [];
  const run: ScriptRunner = {
    async func(_t, world, fn, args) {
      const withArg = world === 'MAIN' || fn.name === retireMainWorld.name;
      log.push(`${world} ${fn.name}${withArg ? ` ${String(args[0])}` : ''}`);
      if (world === 'MAIN') {
        halves.push({ channel: String(args[0]), id: (args[1] as { id: string }).id, retired: false });
        return undefined;
      }
      if (fn.name === retireMainWorld.name) {
        for (const h of halves) if (h.channel === args[0] && h.id === args[1]) h.retired = true;
        return undefined;
      }
      return fn(...args);
    },
    async file(_t, file) {
      log.push(`file ${file}`);
    },
  };
  /** Halves that would call the site's callback for a token sent on the document's channel. */
  const live = () => halves.filter((h) => !h.retired && h.channel === g[Symbol.for('anysolver.channel')]);
  return { log, run, halves, live };
}
const records = () => {
  const m = new Map<string, DocumentRecord>();
  return {
    m,
    get: async (k: string) => m.get(k),
    set: async (k: string, r: DocumentRecord) => void m.set(k, { ...r }),
  };
};
const target = (vendor: InjectTarget['vendor'], documentId: string | undefined = 'D'): InjectTarget => ({
  tabId: 1,
  frameId: 0,
  documentId,
  vendor,
});
let n = 0;
const secrets = () => `secret-${++n}`;

describe('injectForVendor', () => {
  it('reCAPTCHA: the main-world half first (once per document), the secret, then the detector', async () => {
    const { log, run, live } = runner();
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
    expect(live()).toHaveLength(1);
  });

  it(
    'a document this worker forgot, with its half: ' + 'its own secret wins, the half sent ahead retires',
    async () => {
      const { log, run, halves, live } = runner();
      g[Symbol.for('anysolver.channel')] = 'OLD';
      g[Symbol.for('anysolver.main')] = true;
      halves.push({ channel: 'OLD', id: 'old', retired: false });
      await injectForVendor(target('recaptcha'), run, records(), () => 'NEW');
      expect(log).toEqual([
        'MAIN recaptchaMainWorld NEW',
        'ISOLATED adoptChannel',
        'ISOLATED retireMainWorld NEW',
        'file /vendor-detect.js',
      ]);
      expect(live()).toEqual([{ channel: 'OLD', id: 'old', retired: false }]);
    },
  );

  it(
    'a document that has a secret but no half yet ' + '(hCaptcha came first): the half goes on its secret',
    async () => {
      const { log, run, live } = runner();
      g[Symbol.for('anysolver.channel')] = 'OLD';
      await injectForVendor(target('recaptcha'), run, records(), () => 'NEW');
      expect(log).toEqual([
        'MAIN recaptchaMainWorld NEW',
        'ISOLATED adoptChannel',
        'ISOLATED retireMainWorld NEW',
        'MAIN recaptchaMainWorld OLD',
        'file /vendor-detect.js',
      ]);
      expect(live().map((h) => h.channel)).toEqual(['OLD']);
    },
  );

  it(
    'sightings of one document at once — with and ' + 'without its documentId — leave one live half',
    async () => {
      // The race a loaded CI machine hit: two injectors read the records together, each sent a half, and
      // the site's callback ran twice for one token.
      for (const inject of [
        (t: InjectTarget, run: ScriptRunner, r: ReturnType<typeof records>) =>
          injectForVendor(t, run, r, secrets),
        (() => {
          let injector: ReturnType<typeof createInjector> | undefined;
          return (t: InjectTarget, run: ScriptRunner, r: ReturnType<typeof records>) => {
            injector ??= createInjector(run, r, secrets);
            return injector(t);
          };
        })(),
      ]) {
        const { run, live } = runner();
        const r = records();
        await Promise.all([
          inject(target('recaptcha'), run, r),
          inject(target('recaptcha'), run, r),
          inject(target('recaptcha', undefined), run, r),
          inject(target('hcaptcha'), run, r),
        ]);
        expect(live()).toHaveLength(1);
        delete g[Symbol.for('anysolver.channel')];
        delete g[Symbol.for('anysolver.main')];
      }
    },
  );

  it('createInjector: one injection at a time per frame, so a document gets one half', async () => {
    const { log, run } = runner();
    const inject = createInjector(run, records(), secrets);
    await Promise.all([
      inject(target('recaptcha')),
      inject(target('recaptcha')),
      inject(target('recaptcha')),
    ]);
    expect(log.filter((l) => l.startsWith('MAIN'))).toHaveLength(1);
    expect(log.filter((l) => l.includes('retire'))).toEqual([]);
  });

  it('createInjector: a failed injection does not block the next one in that frame', async () => {
    const { run } = runner();
    let fail = true;
    const flaky: ScriptRunner = {
      func: (t, world, fn, args) => {
        if (fail && world === 'ISOLATED') {
          fail = false;
          return Promise.reject(new Error('No frame with id 0'));
        }
        return run.func(t, world, fn, args);
      },
      file: run.file,
    };
    const inject = createInjector(flaky, records(), secrets);
    await expect(inject(target('geetest'))).rejects.toThrow('No frame');
    await expect(inject(target('geetest'))).resolves.toBeUndefined();
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

  it('adoptChannel keeps the first secret of a document and gives its half to one caller', () => {
    expect(adoptChannel('a', false)).toEqual({ channel: 'a', claimed: false });
    expect(adoptChannel('b', true)).toEqual({ channel: 'a', claimed: true });
    expect(adoptChannel('a', true)).toEqual({ channel: 'a', claimed: false });
  });
});
