/**
 * The one contract for every message between the content script, the background and the extension
 * pages. Content-script messages can be influenced by a hostile page (or a compromised renderer), so
 * the background parses them with these zod schemas and checks the sender before acting.
 */
import { z } from 'zod';
import { WIDGET_KINDS } from './captcha/types';
import type { ImagePair } from './captcha/vendor';
import type { SettingsPatch } from './managed';
import type { Notice } from './notice';

const shortString = (max: number) => z.string().min(1).max(max);

/** A widget as reported by a content script. Bounded so a page cannot make us store megabytes. */
export const detectedWidgetSchema = z.object({
  widgetId: shortString(200),
  kind: z.enum(WIDGET_KINDS),
  websiteKey: z.string().max(200),
  websiteURL: z.string().max(2048).optional(),
  pageTitle: z.string().max(300).optional(),
  action: z.string().max(200).optional(),
  cData: z.string().max(2000).optional(),
  enterprisePayload: z.object({ s: z.string().max(8000).optional() }).optional(),
  rqdata: z.string().max(8000).optional(),
  apiDomain: z.string().max(100).optional(),
  extra: z.record(z.string().max(64), z.string().max(2000)).optional(),
  imageBase64: z.string().max(2_000_000).optional(),
  visible: z.boolean().optional(),
});

/** Messages a content script may send. */
export const contentMessageSchema = z.discriminatedUnion('type', [
  /** Widgets found (or updated) in this frame. */
  z.object({
    type: z.literal('widgets:found'),
    widgets: z.array(detectedWidgetSchema).max(50),
    /** Reported right after a user gesture in the frame (transient activation, a trusted click). */
    gesture: z.boolean().optional(),
  }),
  /** Widgets removed from this frame. */
  z.object({ type: z.literal('widgets:gone'), widgetIds: z.array(shortString(200)).max(50) }),
  /** A filled token expired on the page (expired-callback / lifetime) while the widget is on screen. */
  z.object({ type: z.literal('widget:expired'), widgetId: shortString(200) }),
  /** The v3 execute wrapper gave up waiting and fell back to the native execute. */
  z.object({ type: z.literal('widget:fallback'), widgetId: shortString(200) }),
]);
export type ContentMessage = z.infer<typeof contentMessageSchema>;

/** Messages the background sends to a content script (tabs.sendMessage with a frameId). */
export type BackgroundToContent =
  | { type: 'fill'; widgetId: string; kind: string; token: string; autoSubmit: boolean }
  /** `reason`: why it is not solved (the badge's tooltip renders it with the content script's i18n). */
  | {
      type: 'status';
      widgetId: string;
      state: 'solving' | 'solved' | 'failed';
      reason?: Notice;
      showBadge: boolean;
    }
  | { type: 'scan' }
  /** Find the image the context menu was opened on, remember its answer field, report it (reply: ImageCaptureReply). */
  | { type: 'image:capture'; srcUrl: string }
  /** Image captchas remembered for this frame's origin: detect them (auto-solve rules apply). */
  | { type: 'image:pairs'; pairs: ImagePair[] }
  /** A pair's job starts: where is its image on screen now (reply: lib/captcha/image/locate.ts, parsed in image-flow.ts)? */
  | { type: 'image:locate'; widgetId: string };

/** A remembered image captcha: CSS selectors of the image and of its answer field (bounded: it is stored). */
export const imagePairSchema = z.object({ img: shortString(300), input: shortString(190) });

/** The frame's reply to `image:capture` (parsed: the frame is page-influenced). */
export const imageCaptureReplySchema = z.union([
  z.object({ ok: z.literal(true), pair: imagePairSchema, widgetId: shortString(200) }),
  z.object({ ok: z.literal(false), error: z.enum(['no-image', 'no-field']) }),
]);
export type ImageCaptureReply = z.infer<typeof imageCaptureReplySchema>;

/** Messages from extension pages (popup, options) to the background. */
export const pageMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('key:save'),
    key: z.string().max(200),
    endpoint: z.string().max(2048).optional(),
  }),
  z.object({ type: z.literal('key:clear') }),
  z.object({ type: z.literal('key:status') }),
  z.object({ type: z.literal('balance:get'), refresh: z.boolean().optional() }),
  z.object({ type: z.literal('tab:state'), tabId: z.number().int() }),
  /** The detector view (DevTools panel): a tab's jobs with their createTask bodies (key redacted) and the rules in force. */
  z.object({ type: z.literal('detector:state'), tabId: z.number().int() }),
  z.object({ type: z.literal('solve'), tabId: z.number().int(), jobId: z.string().optional() }),
  z.object({ type: z.literal('job:cancel'), jobId: z.string() }),
  z.object({ type: z.literal('site:pause'), origin: z.string().max(2048), paused: z.boolean() }),
  z.object({ type: z.literal('history:clear') }),
  z.object({ type: z.literal('data:clearAll') }),
  /**
   * The automation setup page (entrypoints/setup/, docs/automation.md): apply a key and settings, and say
   * whether the extension is ready. Extension pages only: no web page can send it or open that page.
   */
  z.object({
    type: z.literal('setup:apply'),
    clientKey: z.string().max(200).optional(),
    settings: z.record(z.string().max(64), z.unknown()).optional(),
  }),
  z.object({ type: z.literal('setup:status') }),
  /** "Solve this image captcha" for the image at `srcUrl` in a frame (the context menu's code path). */
  z.object({
    type: z.literal('image:solve'),
    tabId: z.number().int().min(0),
    frameId: z.number().int().min(0),
    srcUrl: z.string().min(1).max(4096),
  }),
]);
export type PageMessage = z.infer<typeof pageMessageSchema>;

/** Replies the background gives to extension pages. */
export type ImageSolveReply = { ok: true; jobId: string } | { ok: false; notice: Notice };
/** A failed reply says why as a notice (rendered by the page) and, when there is one, the error code. */
export type BalanceReply =
  | { ok: true; balance: number; at: number }
  | { ok: false; notice: Notice; code?: string };
/** Which settings a policy sets (dotted paths, shown locked) and whether it sets the key. */
export interface ManagedState {
  locked: string[];
  keyManaged: boolean;
  /** The values a policy sets (settings only: never the key). */
  settings: SettingsPatch;
}

/** The setup page's machine-readable answer (docs/automation.md): never the key, only whether it works. */
export interface Readiness {
  ready: boolean;
  /** Why not ready (or what was refused): NO_KEY, INVALID_CONFIG, HOST_ACCESS, an API error code… */
  code?: string;
  error?: string;
  key: { present: boolean; valid: boolean; managed: boolean };
  balance: number | null;
  endpoint: string;
  permissions: { granted: boolean; missing: string[] };
  /** Settings set by policy; `ignored`: paths of this config that a policy overrides (not applied). */
  managed: string[];
  ignored: string[];
  /** Config paths refused (unknown setting or invalid value): nothing was stored. */
  invalid?: string[];
  version: string;
}
