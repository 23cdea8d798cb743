import { browser } from 'wxt/browser';
import { parseEndpoint } from '@/lib/anysolver/endpoint';
import { isClientKey, mergePatch, validatePatch } from '@/lib/managed';
import type { BalanceReply, PageMessage, Readiness } from '@/lib/messaging';
import { noticeWords } from '@/lib/notice-words';
import {
  balanceItem,
  keySourceItem,
  readManaged,
  readSettings,
  readUserSettings,
  updateSettings,
} from '@/lib/storage';
import { fetchBalance } from './balance';
import type { Services } from './services';

type Apply = Extract<PageMessage, { type: 'setup:apply' }>;

/** The cache is fresh for 30 s (the API asks callers not to hammer getBalance). */
const BALANCE_TTL_MS = 30_000;

/**
 * Host access: Chrome grants `<all_urls>` at install, Firefox MV3 asks the user (it can be withheld in
 * both).
 */
async function permissions(): Promise<Readiness['permissions']> {
  const all = await browser.permissions.contains({ origins: ['<all_urls>'] }).catch(() => false);
  return { granted: all, missing: all ? [] : ['<all_urls>'] };
}

/**
 * The setup page answers only in a development install (loaded unpacked, `--load-extension`, CDP
 * `Extensions.loadUnpacked`, a Firefox temporary add-on): an installed-from-store extension cannot be
 * configured by whoever gets its user to open a URL. Nothing else can open the page (not web-accessible).
 */
async function isDevelopmentInstall(): Promise<boolean> {
  const self = await browser.management?.getSelf().catch(() => null);
  return self?.installType === 'development';
}

/** The readiness answer for the current state; `extra` adds what this config changed or refused. */
async function readiness(
  s: Services,
  extra: Partial<Readiness> = {},
  balanceReply?: BalanceReply,
): Promise<Readiness> {
  const [key, managed, settings, perms, source] = await Promise.all([
    s.keyStore.get(),
    readManaged(),
    readSettings(),
    permissions(),
    keySourceItem.getValue(),
  ]);
  let balance: BalanceReply | null = balanceReply ?? null;
  if (key && !balance) {
    const cached = await balanceItem.getValue();
    balance =
      cached.balance !== null && !cached.notice && Date.now() - cached.at < BALANCE_TTL_MS
        ? { ok: true, balance: cached.balance, at: cached.at }
        : await fetchBalance(s.api, key);
  }
  const valid = balance?.ok === true;
  const problem: Pick<Readiness, 'code' | 'error'> | null = extra.code
    ? { code: extra.code, error: extra.error }
    : !key
      ? { code: 'NO_KEY', error: 'No client key saved yet.' }
      : balance && !balance.ok
        ? { code: balance.code ?? 'KEY_CHECK_FAILED', error: noticeWords(balance.notice) || balance.code }
        : !perms.granted
          ? {
              code: 'HOST_ACCESS',
              error: 'The extension has no access to websites (<all_urls> not granted).',
            }
          : null;
  return {
    ignored: [],
    ...extra,
    ready: problem === null,
    ...(problem ?? { code: undefined, error: undefined }),
    key: { present: key !== null, valid, managed: source === 'managed' && managed.clientKey !== undefined },
    balance: balance?.ok ? balance.balance : null,
    endpoint: settings.endpoint,
    permissions: perms,
    managed: managed.locked,
    version: browser.runtime.getManifest().version,
  };
}

/** `setup:status`: is the extension ready (key valid, balance, host access)? */
export async function setupStatus(s: Services): Promise<Readiness> {
  if (!(await isDevelopmentInstall()))
    return refused(
      s,
      'NOT_DEVELOPMENT_INSTALL',
      'The setup page works only for an extension loaded unpacked (automation).',
    );
  return readiness(s);
}

const refused = (s: Services, code: string, error: string, extra: Partial<Readiness> = {}) =>
  readiness(s, { code, error, ...extra });

/**
 * `setup:apply`: validate the whole config first (nothing is stored if any part is refused), store the
 * settings the policy does not set, then check and store the key like a typed one (getBalance first).
 */
export async function setupApply(s: Services, m: Apply): Promise<Readiness> {
  if (!(await isDevelopmentInstall()))
    return refused(
      s,
      'NOT_DEVELOPMENT_INSTALL',
      'The setup page works only for an extension loaded unpacked (automation).',
    );
  const { settings: patch, paths, invalid } = validatePatch(m.settings ?? {});
  const key = m.clientKey?.trim();
  if (invalid.length)
    return refused(s, 'INVALID_CONFIG', `Unknown setting or invalid value: ${invalid.join(', ')}.`, {
      invalid,
    });
  if (key !== undefined && !isClientKey(key))
    return refused(s, 'INVALID_KEY_FORMAT', 'That does not look like an AnySolver client key.', {
      invalid: ['clientKey'],
    });
  if (patch.endpoint !== undefined) {
    const parsed = parseEndpoint(patch.endpoint);
    if (!parsed.ok)
      return refused(s, 'INVALID_ENDPOINT', noticeWords(parsed.notice), { invalid: ['endpoint'] });
    patch.endpoint = parsed.url;
  }
  const managed = await readManaged();
  // A new endpoint receives the key on the next call: only with the key it is for, never the stored one.
  const user = await readUserSettings();
  if (
    patch.endpoint !== undefined &&
    patch.endpoint !== user.endpoint &&
    key === undefined &&
    (await s.keyStore.get())
  ) {
    return refused(s, 'ENDPOINT_NEEDS_KEY', 'A config that changes the endpoint must carry the client key.', {
      invalid: ['endpoint'],
    });
  }
  const ignored = paths.filter((p) => managed.locked.includes(p));
  if (key !== undefined && managed.clientKey) ignored.push('clientKey');
  await updateSettings(mergePatch(user, patch));
  if (key === undefined || managed.clientKey) return readiness(s, { ignored });
  const reply = await fetchBalance(s.api, key);
  if (!reply.ok)
    return readiness(
      s,
      { ignored, code: reply.code ?? 'KEY_CHECK_FAILED', error: noticeWords(reply.notice) || reply.code },
      reply,
    );
  await s.keyStore.set(key);
  await keySourceItem.removeValue();
  await s.solver.accountChanged();
  return readiness(s, { ignored }, reply);
}
