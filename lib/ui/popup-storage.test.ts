import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { historyItem, readSettings, settingsItem } from '@/lib/storage';
import { record, T0 } from './fixtures';
import { createPopupStorage, webOrigin } from './popup-storage';

beforeEach(() => fakeBrowser.reset());

describe('createPopupStorage (zod-free view of the lib/storage-items.ts items)', () => {
  it('reads the history the engine writes, newest first', async () => {
    await historyItem.setValue([record({ at: T0 }), record({ at: T0 + 2 }), record({ at: T0 + 1 })]);
    expect((await createPopupStorage().readHistory()).map((r) => r.at)).toEqual([T0 + 2, T0 + 1, T0]);
  });

  it('reads and writes auto-solve in the settings item, keeping every other field', async () => {
    const popup = createPopupStorage();
    expect(await popup.readAutoSolve()).toBe(true);
    await settingsItem.setValue({ ...(await readSettings()), autoSubmit: true });
    await popup.writeAutoSolve(false);
    const s = await readSettings();
    expect(s.autoSolve).toBe(false);
    expect(s.autoSubmit).toBe(true);
    expect(await popup.readAutoSolve()).toBe(false);
  });

  it('calls back on storage changes until unsubscribed', async () => {
    const cb = vi.fn();
    const off = createPopupStorage().onChanged(cb);
    await historyItem.setValue([record()]);
    expect(cb).toHaveBeenCalled();
    off();
    cb.mockClear();
    await historyItem.setValue([]);
    expect(cb).not.toHaveBeenCalled();
  });
});

describe('webOrigin', () => {
  it.each([
    ['https://shop.example/a?b', 'https://shop.example'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['chrome://extensions', null],
    ['chrome-extension://abc/popup.html', null],
    ['not a url', null],
    [undefined, null],
  ])('%s → %s', (url, origin) => {
    expect(webOrigin(url)).toBe(origin);
  });
});
