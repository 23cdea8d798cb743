// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { HookApi, HookFacts } from '../vendor';
import { trapGlobal, trapProperty } from '../traps';
import { installRecaptchaHook } from './hook';

type Win = Window & Record<string, unknown>;

function setup() {
  const win = Object.create(Object.create(Object.prototype)) as Win;
  const reports: HookFacts[] = [];
  const tokens = new Map<string, Array<(t: string) => void>>();
  let scan: () => void = () => undefined;
  const api: HookApi = {
    report: (f) => void reports.push(f),
    onToken: (id, h) => void tokens.set(id, [...(tokens.get(id) ?? []), h]),
    onRelease: () => undefined,
    onScan: (h) => {
      scan = h;
    },
    trapGlobal: (name, onSet) => trapGlobal(win, name, onSet),
    trapProperty: (obj, name, onSet) => trapProperty(obj, name, onSet),
    fallback: () => undefined,
  };
  installRecaptchaHook(api, win, { fallbackMs: 25_000, setTimeout: () => 0, clearTimeout: () => undefined });
  const token = (id: string, t: string) => {
    for (const h of tokens.get(id) ?? []) h(t);
  };
  return { win, reports, token, scan: () => scan() };
}

/** What the loader does: bootstrap object first, then Closure-exported methods. */
function loadRecaptcha(win: Win, enterprise: boolean, execute: (...a: unknown[]) => unknown) {
  win.grecaptcha = win.grecaptcha ?? {};
  const gr = win.grecaptcha as Record<string, unknown>;
  if (enterprise) {
    gr.enterprise = gr.enterprise || {};
    (gr.enterprise as Record<string, unknown>).execute = execute;
  } else {
    gr.execute = execute;
  }
}

describe('recaptchaHook', () => {
  it('does not create grecaptcha before the loader', () => {
    const { win } = setup();
    expect(win.grecaptcha).toBeUndefined();
    expect(Object.hasOwn(win, 'grecaptcha')).toBe(false);
  });

  it.each([false, true])('wraps execute assigned after the object (enterprise: %s)', async (enterprise) => {
    const { win, reports, token } = setup();
    loadRecaptcha(
      win,
      enterprise,
      vi.fn(async () => 'native'),
    );
    type Exec = (...a: unknown[]) => Promise<unknown>;
    const gr = win.grecaptcha as { execute?: Exec; enterprise?: { execute: Exec } };
    const exec = enterprise ? gr.enterprise!.execute : gr.execute!;
    const p = exec('key', { action: 'login' });
    expect(reports[0]).toMatchObject({
      kind: enterprise ? 'recaptcha-v3-enterprise' : 'recaptcha-v3',
      action: 'login',
    });
    token(reports[0]!.widgetId, 'OURS');
    await expect(p).resolves.toBe('OURS');
  });

  it('leaves hCaptcha alone when it poses as grecaptcha', () => {
    const { win, reports } = setup();
    const hcaptcha = { execute: vi.fn((..._args: unknown[]) => 'h') };
    win.hcaptcha = hcaptcha;
    win.grecaptcha = hcaptcha;
    expect((win.grecaptcha as typeof hcaptcha).execute('widget-id', { async: true })).toBe('h');
    expect(reports).toEqual([]);
  });

  it('reports client params found in minified config and calls the dotted callback with the token', () => {
    const { win, reports, token, scan } = setup();
    const calls: string[] = [];
    win.app = { cb: { done: (t: string) => calls.push(t) } };
    win.___grecaptcha_cfg = {
      clients: {
        0: { id: 0, Xy: { Qr: { sitekey: 'K0', callback: 'app.cb.done', s: 'S' } } },
        1: {
          id: 1,
          Xy: { Qr: { sitekey: 'K1', callback: (t: string) => calls.push(`fn:${t}`), action: 'a' } },
        },
      },
    };
    scan();
    expect(reports).toEqual([
      { widgetId: 'recaptcha:0', websiteKey: 'K0', s: 'S', hasCallback: true },
      { widgetId: 'recaptcha:1', websiteKey: 'K1', action: 'a', hasCallback: true },
    ]);
    scan(); // rescans do not register callbacks twice
    token('recaptcha:1', 'T1');
    token('recaptcha:0', 'T0');
    expect(calls).toEqual(['fn:T1', 'T0']);
  });
});
