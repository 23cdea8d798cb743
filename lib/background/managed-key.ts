import { balanceItem, keySourceItem, readManaged } from '@/lib/storage';
import { fetchBalance } from './balance';
import type { Services } from './services';

/**
 * Bring the stored key in line with the policy (at every worker start and on a managed change): a policy
 * key is stored like a typed key (extension IndexedDB, never storage.local) and its balance fetched; a key
 * that came from a policy is removed when the policy no longer sets one — an administrator who withdraws
 * a key means it to leave the browser. A key the user typed is left alone when there is no policy key.
 */
export async function applyManagedKey(
  s: Pick<Services, 'keyStore' | 'api' | 'solver'>,
  opts: { refreshBalance?: boolean } = {},
): Promise<void> {
  const managed = await readManaged();
  const stored = await s.keyStore.get();
  if (managed.clientKey) {
    const changed = stored !== managed.clientKey;
    if (changed) await s.keyStore.set(managed.clientKey);
    if ((await keySourceItem.getValue()) !== 'managed') await keySourceItem.setValue('managed');
    // A policy change may also be a new endpoint: the balance is asked again (once per change).
    if (changed || opts.refreshBalance) await fetchBalance(s.api, managed.clientKey);
    if (changed) await s.solver.accountChanged();
    return;
  }
  if ((await keySourceItem.getValue()) === 'managed') {
    await s.keyStore.clear();
    await balanceItem.removeValue();
    await keySourceItem.removeValue();
  }
}
