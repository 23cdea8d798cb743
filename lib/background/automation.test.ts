// The managed key and the automation setup page's handlers on WXT's fake browser: a policy is
// fakeBrowser.storage.managed, the API a fake getBalance, the key store in memory.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AnySolverError } from '@/lib/anysolver/errors';
import type { KeyStore } from '@/lib/key-store';
import { keySourceItem, readSettings, readUserSettings, settingsItem } from '@/lib/storage';
import { setupApply, setupStatus } from './automation';
import { clearAllData } from './data';
import { clearKey, keyStatus, saveKey } from './keys';
import { applyManagedKey } from './managed-key';
import type { Services } from './services';

const GOOD = 'anysolver_good_key_1';
const POLICY = 'anysolver_policy_key';

function services() {
  let stored: string | null = null;
  const keyStore: KeyStore = {
    get: async () => stored,
    set: async (k) => {
      stored = k;
    },
    clear: async () => {
      stored = null;
    },
  };
  const getBalance = vi.fn(async (key: string) => {
    if (key === GOOD || key === POLICY) return 4.25;
    throw new AnySolverError('ERROR_KEY_DOES_NOT_EXIST', 'no such key', 1);
  });
  const accountChanged = vi.fn(async () => undefined);
  const s = {
    browser: fakeBrowser,
    keyStore,
    api: { getBalance, createTask: vi.fn(), getTaskResult: vi.fn() },
    solver: { accountChanged },
  };
  return { s: s as unknown as Services, getBalance, accountChanged, key: () => stored };
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.management, 'getSelf').mockResolvedValue({ installType: 'development' } as never);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true as never);
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ version: '1.2.3' } as never);
});

describe('applyManagedKey', () => {
  it('stores a policy key like a typed one (balance fetched), never in storage.local', async () => {
    const { s, getBalance, accountChanged, key } = services();
    await fakeBrowser.storage.managed.set({ clientKey: POLICY });
    await applyManagedKey(s);
    expect(key()).toBe(POLICY);
    expect(getBalance).toHaveBeenCalledWith(POLICY);
    expect(accountChanged).toHaveBeenCalledTimes(1);
    expect(await keySourceItem.getValue()).toBe('managed');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(POLICY);
    // Again with the same policy (every worker start): nothing to do.
    await applyManagedKey(s);
    expect(getBalance).toHaveBeenCalledTimes(1);
  });

  it('removes the key it put there when the policy withdraws it; leaves a typed key alone', async () => {
    const { s, key } = services();
    await fakeBrowser.storage.managed.set({ clientKey: POLICY });
    await applyManagedKey(s);
    await fakeBrowser.storage.managed.clear();
    await applyManagedKey(s);
    expect(key()).toBeNull();
    expect(await keySourceItem.getValue()).toBeNull();

    expect(await saveKey(s, { type: 'key:save', key: GOOD })).toMatchObject({ ok: true });
    await applyManagedKey(s);
    expect(key()).toBe(GOOD);
  });

  it('a key set by policy: pages cannot replace or remove it; clearing all data brings it back', async () => {
    const { s, key } = services();
    await fakeBrowser.storage.managed.set({ clientKey: POLICY });
    await applyManagedKey(s);
    expect(await saveKey(s, { type: 'key:save', key: GOOD })).toMatchObject({
      ok: false,
      code: 'MANAGED',
    });
    expect(await clearKey(s)).toMatchObject({
      ok: false,
      code: 'MANAGED',
    });
    expect(await keyStatus(s)).toEqual({
      hasKey: true,
      masked: 'anys…_key',
      managed: true,
    });
    await clearAllData(s);
    expect(key()).toBe(POLICY);
  });
});

