import { AnySolverError } from '@/lib/anysolver/errors';
import type { AnySolverClient } from '@/lib/anysolver/types';
import type { BalanceReply } from '@/lib/messaging';
import type { Notice } from '@/lib/notice';
import { balanceItem } from '@/lib/storage';

/** An error as the extension pages show it: what to say (a notice they render), and the code when there is one. */
const userError = (e: unknown): { notice: Notice; code?: string } =>
  e instanceof AnySolverError
    ? { notice: e.notice, code: e.errorCode }
    : { notice: { key: 'err_UNEXPECTED' } };

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
    await balanceItem.setValue({
      ...(await balanceItem.getValue()),
      notice: err.notice,
      code: err.code,
      at: Date.now(),
    });
    return { ok: false, ...err };
  }
}
