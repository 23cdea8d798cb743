// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installRecaptchaHook } from '../recaptcha/hook';
import { trapGlobal, trapProperty } from '../traps';
import type { HookApi, HookFacts } from '../vendor';
import { installTurnstileHook } from './hook';
import { renderTurnstileDom } from './test-dom';

type Win = Window & Record<string, unknown>;
type Fn = (...a: unknown[]) => unknown;
interface Ts {
  render: Fn;
  getResponse: Fn;
  reset: Fn;
}
const KEY = '0x4AAAAAAAExplicitKey02';

/** A fake page window (own prototype chain, so trapGlobal works) sharing happy-dom's document. */
function setup() {
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
  installRecaptchaHook(api, win, { fallbackMs: 25_000, setTimeout: () => 0, clearTimeout: () => undefined });
  installTurnstileHook(api, win);
  const token = (id: string, t: string) => {
    for (const h of tokens.get(id) ?? []) h(t);
  };
  return { win, reports, token, scan: () => scans.forEach((s) => void s()) };
}

/** What api.js does: bail out if turnstile exists, else define it (implicit widgets use the internal render). */
function loadTurnstile(win: Win, compat = false) {
  if (win.turnstile) return null;
  let n = 0;
  const renderInto = (el: Element, sitekey: string) => {
    const cfId = `cf-chl-widget-x${n++}`;
    renderTurnstileDom(el, { cfId, sitekey, compat });
    return cfId;
  };
  for (const el of document.querySelectorAll(compat ? '.cf-turnstile, .g-recaptcha' : '.cf-turnstile')) {
    renderInto(el, el.getAttribute('data-sitekey')!);
  }
  const native = {
    render: vi.fn((c: unknown, o: { sitekey: string }) =>
      renderInto(typeof c === 'string' ? document.querySelector(c)! : (c as Element), o.sitekey),
    ),
    getResponse: vi.fn(() => 'native-empty'),
    reset: vi.fn(),
  };
  win.turnstile = { ...native };
  if (compat) win.grecaptcha = win.turnstile;
  return { ts: win.turnstile as Ts, native };
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('turnstileHook', () => {
  it('does not pre-create window.turnstile, so api.js still loads', () => {
    const { win } = setup();
    expect(win.turnstile).toBeUndefined();
    expect(Object.hasOwn(win, 'turnstile')).toBe(false);
    expect(loadTurnstile(win)).not.toBeNull();
  });

  it('explicit render: reports sitekey, action, cData, container; the token reaches the callback and getResponse', () => {
    const { win, reports, token } = setup();
    document.body.innerHTML = '<form><div id="ts-box"></div></form>';
    const { ts, native } = loadTurnstile(win)!;
    const calls: string[] = [];
    const id = ts.render('#ts-box', {
      sitekey: KEY,
      action: 'login',
      cData: 'session-42',
      callback: (t: string) => calls.push(t),
    });
    expect(native.render).toHaveBeenCalledOnce();
    expect(reports).toEqual([
      {
        widgetId: `turnstile:${id}`,
        kind: 'turnstile',
        websiteKey: KEY,
        action: 'login',
        cData: 'session-42',
        hasCallback: true,
        containerId: 'ts-box',
      },
    ]);
    expect(ts.getResponse(id)).toBe('native-empty');
    token(`turnstile:${id}`, 'T-1');
    expect(calls).toEqual(['T-1']);
    expect([ts.getResponse(id), ts.getResponse(), ts.getResponse('#ts-box')]).toEqual(['T-1', 'T-1', 'T-1']);
  });

  it('implicit widget: scan finds it, the dotted data-callback gets the token', () => {
    const { win, reports, token, scan } = setup();
    const calls: string[] = [];
    win.site = { captcha: { done: (t: string) => calls.push(t) } };
    document.body.innerHTML = `<div class="cf-turnstile" data-sitekey="${KEY}" data-callback="site.captcha.done"></div>`;
    loadTurnstile(win);
    scan();
    expect(reports).toEqual([
      { widgetId: 'turnstile:cf-chl-widget-x0', kind: 'turnstile', hasCallback: true },
    ]);
    token('turnstile:cf-chl-widget-x0', 'T-imp');
    expect(calls).toEqual(['T-imp']);
  });

  it('compat=recaptcha: grecaptcha is turnstile, callback and getResponse, reCAPTCHA hook stays out', () => {
    const { win, reports, token, scan } = setup();
    const calls: string[] = [];
    win.onCaptcha = (t: string) => calls.push(t);
    document.body.innerHTML = `<div class="g-recaptcha" data-sitekey="1x00000000000000000000AA" data-callback="onCaptcha"></div>`;
    loadTurnstile(win, true);
    expect(win.grecaptcha).toBe(win.turnstile);
    scan();
    token('turnstile:cf-chl-widget-x0', 'T-c');
    expect(calls).toEqual(['T-c']);
    expect((win.grecaptcha as Ts).getResponse()).toBe('T-c');
    expect(reports.every((r) => r.widgetId.startsWith('turnstile:'))).toBe(true);
  });

  it('reset forgets our token', () => {
    const { win, token } = setup();
    document.body.innerHTML = '<div id="b"></div>';
    const { ts, native } = loadTurnstile(win)!;
    const id = ts.render('#b', { sitekey: KEY });
    token(`turnstile:${id}`, 'T');
    ts.reset(id);
    expect(native.reset).toHaveBeenCalledWith(id);
    expect(ts.getResponse(id)).toBe('native-empty');
  });
});
