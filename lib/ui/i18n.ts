/**
 * Every user-visible string comes from public/_locales via browser.i18n.getMessage, so the UI can be
 * translated by adding a locale folder. A missing key shows the key itself, which tests catch.
 */
import { browser } from 'wxt/browser';

/** Substitutions fill the message's placeholders in order ($1, $2… in messages.json). */
export type Subs = string | number | Array<string | number>;
export type Translate = (key: string, subs?: Subs) => string;

/** A translator over a getMessage implementation. */
export function createTranslator(getMessage: (key: string, subs?: string[]) => string): Translate {
  return (key, subs) => {
    const list = subs === undefined ? undefined : (Array.isArray(subs) ? subs : [subs]).map(String);
    return getMessage(key, list) || key;
  };
}

// WXT types getMessage with the keys it knows at build time; ours are also built from prefixes (kind_…).
const getMessage = (key: string, subs?: string[]) =>
  (browser.i18n.getMessage as (key: string, subs?: string[]) => string)(key, subs);

/** Translate a message key with optional substitutions. */
export const t: Translate = createTranslator(getMessage);
