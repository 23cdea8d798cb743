// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installRecaptchaHook } from '../recaptcha/hook';
import { trapGlobal, trapProperty } from '../traps';
import type { HookApi, HookFacts } from '../vendor';
import { installHcaptchaHook } from './hook';

type Win = Window & Record<string, unknown>;
type Fn = (...a: unknown[]) => unknown;
interface Hc {
  render: Fn;
  getResponse: Fn;
  execute: Fn;
  reset: Fn;
  setData: Fn;
}
const KEY = '10000000-ffff-ffff-ffff-000000000001';

/** A fake page window (own prototype chain, so trapGlobal works) sharing happy-dom's document. */
function setup(withRecaptchaHook = false) {
  const win = Object.create(Object.create(Object.prototype)) as Win;
  Object.defineProperty(win, 'document', { value: document });
  const reports: HookFacts[] = [];
  const tokens = new Map<string, Array<(t: string) => void>>();
  const scans: Array<() => void> = [];
  const api: HookApi = {
    report: (f) => void reports.push(f),
    onToken: (id, h) => void tokens.set(id, [...(tokens.get(id) ?? []), h]),
    onRelease: () => undefined,
    onScan: (h) => void scans.push(h),
    trapGlobal: (name, onSet) => trapGlobal(win, name, onSet),
    trapProperty: (obj, name, onSet) => trapProperty(obj, name, onSet),
    fallback: () => undefined,
  };
  if (withRecaptchaHook) {
    installRecaptchaHook(api, win, {
      fallbackMs: 25_000,
      setTimeout: () => 0,
      clearTimeout: () => undefined,
    });
  }
  installHcaptchaHook(api, win);
  const token = (id: string, t: string) => {
    for (const h of tokens.get(id) ?? []) h(t);
  };
  return { win, reports, token, scan: () => scans.forEach((s) => void s()) };
}

/** What api.js does: one object with every method, then (compat) the grecaptcha alias; auto-render uses its internal render. */
function loadHcaptcha(win: Win, compat = true) {
  let n = 0;
  const rendered = (el: Element) => {
    const id = `w${n++}`;
    el.insertAdjacentHTML(
      'beforeend',
      `<iframe data-hcaptcha-widget-id="${id}" data-hcaptcha-response=""></iframe><textarea id="h-captcha-response-${id}" name="h-captcha-response"></textarea>`,
    );
    return id;
  };
  for (const el of document.querySelectorAll('.h-captcha, .g-recaptcha')) rendered(el);
  const native = {
    render: vi.fn((el: unknown) =>
      rendered(typeof el === 'string' ? document.getElementById(el)! : (el as Element)),
    ),
    getResponse: vi.fn(() => 'native-empty'),
    execute: vi.fn((_id?: unknown, o?: { async?: boolean }) =>
      o?.async ? new Promise(() => undefined) : undefined,
    ),
    reset: vi.fn(),
    setData: vi.fn(),
  };
  // The hook wraps the object's methods in place: keep the spies apart from it.
  win.hcaptcha = { ...native };
  if (compat) win.grecaptcha = win.hcaptcha;
  return { hc: win.hcaptcha as Hc, native };
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('hcaptchaHook', () => {
  it('creates no global before the loader runs', () => {
    const { win } = setup();
    expect(win.hcaptcha).toBeUndefined();
    expect(Object.hasOwn(win, 'hcaptcha')).toBe(false);
  });

  it('explicit render: reports sitekey, rqdata, callback; the token reaches the callback and getResponse', () => {
    const { win, reports, token } = setup();
    document.body.innerHTML = '<div id="box"></div>';
    const { hc, native } = loadHcaptcha(win, false);
    const calls: string[] = [];
    const id = hc.render('box', { sitekey: KEY, rqdata: 'RQ', callback: (t: string) => calls.push(t) });
    expect(native.render).toHaveBeenCalledOnce();
    expect(reports).toEqual([
      {
        widgetId: `hcaptcha:${id}`,
        kind: 'hcaptcha',
        websiteKey: KEY,
        rqdata: 'RQ',
        hasCallback: true,
        containerId: 'box',
      },
    ]);
    expect(hc.getResponse(id)).toBe('native-empty');
    token(`hcaptcha:${id}`, 'TOKEN-1');
    expect(calls).toEqual(['TOKEN-1']);
    expect(hc.getResponse(id)).toBe('TOKEN-1');
    expect(hc.getResponse()).toBe('TOKEN-1');
  });

  it('auto-rendered .g-recaptcha markup (the compat trap): dotted data-callback, grecaptcha agrees, reCAPTCHA hook stays out', () => {
    const { win, reports, token, scan } = setup(true);
    const calls: string[] = [];
    win.app = { hc: { done: (t: string) => calls.push(t) } };
    document.body.innerHTML = `<div class="g-recaptcha" data-sitekey="${KEY}" data-callback="app.hc.done"></div>`;
    loadHcaptcha(win);
    expect(win.grecaptcha).toBe(win.hcaptcha);
    scan();
    expect(reports).toEqual([{ widgetId: 'hcaptcha:w0', kind: 'hcaptcha', hasCallback: true }]);
    token('hcaptcha:w0', 'T0');
    expect(calls).toEqual(['T0']);
    expect((win.grecaptcha as Hc).getResponse()).toBe('T0');
    expect(reports.every((r) => r.widgetId.startsWith('hcaptcha:'))).toBe(true);
  });

  it('execute({ async: true }) before the token resolves with it; after it, answers at once and calls back', async () => {
    const { win, token } = setup();
    document.body.innerHTML = '<div id="box"></div>';
    const { hc } = loadHcaptcha(win, false);
    const calls: string[] = [];
    const id = hc.render('box', { sitekey: KEY, size: 'invisible', callback: (t: string) => calls.push(t) });
    const pending = hc.execute(id, { async: true }) as Promise<{ response: string }>;
    token(`hcaptcha:${id}`, 'T-late');
    await expect(pending).resolves.toMatchObject({ response: 'T-late' });
    const again = hc.execute({ async: true }) as Promise<{ response: string }>;
    await expect(again).resolves.toMatchObject({ response: 'T-late' });
    expect(calls).toEqual(['T-late', 'T-late']);
  });

  it('reset forgets our token; setData reports rqdata', () => {
    const { win, reports, token } = setup();
    document.body.innerHTML = '<div id="box"></div>';
    const { hc, native } = loadHcaptcha(win, false);
    const id = hc.render('box', { sitekey: KEY });
    hc.setData(id, { rqdata: 'RQ-late' });
    expect(reports.at(-1)).toMatchObject({ widgetId: `hcaptcha:${id}`, rqdata: 'RQ-late' });
    expect(native.setData).toHaveBeenCalledWith(id, { rqdata: 'RQ-late' });
    token(`hcaptcha:${id}`, 'T');
    hc.reset(id);
    expect(native.reset).toHaveBeenCalledWith(id);
    expect(hc.getResponse(id)).toBe('native-empty');
  });

  it('a render that throws still throws to the site, unchanged', () => {
    const { win } = setup();
    const { hc, native } = loadHcaptcha(win, false);
    native.render.mockImplementation(() => {
      throw new Error('[hCaptcha] render: invalid container');
    });
    expect(() => hc.render('missing', {})).toThrow('invalid container');
  });
});
