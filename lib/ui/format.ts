/**
 * Display formatting shared by the popup and the options page: every number, amount and date shown goes
 * through Intl in the UI language (`uiLocale()`); tests pass a locale.
 */
import { kindLabelKey } from '@/lib/captcha/descriptor';
import type { WidgetKind } from '@/lib/captcha/types';
import { type Translate, uiLocale } from './i18n';

/** USD with enough decimals for sub-cent task prices: $0.0012, $4.50. */
export function formatUsd(value: number, locale: string | undefined = uiLocale()): string {
  const digits = value !== 0 && Math.abs(value) < 0.1 ? 4 : 2;
  const text = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: digits,
  }).format(value);
  // Arabic formats "‏5.00 US$": in right-to-left text the lone "$" after "US" would jump to its left
  // ("$US 5.00"); a left-to-right mark after it keeps "US$" whole. Only a trailing "US$" (pt-BR's leading
  // "US$ 1,00" reads left-to-right anyway).
  return text.replace(/US\$$/, 'US$\u200E');
}

/** A plain number (counts, seconds): grouping and digits of the locale. */
export function formatNumber(
  value: number,
  locale: string | undefined = uiLocale(),
  maximumFractionDigits = 2,
): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

/** A 0..1 ratio as a whole percentage. */
export function formatPercent(ratio: number, locale: string | undefined = uiLocale()): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** Short date and time of a timestamp. */
export function formatTime(at: number, locale: string | undefined = uiLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(at);
}

/** A duration in seconds with one decimal (`12.3 s`, `12,3 s`, `١٢٫٣ ث`…): Intl's unit format. */
export function formatSeconds(ms: number, locale: string | undefined = uiLocale()): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'second',
    unitDisplay: 'short',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(ms / 1000);
}

/** Whole seconds elapsed between two timestamps (never negative). */
export function elapsedSeconds(from: number, now: number): number {
  return Math.max(0, Math.floor((now - from) / 1000));
}

/** A site's host for display (`https://a.example` → `a.example`); the input when it is not a URL. */
export function siteName(origin: string): string {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}

/** The human name of a widget kind, from the catalogue (`kind_recaptcha_v2` …: kindLabelKey). */
export function kindLabel(t: Translate, kind: WidgetKind | string): string {
  return t(kindLabelKey(kind));
}
