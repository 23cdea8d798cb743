/**
 * The protocol map: every message between the content scripts, the background and the extension pages,
 * in every direction, with its request schema (or type) and its reply type. Three maps:
 * - `PageReplies`: extension pages → background (pageMessageSchema; the UI's `send()` returns these);
 * - `ContentReplies`: content script → background (contentMessageSchema);
 * - `ContentBoundReplies`: background → content script (`BackgroundToContent`, parsed zod-free on the
 *   content side by lib/messaging-parse.ts: no zod in the per-frame scripts).
 * Content-script messages can be influenced by a hostile page (or a compromised renderer), so the
 * background parses them with these zod schemas and checks the sender before acting. The handlers
 * (entrypoints/background/handlers.ts) are typed against these maps: a wrong reply does not compile.
 * Adding a message: its schema or type here, its reply in the map, one handler, one sender
 * (lib/messaging.test.ts checks the last two).
 */
import { z } from 'zod';
import { WIDGET_KINDS, type WidgetKind } from './captcha/types';
import type { ImagePair } from './captcha/vendor';
import type { SettingsPatch } from './managed';
import type { Notice } from './notice';
import type { Settings } from './settings';
import type { DetectorJob } from './solver/detector-view';
import type { CapStatus, Job, Totals } from './solver/jobs';
import type { AccountBlock } from './storage';

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

/** A message answered with nothing (the handler's result, if any, is not for the sender). */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler's Promise<void> is the "no reply" it gives.
export type NoReply = void;

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
]);
export type ContentMessage = z.infer<typeof contentMessageSchema>;
/** What the background answers a content script (nothing: a content script only reports). */
export interface ContentReplies {
  'widgets:found': NoReply;
  'widgets:gone': NoReply;
  'widget:expired': NoReply;
}

/**
 * Messages the background sends to a content script (tabs.sendMessage with a frameId). What a content
 * script receives is checked by lib/messaging-parse.ts (zod-free) before it acts.
 */
export type BackgroundToContent =
  /**
   * A token for a widget. `showBadge`: a successful fill shows the solved badge itself (the reply `true`
   * carries the solved status: no second `status` message follows).
   */
  | {
      type: 'fill';
      widgetId: string;
      kind: WidgetKind;
      token: string;
      autoSubmit: boolean;
      showBadge: boolean;
    }
  /** `reason`: why it is not solved (the badge's tooltip renders it with the content script's i18n). */
  | {
      type: 'status';
      widgetId: string;
      state: 'solving' | 'solved' | 'failed';
      reason?: Notice;
      showBadge: boolean;
    }
  /** Find the image the context menu was opened on, remember its answer field, report it. */
  | { type: 'image:capture'; srcUrl: string }
  /** Image captchas remembered for this frame's origin: detect them (auto-solve rules apply). */
  | { type: 'image:pairs'; pairs: ImagePair[] }
  /** A pair's job starts: where is its image on screen now (reply parsed by the background)? */
  | { type: 'image:locate'; widgetId: string };
export type ContentBound<T extends BackgroundToContent['type']> = Extract<BackgroundToContent, { type: T }>;

/** A box in the viewport, CSS pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
/** The frame's reply to `image:locate` (lib/captcha/image/locate.ts; parsed by the background). */
export type LocateReply =
  | {
      ok: true;
      src: string;
      rect: Box;
      viewport: { width: number; height: number };
      unobstructed: boolean;
      data?: string;
    }
  | { ok: false };

/** What a content script answers each background message (tabs.sendMessage's result). */
export interface ContentBoundReplies {
  /** Filled (and, for a successful fill, now shown as solved). */
  fill: boolean;
  status: NoReply;
  'image:capture': ImageCaptureReply;
  'image:pairs': boolean;
  'image:locate': LocateReply;
}

/** A remembered image captcha: CSS selectors of the image and of its answer field (bounded: it is stored). */
export const imagePairSchema = z.object({ img: shortString(300), input: shortString(190) });

/** The frame's reply to `image:capture` (parsed: the frame is page-influenced). */
export const imageCaptureReplySchema = z.union([
  z.object({ ok: z.literal(true), pair: imagePairSchema, widgetId: shortString(200) }),
  z.object({ ok: z.literal(false), error: z.enum(['no-image', 'no-field']) }),
]);
export type ImageCaptureReply = z.infer<typeof imageCaptureReplySchema>;

const box = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().nonnegative(),
  height: z.number().finite().nonnegative(),
});
/** The frame's reply to `image:locate` (parsed: the frame is page-influenced). */
export const locateReplySchema = z.union([
  z.object({
    ok: z.literal(true),
    src: z.string().max(4096),
    rect: box,
    viewport: z.object({
      width: z.number().positive().max(100_000),
      height: z.number().positive().max(100_000),
    }),
    unobstructed: z.boolean(),
    data: z.string().startsWith('data:image/').max(2_000_000).optional(),
  }),
  z.object({ ok: z.literal(false) }),
]) satisfies z.ZodType<LocateReply>;

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
  /**
   * The detector view (DevTools panel): a tab's jobs with their createTask bodies (key redacted) and the
   * rules in force.
   */
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

/** Replies the background gives to extension pages (the map is `PageReplies` below). */
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

/** Generic acknowledgement some handlers return. */
export interface Ack {
  ok: boolean;
  error?: string;
}

/** `tab:state` reply. */
export interface TabState {
  jobs: Job[];
  totals: Totals;
  /** The daily cap as the engine counts it (absent from an older background). */
  cap?: CapStatus;
  pausedSites?: string[];
  /** Blocks stored before notices carry English `message` instead of `notice`. */
  accountBlock?: Pick<AccountBlock, 'code' | 'notice' | 'message'> | null;
  /** What a policy sets (shown locked; absent from an older background). */
  managed?: ManagedState;
}

/** `detector:state` reply: what the DevTools panel shows of a tab. */
export interface DetectorState {
  jobs: DetectorJob[];
  /** The API endpoint tasks go to (the settings', normalized). */
  endpoint: string;
  /** The settings that decide whether and when a job starts. */
  settings: Pick<Settings, 'autoSolve' | 'autoSolveKinds' | 'limits' | 'sites' | 'polling' | 'routing'>;
  pausedSites: string[];
  cap: CapStatus;
  accountBlock: Pick<AccountBlock, 'code' | 'notice' | 'message'> | null;
  hasKey: boolean;
}

/** `key:status` reply: whether a key is saved, and a masked form for display (never the key). */
export interface KeyStatus {
  hasKey: boolean;
  masked?: string;
  /** The key is set by a policy: it cannot be changed or removed here. */
  managed?: boolean;
}

/** The reply each page message gets from the background. */
export interface PageReplies {
  'key:save': BalanceReply;
  'key:clear': Ack | BalanceReply;
  'key:status': KeyStatus;
  'balance:get': BalanceReply;
  'tab:state': TabState;
  'detector:state': DetectorState;
  solve: NoReply;
  'job:cancel': NoReply;
  'site:pause': Ack;
  'history:clear': NoReply;
  'data:clearAll': Ack;
  'image:solve': ImageSolveReply;
  'setup:apply': Readiness;
  'setup:status': Readiness;
}
/** The reply type of a page message. */
export type Reply<K extends PageMessage['type']> = PageReplies[K];
/** Any page message by its type. */
export type PageRequest<K extends PageMessage['type']> = Extract<PageMessage, { type: K }>;
/** Any content message by its type. */
export type ContentRequest<K extends ContentMessage['type']> = Extract<ContentMessage, { type: K }>;
