import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  readManaged,
  readSettings,
  readUserSettings,
  settingsItem,
  updateSettings,
  watchManaged,
} from './storage';

beforeEach(() => fakeBrowser.reset());

describe('storage.managed in lib/storage.ts', () => {
  it('nothing managed when the area throws (Firefox without a policy) or is missing', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(
      new Error('Managed storage manifest not found'),
    );
    expect(await readManaged()).toEqual({ settings: {}, locked: [], invalid: [] });
    expect((await readSettings()).autoSolve).toBe(true);
    vi.spyOn(fakeBrowser.storage, 'managed', 'get').mockReturnValue(undefined as never);
    expect(await readManaged()).toEqual({ settings: {}, locked: [], invalid: [] });
  });

  it('readSettings: the user’s settings, the policy over them; the user’s stay as stored', async () => {
    await updateSettings({ autoSubmit: true, showBadge: true });
    await fakeBrowser.storage.managed.set({
      showBadge: false,
      limits: { dailySpendCapUsd: 3 },
      clientKey: 'anysolver_policy_key',
    });
    const eff = await readSettings();
    expect(eff.showBadge).toBe(false);
    expect(eff.autoSubmit).toBe(true);
    expect(eff.limits.dailySpendCapUsd).toBe(3);
    expect((await readUserSettings()).showBadge).toBe(true);
  });

  it('updateSettings never stores a policy value in storage.local; returns the effective ones', async () => {
    await fakeBrowser.storage.managed.set({ autoSolve: false, polling: { timeoutMs: 90_000 } });
    const eff = await updateSettings({ ...(await readSettings()), historyLimit: 42 });
    expect(eff).toMatchObject({ autoSolve: false, historyLimit: 42, polling: { timeoutMs: 90_000 } });
    const stored = await settingsItem.getValue();
    expect(stored).toMatchObject({ autoSolve: true, historyLimit: 42, polling: { timeoutMs: 120_000 } });
    // Policy removed: the user's own choices are back.
    await fakeBrowser.storage.managed.clear();
    expect(await readSettings()).toMatchObject({
      autoSolve: true,
      historyLimit: 42,
      polling: { timeoutMs: 120_000 },
    });
  });

  it('watchManaged calls back on a managed change only, until unsubscribed', async () => {
    const cb = vi.fn();
    const off = watchManaged(cb);
    await fakeBrowser.storage.local.set({ settings: {} });
    expect(cb).not.toHaveBeenCalled();
    await fakeBrowser.storage.managed.set({ autoSolve: false });
    expect(cb).toHaveBeenCalledTimes(1);
    off();
    await fakeBrowser.storage.managed.set({ autoSolve: true });
    expect(cb).toHaveBeenCalledTimes(1);
  });
});
