// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIsolatedBridge, type UpMessage } from '../bridge';
import { recaptchaMainWorld } from './main-world';

type Win = Window & Record<string, unknown>;
const win = window as unknown as Win;
/** A fresh secret per test: an instance answers for its channel as long as the document lives. */
let CHANNEL = '';
let n = 0;
const OPTS = { fallbackMs: 200, id: 'half-1' };
const tick = () => new Promise((r) => setTimeout(r, 0));

/** What a page can enumerate on window and its prototype chain. */
function visible(): string[] {
  const out: string[] = [];
  for (let o: object | null = window; o; o = Object.getPrototypeOf(o))
    out.push(...Object.getOwnPropertyNames(o));
  return out.sort();
}

/** Google's loader (api.js or enterprise.js) as the real one leaves the page: config, `ready`, api base. */
function loader(enterprise = false) {
  const cfg: Record<string, unknown> = { clients: {}, fns: [] };
  win.___grecaptcha_cfg = cfg;
  const g: Record<string, unknown> = {};
  const target: Record<string, unknown> = enterprise ? {} : g;
  if (enterprise) g.enterprise = target;
  target.ready = (f: () => void) => (cfg.fns as unknown[]).push(f);
  win.grecaptcha = g;
  win.__recaptcha_api = `https://www.google.com/recaptcha/${enterprise ? 'enterprise' : 'api2'}/`;
  return { cfg, g, target };
}

/** A client in the config, two levels deep under minified names as in a real release. */
function client(id: string, params: Record<string, unknown>) {
  (win.___grecaptcha_cfg as { clients: Record<string, unknown> }).clients[id] = { Xq: { Pb: params } };
}

let up: UpMessage[] = [];
let isolated: ReturnType<typeof createIsolatedBridge>;
beforeEach(() => {
  CHANNEL = `secret-${++n}`;
  up = [];
  isolated = createIsolatedBridge(document, CHANNEL, (m) => up.push(m));
});
afterEach(() => {
  isolated.close();
  for (const k of ['___grecaptcha_cfg', 'grecaptcha', '__recaptcha_api', 'onDone']) delete win[k];
});
/** Inject, and say hello as the detector does when it starts. */
const install = () => {
  recaptchaMainWorld(CHANNEL, OPTS, window);
  isolated.send({ t: 'hello' });
};
const factsOf = (id: string) =>
  up.flatMap((m) => (m.t === 'facts' && m.facts.widgetId === id ? [m.facts] : [])).at(-1);

