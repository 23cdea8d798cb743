/**
 * What a vendor descriptor (lib/captcha/<vendor>/vendor.ts) says of each of its kinds' AnySolver task, and
 * the checks its field builders share. Every fact not stated by AnySolver's docs is marked where the row is
 * written ([docs] / [3p] / [guess]), so that correcting one is a one-line change in the vendor's folder.
 * Pure data and checks: the table (./task-types.ts) is derived from the descriptors.
 */
import type { DetectedWidget } from '../captcha/types';

export type Confidence = 'docs' | '3p' | 'guess';

export interface TaskTypeRow {
  /** AnySolver task type (ProxyLess form: AnySolver's own network). */
  readonly type: string;
  readonly confidence: Confidence;
  /** Disabled rows are detected and shown, never sent (type unconfirmed). */
  readonly enabled: boolean;
  /**
   * What the task is about: a site's widget (websiteURL + a sitekey that passes `validKey`; the default)
   * or an image the user marked (no URL, no sitekey: the image's own checks in buildTask).
   */
  readonly input?: 'widget' | 'image';
  /** Whether a (trimmed) sitekey looks like the vendor's; reCAPTCHA's form when absent. */
  readonly validKey?: (key: string) => boolean;
  /** Extra fields beyond websiteURL/websiteKey, from the widget. */
  readonly fields: (w: DetectedWidget) => Record<string, unknown>;
}

export const RECAPTCHA_KEY = /^[\w-]{20,64}$/;
// Optional page-supplied fields are dropped (not sent) when they do not look like the vendor's.
export const ACTION = /^[\w/.-]{1,100}$/;
export const OPAQUE = /^[\w+/=.:-]{1,8192}$/;

/** `v` when it matches `re`, else undefined (dropped by `optional`). */
export const ifMatches = (re: RegExp, v: string | undefined): string | undefined =>
  v !== undefined && re.test(v) ? v : undefined;

/** The entries that have a value (undefined and '' are not sent). */
export const optional = (entries: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== ''));
