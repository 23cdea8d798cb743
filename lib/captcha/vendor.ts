/**
 * The one small interface every vendor implements, in two halves:
 * - `VendorModule` runs in the content script's ISOLATED world: it reads the DOM (never page JS),
 *   finds widgets and writes tokens into response fields;
 * - `VendorHook` runs in the page's MAIN world (entrypoints/page-hooks.content): it sees what only page
 *   JS can see (render options, callbacks, ___grecaptcha_cfg, v3 execute) and calls the site's callbacks.
 * The two halves talk through lib/captcha/bridge.ts only. Neither half ever sees the client key.
 */
import type { DetectedWidget, FillRequest, WidgetKind } from './types';

export type VendorName = 'recaptcha' | 'hcaptcha' | 'turnstile' | 'arkose' | 'geetest' | 'awswaf' | 'image';

/** What a vendor's main-world hook learned about one widget (sent over the bridge, all strings). */
export interface HookFacts {
  widgetId: string;
  kind?: WidgetKind;
  websiteKey?: string;
  action?: string;
  cData?: string;
  s?: string;
  rqdata?: string;
  /** The widget has a callback the hook can call (function or resolved global name). */
  hasCallback?: boolean;
  /** A v3 execute call is waiting for our token. */
  pendingExecute?: boolean;
  /** Id of the container element, when it has one, to join DOM and hook views. */
  containerId?: string;
}

export interface DetectEnv {
  /** URL of this frame (the task's websiteURL). */
  href: string;
  title: string;
  /** Facts reported by the main-world hooks so far, by widgetId. */
  facts: ReadonlyMap<string, HookFacts>;
  /** (Additive, H5.) Image captchas the user marked on this site: CSS selectors of image and answer field. */
  imagePairs?: readonly ImagePair[];
}

/** One remembered image captcha: the image (or canvas) and the text field its answer goes into. */
export interface ImagePair {
  img: string;
  input: string;
}

/** Isolated-world half of a vendor. Pure over its inputs; must never throw (callers also guard). */
export interface VendorModule {
  vendor: VendorName;
  /** Cheap test used by the detector's DOM observer: does this element announce the vendor? */
  sniff(el: Element): boolean;
  /** All widgets of this vendor under `root` (a Document or an open ShadowRoot). */
  detect(root: Document | ShadowRoot, env: DetectEnv): DetectedWidget[];
  /**
   * Write the token into every response field of the widget; return false if the widget is gone.
   * Called for the document and then for each known open shadow root until one returns true.
   */
  fill(root: Document | ShadowRoot, req: FillRequest): boolean;
}

/** Main-world half. `install` runs once per frame at document_start and must not throw or pre-create globals. */
export interface VendorHook {
  vendor: VendorName;
  install(api: HookApi): void;
}

/** What the hook runtime offers each vendor hook. */
export interface HookApi {
  /** Report (or update) facts about a widget to the isolated world. */
  report(facts: HookFacts): void;
  /** Register what to do in the main world when a token for `widgetId` arrives (call callbacks, resolve execute…). */
  onToken(widgetId: string, handler: (token: string) => void): void;
  /**
   * Run `onSet(value)` when the page (or a vendor script) assigns `window[name]`, without creating the
   * global beforehand; returns the value to store (e.g. a wrapped object). Configurable, never throws.
   */
  trapGlobal(name: string, onSet: (value: unknown) => unknown): void;
  /**
   * Same for a property of a vendor object (e.g. `grecaptcha.execute`, assigned after `grecaptcha` itself):
   * wraps an existing value in place or an own configurable accessor catching later assignments.
   */
  trapProperty(obj: object, name: string, onSet: (value: unknown) => unknown): void;
  /** Tell the isolated world that a pending v3 execute fell back to the native one. */
  fallback(widgetId: string): void;
  /**
   * (Additive, H3.) Register what to do when the isolated world gives up on `widgetId` before a token
   * exists (solve failed, not solving on this site…): a pending execute should fall back to the native one now.
   */
  onRelease(widgetId: string, handler: () => void): void;
  /**
   * (Additive, H3.) Register a scan run when the isolated world found widgets and asks for fresh facts
   * (e.g. read render options from the vendor's config and `report` them). Runs synchronously before the
   * isolated world reads the facts, so it must be cheap.
   */
  onScan(handler: () => void): void;
}
