import { AnySolverError } from '@/lib/anysolver/errors';
import type { AnySolverClient } from '@/lib/anysolver/types';
import type { BalanceReply } from '@/lib/messaging';
import { balanceItem } from '@/lib/storage';

/** An error as the extension pages show it: the user's words, and the code when the API gave one. */
const userError = (e: unknown): { error: string; code?: string } =>
  e instanceof AnySolverError
    ? { error: e.userMessage, code: e.errorCode }
    : { error: e instanceof Error ? e.message : 'Unexpected error.' };

/**
 * Ask the API for the balance and cache it (the API asks callers not to hammer getBalance). A failure
 * keeps the last known balance beside the error, so the popup still shows it.
 */
export async function fetchBalance(api: AnySolverClient, key: string): Promise<BalanceReply> {
  try {
    const balance = await api.getBalance(key);
    const at = Date.now();
    await balanceItem.setValue({ balance, at });
    return { ok: true, balance, at };
  } catch (e) {
    const err = userError(e);
    await balanceItem.setValue({ ...(await balanceItem.getValue()), error: err.error, code: err.code, at: Date.now() });
    return { ok: false, ...err };
  }
}
