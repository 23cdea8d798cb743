/**
 * Every user-visible string comes from public/_locales via browser.i18n.getMessage, so the UI can be
 * translated by adding a locale folder. A missing key shows the key itself, which tests catch.
 */
import { browser } from 'wxt/browser';

/** Substitutions fill the message's placeholders in order ($1, $2… in messages.json). */
export type Subs = string | number | Array<string | number>;
export type Translate = (key: string, subs?: Subs) => string;

/** A translator over a getMessage implementation; number substitutions go through `number` (Intl). */
export function createTranslator(
  getMessage: (key: string, subs?: string[]) => string,
  number: (n: number) => string = String,
): Translate {
  return (key, subs) => {
    const list =
      subs === undefined
        ? undefined
        : (Array.isArray(subs) ? subs : [subs]).map((s) => (typeof s === 'number' ? number(s) : s));
    return getMessage(key, list) || key;
  };
}

// WXT types getMessage with the keys it knows at build time; ours are also built from prefixes (kind_…).
const getMessage = (key: string, subs?: string[]) =>
  (browser.i18n.getMessage as (key: string, subs?: string[]) => string)(key, subs);

/** Translate a message key with optional substitutions (numbers formatted for the UI language). */
export const t: Translate = createTranslator(getMessage, (n) => new Intl.NumberFormat(uiLocale()).format(n));

/** getMessage as the browser has it: '' for a key this catalogue lacks (so the caller can fall back). */
export function message(key: string, subs?: string[]): string {
  try {
    return getMessage(key, subs) ?? '';
  } catch {
    return '';
  }
}

/**
 * The locale for Intl (numbers, money, dates): the browser's UI language (`en-GB`, `es-MX`…, with its
 * regional formats) when the catalogue shown is in that language; otherwise the catalogue's own
 * `languageTag`, so numbers read like the words around them (a browser language the extension has no
 * catalogue for falls back to English words; headless Chromium's --lang switches the catalogue only).
 * Undefined where there is neither (tests without a catalogue): Intl's default then.
 */
export function uiLocale(): string | undefined {
  let browserTag = '';
  try {
    browserTag = browser.i18n.getUILanguage() || '';
  } catch {
    // not in an extension page (tests)
  }
  const shown = message('languageTag');
  if (!shown) return browserTag || undefined;
  const base = (tag: string) => tag.split(/[-_]/)[0]!.toLowerCase();
  return browserTag && base(browserTag) === base(shown) ? browserTag : shown;
}

/**
 * The direction and language of the catalogue in use (its own `textDirection` and `languageTag`), so the
 * page's dir and lang always match the words shown. Chrome's @@bidi_dir / @@ui_locale follow the
 * browser's language instead: with a browser in Hebrew and no Hebrew catalogue they say rtl over
 * English words (and headless Chromium's --lang switches the catalogue but not them). They are the
 * fallback when the catalogue has no such key.
 */
export const textDirection = (): 'rtl' | 'ltr' =>
  (message('textDirection') || message('@@bidi_dir')) === 'rtl' ? 'rtl' : 'ltr';

/** Set a page's `lang` and `dir` from the catalogue in use (popup and options entry points). */
export function applyDocumentLocale(doc: Document): void {
  doc.documentElement.lang =
    message('languageTag') || message('@@ui_locale').replace(/_/g, '-') || uiLocale() || 'en';
  doc.documentElement.dir = textDirection();
}