describe('setup:apply / setup:status', () => {
  it('applies key and settings and answers ready with the balance, never the key', async () => {
    const { s, key } = services();
    const r = await setupApply(s, {
      type: 'setup:apply',
      clientKey: GOOD,
      settings: { endpoint: 'http://127.0.0.1:8787', polling: { timeoutMs: 60_000 } },
    });
    expect(r).toMatchObject({
      ready: true,
      key: { present: true, valid: true, managed: false },
      balance: 4.25,
      endpoint: 'http://127.0.0.1:8787',
      version: '1.2.3',
    });
    expect(JSON.stringify(r)).not.toContain(GOOD);
    expect(key()).toBe(GOOD);
    expect((await readUserSettings()).polling.timeoutMs).toBe(60_000);
    expect((await setupStatus(s)).ready).toBe(true);
  });

  it('refuses the whole config when any setting is unknown or out of range: nothing stored', async () => {
    const { s, key } = services();
    await settingsItem.setValue({ ...(await readSettings()), historyLimit: 77 });
    const before = await settingsItem.getValue();
    const r = await setupApply(s, {
      type: 'setup:apply',
      clientKey: GOOD,
      settings: { historyLimit: 5, autoSolv: true, showBadge: true },
    });
    expect(r).toMatchObject({ ready: false, code: 'INVALID_CONFIG', invalid: ['historyLimit', 'autoSolv'] });
    expect(await settingsItem.getValue()).toEqual(before);
    expect(key()).toBeNull();
    expect((await setupApply(s, { type: 'setup:apply', clientKey: 'no spaces allowed' })).code).toBe(
      'INVALID_KEY_FORMAT',
    );
    expect(
      (await setupApply(s, { type: 'setup:apply', settings: { endpoint: 'http://evil.test' } })).code,
    ).toBe('INVALID_ENDPOINT');
  });

  it('a key the API refuses is not stored; its error code is the answer', async () => {
    const { s, key } = services();
    const r = await setupApply(s, { type: 'setup:apply', clientKey: 'anysolver_wrong_key' });
    expect(r).toMatchObject({
      ready: false,
      code: 'ERROR_KEY_DOES_NOT_EXIST',
      key: { present: false, valid: false },
      balance: null,
    });
    expect(key()).toBeNull();
  });

  it('never sends a stored key to a new endpoint: a new endpoint comes with its key', async () => {
    const { s } = services();
    await setupApply(s, { type: 'setup:apply', clientKey: GOOD });
    const r = await setupApply(s, {
      type: 'setup:apply',
      settings: { endpoint: 'https://elsewhere.example' },
    });
    expect(r).toMatchObject({ code: 'ENDPOINT_NEEDS_KEY', invalid: ['endpoint'] });
    expect((await readSettings()).endpoint).toBe('https://api.anysolver.com');
  });

  it('settings and key a policy sets are not changed: they are listed as ignored', async () => {
    const { s, key } = services();
    await fakeBrowser.storage.managed.set({ clientKey: POLICY, autoSolve: false });
    await applyManagedKey(s);
    const r = await setupApply(s, {
      type: 'setup:apply',
      clientKey: GOOD,
      settings: { autoSolve: true, showBadge: true },
    });
    expect(r).toMatchObject({
      ready: true,
      ignored: ['autoSolve', 'clientKey'],
      managed: ['autoSolve'],
      key: { managed: true },
    });
    expect(key()).toBe(POLICY);
    expect((await readSettings()).autoSolve).toBe(false);
    expect((await readSettings()).showBadge).toBe(true);
  });

  it('answers only in a development install, and says when host access is missing', async () => {
    const { s, key } = services();
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false as never);
    expect(await setupApply(s, { type: 'setup:apply', clientKey: GOOD })).toMatchObject({
      ready: false,
      code: 'HOST_ACCESS',
      permissions: { granted: false, missing: ['<all_urls>'] },
    });
    vi.spyOn(fakeBrowser.management, 'getSelf').mockResolvedValue({ installType: 'normal' } as never);
    await fakeBrowser.storage.local.clear();
    await s.keyStore.clear();
    expect(await setupApply(s, { type: 'setup:apply', clientKey: GOOD })).toMatchObject({
      ready: false,
      code: 'NOT_DEVELOPMENT_INSTALL',
    });
    expect(key()).toBeNull();
    expect((await setupStatus(s)).code).toBe('NOT_DEVELOPMENT_INSTALL');
  });
});
