import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HookApi, HookFacts } from '../vendor';
import { wrapExecute } from './execute';

function fakeApi() {
  const reports: HookFacts[] = [];
  const tokens = new Map<string, (t: string) => void>();
  const releases = new Map<string, () => void>();
  const fallbacks: string[] = [];
  const api: HookApi = {
    report: (f) => void reports.push(f),
    onToken: (id, h) => void tokens.set(id, h),
    onRelease: (id, h) => void releases.set(id, h),
    onScan: () => undefined,
    trapGlobal: () => undefined,
    trapProperty: () => undefined,
    fallback: (id) => void fallbacks.push(id),
  };
  return { api, reports, tokens, releases, fallbacks };
}

describe('wrapExecute', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    return () => vi.useRealTimers();
  });
  let n = 0;
  const options = (impostor = false) => ({
    enterprise: false,
    fallbackMs: 25_000,
    nextId: () => ++n,
    isImpostor: () => impostor,
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: unknown) => clearTimeout(id as number),
  });

  it('reports the v3 call with its action and resolves with our token', async () => {
    const f = fakeApi();
    const native = vi.fn(async () => 'native');
    const exec = wrapExecute(f.api, native, options()) as (k: unknown, o?: unknown) => Promise<string>;
    const p = exec('site-key', { action: 'login' });
    const facts = f.reports[0]!;
    expect(facts).toMatchObject({
      kind: 'recaptcha-v3',
      websiteKey: 'site-key',
      action: 'login',
      pendingExecute: true,
    });
    f.tokens.get(facts.widgetId)!('OUR-TOKEN');
    await expect(p).resolves.toBe('OUR-TOKEN');
    expect(native).not.toHaveBeenCalled();
    expect(f.reports.at(-1)).toEqual({ widgetId: facts.widgetId, pendingExecute: false });
  });

  it('falls back to the native execute after the time limit, and reports it', async () => {
    const f = fakeApi();
    const native = vi.fn(async () => 'native-token');
    const exec = wrapExecute(f.api, native, options()) as (k: unknown, o?: unknown) => Promise<string>;
    const p = exec('site-key', { action: 'a' });
    await vi.advanceTimersByTimeAsync(25_000);
    await expect(p).resolves.toBe('native-token');
    expect(native).toHaveBeenCalledWith('site-key', { action: 'a' });
    expect(f.fallbacks).toEqual([f.reports[0]!.widgetId]);
    // A token arriving after the fallback changes nothing.
    f.tokens.get(f.reports[0]!.widgetId)!('LATE');
    await expect(p).resolves.toBe('native-token');
  });

  it('falls back at once when the isolated world releases the call', async () => {
    const f = fakeApi();
    const exec = wrapExecute(f.api, async () => 'native', options()) as (k: unknown) => Promise<string>;
    const p = exec('k');
    f.releases.get(f.reports[0]!.widgetId)!();
    await expect(p).resolves.toBe('native');
  });

  it('propagates a native rejection after fallback', async () => {
    const f = fakeApi();
    const exec = wrapExecute(f.api, () => Promise.reject(new Error('net')), options()) as (
      k: unknown,
    ) => Promise<string>;
    const p = exec('k');
    f.releases.get(f.reports[0]!.widgetId)!();
    await expect(p).rejects.toThrow('net');
  });

  it.each([
    ['execute(widgetId) is invisible v2', [0]],
    ['execute() is invisible v2', []],
  ])('%s: goes straight to the native function', (_l, args) => {
    const f = fakeApi();
    const native = vi.fn(() => 'sync-native');
    const exec = wrapExecute(f.api, native, options()) as (...a: unknown[]) => unknown;
    expect(exec(...args)).toBe('sync-native');
    expect(f.reports).toEqual([]);
  });

  it('leaves an impostor (hCaptcha as grecaptcha) alone', () => {
    const f = fakeApi();
    const native = vi.fn(() => 'hcaptcha');
    const exec = wrapExecute(f.api, native, options(true)) as (...a: unknown[]) => unknown;
    expect(exec('hcaptcha-widget-id', { async: true })).toBe('hcaptcha');
    expect(f.reports).toEqual([]);
  });

  it('does not wrap twice or wrap non-functions', () => {
    const f = fakeApi();
    const once = wrapExecute(f.api, () => 1, options());
    expect(wrapExecute(f.api, once, options())).toBe(once);
    expect(wrapExecute(f.api, undefined, options())).toBeUndefined();
  });
});
