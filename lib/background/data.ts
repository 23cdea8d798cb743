/** The user's data from the extension pages: pausing a site, clearing everything. */
import type { PageRequest, Reply } from '@/lib/messaging';
import { pausedSitesItem } from '@/lib/storage';
import { applyManagedKey } from './managed-key';
import type { Services } from './services';

/** `site:pause`: the origin joins or leaves the paused sites. */
export async function pauseSite(m: PageRequest<'site:pause'>): Promise<Reply<'site:pause'>> {
  const host = new URL(m.origin).origin;
  const list = new Set(await pausedSitesItem.getValue());
  if (m.paused) list.add(host);
  else list.delete(host);
  await pausedSitesItem.setValue([...list]);
  return { ok: true };
}

/** `data:clearAll`: the key, storage.local and storage.session go; a policy's key comes straight back. */
export async function clearAllData(s: Services): Promise<Reply<'data:clearAll'>> {
  await s.keyStore.clear();
  await s.browser.storage.local.clear();
  await s.browser.storage.session?.clear();
  // A policy's key is the administrator's, not this browser's data: it comes straight back.
  await applyManagedKey(s);
  return { ok: true };
}
