/**
 * A notice's words where no page renders it: the background's answers to scripts (solve events, the
 * setup page's readiness). From the extension's catalogue, in the browser's language ('' when unknown).
 */
import { browser } from 'wxt/browser';
import { type Notice, renderNotice } from './notice';

/** Never throws: a browser (or test double) without i18n gives '' and the caller falls back to the code. */
export function noticeWords(n: Notice): string {
  try {
    const locale = browser.i18n.getUILanguage() || 'en';
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
    const getMessage = browser.i18n.getMessage as (key: string, subs?: string[]) => string | undefined;
    return renderNotice(
      {
        message: (k, subs) => getMessage(k, subs) ?? '',
        number: (x) => x.toLocaleString(locale),
        usd: (x) => money.format(x),
      },
      n,
    );
  } catch {
    return '';
  }
}