describe('recaptchaMainWorld', () => {
  it('leaves nothing on window or its prototypes, and no vendor name becomes `in` window', () => {
    const before = visible();
    recaptchaMainWorld(`${CHANNEL}-blank`, OPTS, window);
    expect(visible()).toEqual(before);
    expect('grecaptcha' in window).toBe(false);
    expect('turnstile' in window).toBe(false);
  });

  it('wraps execute when the release assigns it, invisibly to Object.keys and toString', async () => {
    const { g } = loader();
    install();
    expect(Object.keys(g)).toEqual(['ready']); // the waiting accessor is not enumerable
    const native = function execute(this: unknown) {
      return Promise.resolve('google-token');
    };
    g.execute = native; // what the release does (seen: plain assignment onto the loader's object)
    expect(g.execute).not.toBe(native);
    expect(Object.getOwnPropertyDescriptor(g, 'execute')).toMatchObject({
      writable: true,
      enumerable: true,
      configurable: true,
    });
    expect(Function.prototype.toString.call(g.execute)).toBe(Function.prototype.toString.call(native));
    expect(Function.prototype.toString.call(Function.prototype.toString)).toBe(
      'function toString() { [native code] }',
    );
    expect((g.execute as () => unknown).name).toBe('execute');

    const promise = (g.execute as (k: string, o: object) => Promise<string>)(' K-v3 ', { action: 'login' });
    await tick();
    expect(factsOf('recaptcha:exec:1')).toEqual({
      widgetId: 'recaptcha:exec:1',
      kind: 'recaptcha-v3',
      websiteKey: 'K-v3',
      action: 'login',
      gesture: false,
      pendingExecute: true,
    });
    isolated.send({ t: 'token', widgetId: 'recaptcha:exec:1', token: 'OUR-TOKEN' });
    await expect(promise).resolves.toBe('OUR-TOKEN');
    expect(factsOf('recaptcha:exec:1')?.pendingExecute).toBe(false);
  });

  it('Enterprise: watches grecaptcha.enterprise only, and leaves no `execute` on grecaptcha', () => {
    const { g, target } = loader(true);
    install();
    expect('execute' in g).toBe(false);
    target.execute = () => Promise.resolve('x');
    expect(Function.prototype.toString.call(target.execute)).toContain('Promise.resolve(');
    (target.execute as (k: string, o: object) => unknown)('K-e3', { action: 'buy' });
    expect(factsOf('recaptcha:exec:1')).toMatchObject({
      kind: 'recaptcha-v3-enterprise',
      websiteKey: 'K-e3',
    });
  });

  it("falls back to Google's execute when no token is coming", async () => {
    const { g } = loader();
    install();
    let calls = 0;
    g.execute = () => {
      calls++;
      return Promise.resolve('google-token');
    };
    const p = (g.execute as (k: string, o: object) => Promise<string>)('K', { action: 'a' });
    isolated.send({ t: 'release', widgetId: 'recaptcha:exec:1' });
    await expect(p).resolves.toBe('google-token');
    expect(calls).toBe(1);
    expect(up).toContainEqual({ t: 'fallback', widgetId: 'recaptcha:exec:1' });
  });

  it('falls back by itself after fallbackMs', async () => {
    const { g } = loader();
    install();
    g.execute = () => Promise.resolve('late-google');
    await expect((g.execute as (k: string, o: object) => Promise<string>)('K', {})).resolves.toBe(
      'late-google',
    );
  });

  it('execute(widgetId) on an invisible client: one request, the callback only with our token', async () => {
    const { g } = loader();
    const got: string[] = [];
    win.onDone = (t: string) => got.push(t);
    client('0', { sitekey: ' 6LdPadded ', callback: 'onDone', size: null });
    install();
    let native = 0;
    g.execute = () => void native++;
    (g.execute as (id?: number) => unknown)();
    (g.execute as (id?: number) => unknown)(0); // a double submit while the first is pending: no second task
    const requests = up.filter((m) => m.t === 'facts' && m.facts.widgetId.startsWith('recaptcha:act:'));
    expect(requests.map((m) => (m.t === 'facts' ? m.facts : null))).toEqual([
      { widgetId: 'recaptcha:act:0:1', websiteKey: '6LdPadded', gesture: false, pendingExecute: true },
    ]);
    expect(got).toEqual([]);
    isolated.send({ t: 'token', widgetId: 'recaptcha:act:0:1', token: 'TOK' });
    expect(got).toEqual(['TOK']);
    expect(native).toBe(0);
  });

  it('says on hello only what the DOM cannot tell (an Enterprise s payload): most pages hear nothing', () => {
    loader();
    client('0', { sitekey: 'K0', callback: () => undefined });
    client('1', { sitekey: 'K1', action: 'submit', s: 'S', bind: document.body });
    install();
    expect(up).toEqual([{ t: 'facts', facts: { widgetId: 'recaptcha:1', s: 'S' } }]);
    isolated.send({ t: 'hello' }); // the detector asks again on every pass: nothing new, nothing sent
    expect(up).toHaveLength(1);
  });

  it('an s payload the DOM already shows (data-s of an auto-rendered widget) is not sent', () => {
    loader();
    document.body.innerHTML = '<div class="g-recaptcha" data-sitekey="K" data-s="S-DOM"></div>';
    client('0', { sitekey: 'K', s: 'S-DOM' });
    install();
    expect(up).toEqual([]);
    document.body.innerHTML = '';
  });

  it('auto-submit: the form is posted only when the site has no callback to do it', () => {
    loader();
    document.body.innerHTML =
      '<form id="f"><textarea id="g-recaptcha-response" name="g-recaptcha-response"></textarea></form>' +
      '<form id="g"><textarea id="g-recaptcha-response-1" name="g-recaptcha-response"></textarea></form>';
    const posted: string[] = [];
    for (const id of ['f', 'g'])
      document.getElementById(id)!.addEventListener('submit', (e) => {
        e.preventDefault();
        posted.push(id);
      });
    const got: string[] = [];
    client('0', { sitekey: 'K0' });
    client('1', { sitekey: 'K1', callback: (t: string) => got.push(t) });
    install();
    isolated.send({ t: 'token', widgetId: 'recaptcha:0', token: 'T0', submit: true });
    isolated.send({ t: 'token', widgetId: 'recaptcha:1', token: 'T1', submit: true });
    expect(posted).toEqual(['f']);
    expect(got).toEqual(['T1']);
    document.body.innerHTML = '';
  });

  it("calls a checkbox client's (dotted) callback when its token arrives", () => {
    loader();
    const got: string[] = [];
    win.onDone = { inner: { fn: (t: string) => got.push(t) } };
    client('2', { sitekey: 'K2', callback: 'onDone.inner.fn' });
    install();
    isolated.send({ t: 'token', widgetId: 'recaptcha:2', token: 'T2' });
    expect(got).toEqual(['T2']);
  });

  it(
    'a retired half lets everything through: its pending ' +
      'execute goes to Google, tokens and clicks do nothing',
    async () => {
      const { g } = loader();
      const got: string[] = [];
      win.onDone = (t: string) => got.push(t);
      client('0', { sitekey: 'K0', callback: 'onDone', size: null });
      install();
      let native = 0;
      g.execute = (k?: unknown) => {
        native++;
        return typeof k === 'string' ? Promise.resolve('google-token') : undefined;
      };
      const pending = (g.execute as (k: string, o: object) => Promise<string>)('K', { action: 'a' });
      // Another half's name: nothing happens.
      document.dispatchEvent(new CustomEvent(`${CHANNEL}:d`, { detail: 'retire\nhalf-2' }));
      expect(native).toBe(0);
      document.dispatchEvent(new CustomEvent(`${CHANNEL}:d`, { detail: 'retire\nhalf-1' }));
      await expect(pending).resolves.toBe('google-token');
      expect(native).toBe(1);
      up = [];
      isolated.send({ t: 'token', widgetId: 'recaptcha:0', token: 'LATE' });
      (g.execute as () => unknown)();
      await expect((g.execute as (k: string, o: object) => Promise<string>)('K', {})).resolves.toBe(
        'google-token',
      );
      expect(native).toBe(3);
      expect(got).toEqual([]);
      expect(up).toEqual([]);
    },
  );

  it("leaves a page's own grecaptcha alone (no Google loader: foreign execute runs at once)", () => {
    const own = { execute: () => 'page-own' };
    win.grecaptcha = own;
    const fn = own.execute;
    install();
    expect(own.execute).toBe(fn);
  });

  it(
    'dispatches nothing before the detector says hello (then once ' +
      'what it kept); forged events on other names are ignored',
    () => {
      const { g } = loader();
      client('0', { sitekey: 'K0' });
      recaptchaMainWorld(CHANNEL, OPTS, window);
      g.execute = () => Promise.resolve('x');
      (g.execute as (k: string, o: object) => unknown)('K', {});
      expect(up).toEqual([]);
      isolated.send({ t: 'hello' });
      isolated.send({ t: 'hello' });
      expect(up.filter((m) => m.t === 'facts' && m.facts.pendingExecute)).toHaveLength(1);
      document.dispatchEvent(
        new CustomEvent('anysolver:down', { detail: '{"t":"release","widgetId":"recaptcha:exec:1"}' }),
      );
      expect(up.some((m) => m.t === 'fallback')).toBe(false);
    },
  );

  it('is self-contained: the serialized function works on its own', () => {
    const { g } = loader();
    const revived = new Function(`return (${recaptchaMainWorld.toString()})`)() as typeof recaptchaMainWorld;
    revived(CHANNEL, OPTS, window);
    isolated.send({ t: 'hello' });
    g.execute = () => Promise.resolve('x');
    expect(Function.prototype.toString.call(g.execute)).toContain('Promise.resolve(');
    (g.execute as (k: string, o: object) => unknown)('K', {});
    expect(up.filter((m) => m.t === 'facts' && m.facts.pendingExecute)).toHaveLength(1);
  });
});
