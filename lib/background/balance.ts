import { AnySolverError } from '@/lib/anysolver/errors';
import type { AnySolverClient } from '@/lib/anysolver/types';
import type { BalanceReply } from '@/lib/messaging';
import type { Notice } from '@/lib/notice';
import { balanceItem } from '@/lib/storage';

/**
 * An error as the extension pages show it: what to say (a notice they render), and the code when there
 * is one.
 */
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

/** The cache is fresh for 30 s: the API asks callers not to hammer getBalance. */
const BALANCE_TTL_MS = 30_000;

/** `balance:get`: the cached balance while fresh (unless `refresh`), else the API's. */
export async function getBalance(
  s: { keyStore: { get(): Promise<string | null> }; api: AnySolverClient },
  m: { refresh?: boolean },
): Promise<BalanceReply> {
  const key = await s.keyStore.get();
  if (!key) return { ok: false, notice: { key: 'err_NO_KEY' }, code: 'NO_KEY' };
  const cached = await balanceItem.getValue();
  if (!m.refresh && cached.balance !== null && Date.now() - cached.at < BALANCE_TTL_MS) {
    return { ok: true, balance: cached.balance, at: cached.at };
  }
  return fetchBalance(s.api, key);
}
