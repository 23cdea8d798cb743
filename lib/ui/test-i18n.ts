/**
 * Test support: answer browser.i18n.getMessage from the real public/_locales/<lang>/messages.json the way
 * Chrome does (named placeholders whose content is $1…$9, `$$` for a dollar sign, the predefined
 * @@ui_locale and @@bidi_dir), so component tests see the shipped words — English unless asked.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Notice, renderNotice } from '../notice';

export interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalogue = Record<string, Entry>;

/** The folder of the shipped catalogues. */
export const LOCALES_DIR = resolve(import.meta.dirname, '../../public/_locales');

/** One shipped catalogue (`en`, `pt_BR`, `ar`…). */
export function catalogue(locale: string): Catalogue {
  return JSON.parse(readFileSync(resolve(LOCALES_DIR, locale, 'messages.json'), 'utf8'));
}

/** The English catalogue shipped with the extension. */
export const messages: Catalogue = catalogue('en');

const RTL = new Set(['ar', 'he', 'fa']);

/** Chrome's getMessage over one catalogue ('' for an unknown key, like the browser). */
export function getMessageIn(cat: Catalogue, locale: string, key: string, subs: string[] = []): string {
  if (key === '@@ui_locale') return locale;
  if (key === '@@bidi_dir') return RTL.has(locale.split('_')[0]!) ? 'rtl' : 'ltr';
  // Chrome matches message names case-insensitively.
  const entry = cat[key] ?? Object.entries(cat).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  if (!entry) return '';
  const positional = (s: string) => s.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  const named = (s: string) =>
    s.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
      const ph = entry.placeholders?.[name.toLowerCase()];
      return ph ? positional(ph.content) : whole;
    });
  // `$$` is a literal dollar sign: keep it out of the placeholder pass.
  return entry.message
    .split('$$')
    .map((part) => named(part))
    .join('$');
}

/** Chrome's getMessage over the English catalogue. */
export function getMessage(key: string, subs: string[] = []): string {
  return getMessageIn(messages, 'en', key, subs);
}

/** BCP 47 form of a catalogue folder name (`pt_BR` → `pt-BR`), as getUILanguage answers. */
export const uiLanguage = (locale: string) => locale.replace(/_/g, '-');

/**
 * Install a catalogue (English by default) and its UI language on the fake browser (call after
 * fakeBrowser.reset()).
 */
export function installI18n(locale = 'en'): void {
  const cat = locale === 'en' ? messages : catalogue(locale);
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string | string[]) =>
    getMessageIn(cat, locale, key, typeof subs === 'string' ? [subs] : subs)) as never);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockImplementation(() =>
    uiLanguage(locale === 'en' ? 'en-US' : locale),
  );
}

/**
 * A notice in the shipped English words (numbers and money as en-US), for tests that read what users read.
 */
export function enWords(n: Notice | undefined | null): string {
  if (!n) return '';
  const number = (v: number) => new Intl.NumberFormat('en-US').format(v);
  const usd = (v: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(v);
  return renderNotice({ message: getMessage, number, usd }, n);
}

/**
 * The same value with its notices also in English words, under the names the words had before notices
 * (`errorMessage`, `note`, `message`), so engine tests can say what the user reads.
 */
export function inWords<T>(x: T): T & { errorMessage?: string; note?: string; message?: string } {
  if (!x || typeof x !== 'object') return x as T & object;
  const v = x as {
    errorNotice?: Notice;
    notice?: Notice;
    errorMessage?: string;
    note?: string;
    message?: string;
  };
  return {
    ...x,
    ...(v.errorNotice ? { errorMessage: enWords(v.errorNotice) } : {}),
    ...(v.notice ? { note: enWords(v.notice), message: enWords(v.notice) } : {}),
  };
}
