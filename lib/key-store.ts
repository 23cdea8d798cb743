/**
 * The client key lives in the extension origin's IndexedDB, not in storage.local: content scripts can
 * read storage.local, but they run in the page's origin and cannot open the extension's IndexedDB.
 * So the key is reachable from the background and the extension pages only.
 */
export interface KeyStore {
  get(): Promise<string | null>;
  set(key: string): Promise<void>;
  clear(): Promise<void>;
}

const DB = 'anysolver';
const STORE = 'secrets';
const ID = 'clientKey';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A key store over an IndexedDB factory (the real `indexedDB`, or fake-indexeddb in tests). */
export function createKeyStore(idb: IDBFactory = indexedDB): KeyStore {
  let db: Promise<IDBDatabase> | undefined;
  const open = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = idb.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return db;
  };
  const tx = async (mode: IDBTransactionMode) => (await open()).transaction(STORE, mode).objectStore(STORE);
  return {
    async get() {
      const value = await request((await tx('readonly')).get(ID));
      return typeof value === 'string' && value ? value : null;
    },
    async set(key) {
      await request((await tx('readwrite')).put(key, ID));
    },
    async clear() {
      await request((await tx('readwrite')).delete(ID));
    },
  };
}

/** Mask a key for display: `anysolver_…9f2c`. Never log the key itself. */
export function maskKey(key: string): string {
  return key.length <= 8 ? '••••' : `${key.slice(0, 4)}…${key.slice(-4)}`;
}
