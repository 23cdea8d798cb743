/**
 * The one small interface every vendor implements: `VendorModule` runs in the content script's ISOLATED
 * world, injected on demand into frames where the browser saw the vendor: it reads the DOM (never page
 * JS), finds widgets and writes tokens into response fields. What only page JS can see (reCAPTCHA's
 * config, callbacks, execute) comes from lib/captcha/recaptcha/main-world.ts over lib/captcha/bridge.ts;
 * hCaptcha and Turnstile are completed through their own frames' protocols (lib/captcha/frame-agent/).
 * Nothing on the content side ever sees the client key.
 */
import type { DetectedWidget, FillRequest, WidgetKind } from './types';
import type { VendorName } from './vendors';

export type { VendorName };

/**
 * What reCAPTCHA's main-world half (recaptcha/main-world.ts) learned about one widget or request (over the
 * bridge).
 */
export interface HookFacts {
  widgetId: string;
  kind?: WidgetKind;
  websiteKey?: string;
  action?: string;
  cData?: string;
  s?: string;
  rqdata?: string;
  /** A request (v3 execute, invisible execute, bound click) is waiting for our token. */
  pendingExecute?: boolean;
  /** The request followed a user gesture (a trusted click, or transient activation at execute). */
  gesture?: boolean;
  /** Id of the container element, when it has one, to join DOM and hook views. */
  containerId?: string;
}

export interface DetectEnv {
  /** URL of this frame (the task's websiteURL). */
  href: string;
  title: string;
  /** Facts reported by the main world so far, by widgetId. */
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
