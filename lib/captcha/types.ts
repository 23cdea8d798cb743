/**
 * Shared vocabulary of the content side: what a detector reports and what a filler receives.
 * Everything here crosses from a page-influenced context to the background, so the background
 * re-validates it with the zod schemas in lib/messaging.ts.
 */

import { VENDOR_KINDS, type WidgetKind } from './vendors';

export type { WidgetKind };

/** The widget kinds the extension knows, from the vendors' descriptors (./vendors.ts), in their order. */
export const WIDGET_KINDS = VENDOR_KINDS.flatMap((v) => v.kinds) as unknown as readonly [
  WidgetKind,
  ...WidgetKind[],
];

/** What a detector saw of one widget. `widgetId` is unique within its frame. */
export interface DetectedWidget {
  /**
   * Stable within the frame: vendor widget id or a generated one (e.g. `recaptcha:0`,
   * `turnstile:cf-chl-widget-x`).
   */
  widgetId: string;
  kind: WidgetKind;
  /** Vendor site key (reCAPTCHA/hCaptcha/Turnstile sitekey, Arkose public key, GeeTest gt/captchaId). */
  websiteKey: string;
  /** The URL of the frame the widget lives in (becomes the task's websiteURL). Set by the content script. */
  websiteURL?: string;
  pageTitle?: string;
  /** reCAPTCHA v3 / Turnstile action. */
  action?: string;
  /** Turnstile cData. */
  cData?: string;
  /** reCAPTCHA Enterprise `s` payload. */
  enterprisePayload?: { s?: string };
  /** hCaptcha rqdata. */
  rqdata?: string;
  /** reCAPTCHA v3 Enterprise api domain (`recaptcha.net` when loaded from there). */
  apiDomain?: string;
  /** Extra vendor fields (GeeTest challenge, api_server, Arkose surl…). Strings only. */
  extra?: Record<string, string>;
  /** Image captcha: the image as a data: URI (image-text only). */
  imageBase64?: string;
  /** true when the widget is visible on screen (used for re-solve decisions). */
  visible?: boolean;
}

/** A token (or text answer) for one widget, sent by the background to the frame that reported it. */
export interface FillRequest {
  widgetId: string;
  kind: WidgetKind;
  token: string;
  autoSubmit: boolean;
}
