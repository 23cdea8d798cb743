import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createKeyStore, maskKey } from './key-store';

describe('key store', () => {
  it('stores, reads and clears the key', async () => {
    const store = createKeyStore(new IDBFactory());
    expect(await store.get()).toBeNull();
    await store.set('anysolver_abcdef123456');
    expect(await store.get()).toBe('anysolver_abcdef123456');
    await store.clear();
    expect(await store.get()).toBeNull();
  });

  it('survives a new store over the same database (a restarted worker)', async () => {
    const idb = new IDBFactory();
    await createKeyStore(idb).set('anysolver_key_1');
    expect(await createKeyStore(idb).get()).toBe('anysolver_key_1');
  });

  it.each([
    ['anysolver_abcdef123456', 'anys…3456'],
    ['short', '••••'],
  ])('masks %s as %s', (key, masked) => {
    expect(maskKey(key)).toBe(masked);
  });
});
