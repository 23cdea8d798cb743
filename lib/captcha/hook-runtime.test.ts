// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIsolatedBridge, type UpMessage } from './bridge';
import { installHooks } from './hook-runtime';
import type { HookApi } from './vendor';

describe('hook runtime', () => {
  const closers: Array<() => void> = [];
  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });

  function setup(install: (api: HookApi) => void) {
    const up: UpMessage[] = [];
    const isolated = createIsolatedBridge(document, (m) => up.push(m));
    const runtime = installHooks(window, [{ vendor: 'recaptcha', install }]);
    closers.push(
      () => isolated.close(),
      () => runtime.close(),
    );
    return { up, isolated };
  }

  it('replays merged facts on hello after running the scans, synchronously', () => {
    let scans = 0;
    const { up, isolated } = setup((api) => {
      api.report({ widgetId: 'w', websiteKey: 'k' });
      api.onScan(() => {
        scans++;
        api.report({ widgetId: 'w', action: 'login' });
      });
    });
    up.length = 0;
    isolated.send({ t: 'hello' });
    expect(scans).toBe(1);
    expect(up).toContainEqual({ t: 'facts', facts: { widgetId: 'w', websiteKey: 'k', action: 'login' } });
  });

  it('routes tokens and releases to the handlers of that widget only', () => {
    const got: string[] = [];
    const { isolated } = setup((api) => {
      api.onToken('a', (t) => got.push(`a:${t}`));
      api.onToken('b', (t) => got.push(`b:${t}`));
      api.onRelease('a', () => got.push('a:released'));
    });
    isolated.send({ t: 'token', widgetId: 'b', token: 'T' });
    isolated.send({ t: 'release', widgetId: 'a' });
    expect(got).toEqual(['b:T', 'a:released']);
  });

  it('isolates failures: a throwing hook or callback breaks neither the page nor the others', () => {
    const got: string[] = [];
    const up: UpMessage[] = [];
    const isolated = createIsolatedBridge(document, (m) => up.push(m));
    const runtime = installHooks(window, [
      {
        vendor: 'hcaptcha',
        install() {
          throw new Error('broken hook');
        },
      },
      {
        vendor: 'recaptcha',
        install(api) {
          api.onToken('w', () => {
            throw new Error('site callback threw');
          });
          api.onToken('w', (t) => got.push(t));
        },
      },
    ]);
    closers.push(
      () => isolated.close(),
      () => runtime.close(),
    );
    expect(() => isolated.send({ t: 'token', widgetId: 'w', token: 'T' })).not.toThrow();
    expect(got).toEqual(['T']);
  });

  it('reports fallbacks to the isolated world', () => {
    let api!: HookApi;
    const { up } = setup((a) => {
      api = a;
    });
    api.fallback('recaptcha:exec:1');
    expect(up).toContainEqual({ t: 'fallback', widgetId: 'recaptcha:exec:1' });
  });

  it('does not resend unchanged facts', () => {
    const spy = vi.fn();
    let api!: HookApi;
    setup((a) => {
      api = a;
    });
    const isolated = createIsolatedBridge(document, spy);
    closers.push(() => isolated.close());
    api.report({ widgetId: 'x', websiteKey: 'k' });
    api.report({ widgetId: 'x', websiteKey: 'k' });
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
