/**
 * The client key from the extension pages: save (checked against the API first), clear, status. A key
 * set by policy cannot be replaced or removed here (lib/background/managed-key.ts applies it).
 */
import { parseEndpoint } from '@/lib/anysolver/endpoint';
import { maskKey } from '@/lib/key-store';
import type { PageRequest, Reply } from '@/lib/messaging';
import { balanceItem, keySourceItem, readManaged, readSettings, updateSettings } from '@/lib/storage';
import { fetchBalance } from './balance';
import type { Services } from './services';

/** A key set by policy cannot be replaced or removed from the extension's pages. */
const MANAGED_KEY = { ok: false as const, notice: { key: 'err_MANAGED_KEY' }, code: 'MANAGED' };
const keyManaged = async () => (await readManaged()).clientKey !== undefined;

/** `key:save`: a well-formed key that the API accepts is stored, with the endpoint it was checked on. */
export async function saveKey(s: Services, m: PageRequest<'key:save'>): Promise<Reply<'key:save'>> {
  if (await keyManaged()) return MANAGED_KEY;
  const key = m.key.trim();
  if (!/^[\w.-]{8,200}$/.test(key))
    return { ok: false, notice: { key: 'err_INVALID_KEY_FORMAT' }, code: 'INVALID_KEY_FORMAT' };
  const endpoint = m.endpoint ?? (await readSettings()).endpoint;
  const parsed = parseEndpoint(endpoint);
  if (!parsed.ok) return { ok: false, notice: parsed.notice, code: 'INVALID_ENDPOINT' };
  await updateSettings({ endpoint: parsed.url });
  const reply = await fetchBalance(s.api, key);
  if (reply.ok) {
    await s.keyStore.set(key);
    await keySourceItem.removeValue();
    await s.solver.accountChanged();
  }
  return reply;
}

/** `key:clear`: the key and its cached balance go. */
export async function clearKey(s: Services): Promise<Reply<'key:clear'>> {
  if (await keyManaged()) return MANAGED_KEY;
  await s.keyStore.clear();
  await balanceItem.removeValue();
  return { ok: true };
}

/** `key:status`: whether there is a key, masked (never the key itself). */
export async function keyStatus(s: Services): Promise<Reply<'key:status'>> {
  const [key, managed] = await Promise.all([s.keyStore.get(), keyManaged()]);
  return key ? { hasKey: true, masked: maskKey(key), managed } : { hasKey: false, managed };
}
