/** Display formatting shared by the popup and the options page (pure; locale passed in for tests). */
import type { WidgetKind } from '@/lib/captcha/types';
import type { Translate } from './i18n';

/** USD with enough decimals for sub-cent task prices: $0.0012, $4.50. */
export function formatUsd(value: number, locale?: string): string {
  const digits = value !== 0 && Math.abs(value) < 0.1 ? 4 : 2;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A 0..1 ratio as a whole percentage. */
export function formatPercent(ratio: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** Short date and time of a timestamp. */
export function formatTime(at: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(at);
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

/** The human name of a widget kind, from the catalogue (`kind_recaptcha_v2` …). */
export function kindLabel(t: Translate, kind: WidgetKind | string): string {
  return t(`kind_${kind.replace(/-/g, '_')}`);
}
