// @vitest-environment happy-dom
/**
 * The popup and the options page rendered in every shipped language: the words are the catalogue's (no
 * raw key shows), numbers, money and dates follow the UI language, and Arabic pages are right-to-left.
 */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App as OptionsApp } from '@/entrypoints/options/App';
import { App as PopupApp } from '@/entrypoints/popup/App';
import { LOCALES } from '../../scripts/locales-check.mjs';
import { defaultSettings } from '../settings';
import { fakePopupStorage } from './fake-popup-storage';
import { fakeSend } from './fake-send';
import { job, record, T0, totals } from './fixtures';
import { applyDocumentLocale, t } from './i18n';
import { createOptionsState } from './options-state';
import { createPopupState } from './popup-state';
import { catalogue, installI18n, messages, uiLanguage } from './test-i18n';

afterEach(cleanup);

function popup() {
  const send = fakeSend({
    'key:status': () => ({ hasKey: true, masked: 'anys…demo' }),
    'balance:get': () => ({ ok: true, balance: 1234.5, at: T0 }),
    'tab:state': () => ({
      jobs: [
        job({ id: 'a', status: 'detected', notice: { key: 'note_manual' } }),
        job({
          id: 'b',
          status: 'failed',
          errorNotice: { key: 'err_RATE_LIMITED_SITE', params: [1000, 'shop.example'] },
        }),
        job({ id: 'c', status: 'solved', cost: 0.0012 }),
      ],
      totals: totals({ today: 0.012, successRate: 0.9 }),
      pausedSites: [],
      accountBlock: { code: 'ERROR_ZERO_BALANCE', notice: { key: 'err_ERROR_ZERO_BALANCE' } },
    }),
  });
  const state = createPopupState({
    send,
    storage: fakePopupStorage({
      history: [record({ status: 'failed', errorNotice: { key: 'err_TASK_TIMEOUT' } })],
    }),
    now: () => T0,
    tab: async () => ({ id: 7, origin: 'https://shop.example' }),
    every: () => () => undefined,
  });
  render(<PopupApp state={state} onOpenOptions={() => undefined} />);
  state.start();
}

function options() {
  const settings = defaultSettings();
  const send = fakeSend({
    'key:status': () => ({ hasKey: true, masked: 'anys…demo' }),
    'balance:get': () => ({ ok: true, balance: 4.5, at: T0 }),
  });
  const state = createOptionsState({
    send,
    settings: { read: async () => settings, update: async () => settings, watch: () => () => undefined },
    history: {
      read: async () => [record({ status: 'cancelled', errorNotice: { key: 'err_tabClosed' } })],
      watch: () => () => undefined,
    },
    readKey: async () => null,
    now: () => T0 + 3600_000,
  });
  render(<OptionsApp state={state} download={() => undefined} />);
  state.start();
}

/** Message names in the text (a camelCase or snake_case key shown instead of its words). */
const rawKeys = (text: string) =>
  Object.keys(messages).filter((k) => /[A-Z_]/.test(k) && new RegExp(`\\b${k}\\b`).test(text));

describe.each(LOCALES)('in %s', (locale) => {
  const cat = catalogue(locale);
  const lang = uiLanguage(locale === 'en' ? 'en-US' : locale);

  it('the popup shows the catalogue’s words, notices included, and Intl numbers and money', async () => {
    fakeBrowser.reset();
    installI18n(locale);
    popup();
    await screen.findByText(cat.thisPage!.message);
    const text = document.body.textContent ?? '';
    expect(rawKeys(text)).toEqual([]);
    expect(text).toContain(cat.balance!.message);
    expect(text).toContain(cat.err_ERROR_ZERO_BALANCE!.message);
    const money = new Intl.NumberFormat(lang, {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: 2,
    }).format(1234.5);
    expect(text).toContain(money);
    const n = new Intl.NumberFormat(lang).format(1000);
    expect(text).toContain(t('err_RATE_LIMITED_SITE', [n, 'shop.example']));
    expect(t('err_RATE_LIMITED_SITE', [n, 'shop.example'])).toContain(n);
  });

  it('the options page shows the catalogue’s words, history notices included', async () => {
    fakeBrowser.reset();
    installI18n(locale);
    options();
    await screen.findByText(cat.optionsTitle!.message);
    await screen.findByText(cat.err_tabClosed!.message);
    expect(rawKeys(document.body.textContent ?? '')).toEqual([]);
  });

  const dir = locale === 'ar' ? 'rtl' : 'ltr';
  it(`sets lang="${locale.replace('_', '-')}" and dir="${dir}" on the page`, () => {
    fakeBrowser.reset();
    installI18n(locale);
    applyDocumentLocale(document);
    expect(document.documentElement.lang).toBe(locale.replace('_', '-'));
    expect(document.documentElement.dir).toBe(locale === 'ar' ? 'rtl' : 'ltr');
  });
});

describe('a browser language without its catalogue', () => {
  it('keeps the English words left-to-right even when the browser (Hebrew) says rtl', async () => {
    fakeBrowser.reset();
    installI18n('en');
    const { getMessageIn } = await import('./test-i18n');
    const { vi } = await import('vitest');
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) =>
      key === '@@bidi_dir'
        ? 'rtl'
        : key === '@@ui_locale'
          ? 'he'
          : getMessageIn(messages, 'en', key, subs)) as never);
    applyDocumentLocale(document);
    expect([document.documentElement.lang, document.documentElement.dir]).toEqual(['en', 'ltr']);
  });
});

describe('the Intl locale', () => {
  it.each([
    ['en', 'en-GB', 'en-GB'], // the browser's regional formats, in the catalogue's language
    ['es', 'es-MX', 'es-MX'],
    ['ar', 'en-US', 'ar'], // headless Chromium with --lang=ar: the words' language
    ['ja', 'ja', 'ja'],
  ])('catalogue %s, browser %s → %s', async (locale, browserTag, expected) => {
    fakeBrowser.reset();
    installI18n(locale);
    const { vi } = await import('vitest');
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockImplementation(() => browserTag);
    const { uiLocale } = await import('./i18n');
    expect(uiLocale()).toBe(expected);
  });
});
