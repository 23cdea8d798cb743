/**
 * Where captcha vendors appear, seen from the browser's side instead of from every frame.
 *
 * A captcha needs its vendor's frame (reCAPTCHA anchor, Arkose) or at least its loader script (reCAPTCHA,
 * GeeTest, AWS WAF render in the page). The browser reports both to the background — frame navigations
 * through `webNavigation.onBeforeNavigate` (with the parent frame that hosts the widget) and script
 * requests through `webRequest.onBeforeRequest` — each filtered to vendor URLs, so the worker wakes for
 * captcha pages only. The background then injects what the vendor needs (lib/captcha/inject.ts) into
 * that frame. No script of ours runs in a frame without a vendor (measured, an always-on isolated-world
 * watcher cost ~5 % of page load and of a DOM-churning page's work rate: bench/README.md). hCaptcha and
 * Turnstile are handled from inside their own frames (frame-agent), so they are not watched here.
 *
 * Frames are the reliable signal: a navigation always reaches the browser, while a script answered from a
 * renderer's memory cache never shows up in webRequest. Scripts are the early signal (the detector is
 * in place before `render`), and the only one for vendors without a frame.
 */
import type { VendorDescriptor } from './descriptor';
import { onDomain } from './others/dom';
import type { VendorName } from './vendor';
import { VENDORS } from './vendors';

const vendors: readonly VendorDescriptor[] = VENDORS;
const exact = (v: VendorDescriptor) => v.hosts ?? [];
const domains = (v: VendorDescriptor) => v.domains ?? [];

/**
 * webNavigation URL filters for vendor widget frames (`events.UrlFilter`): the descriptors with
 * `frames: 'watch'`. hCaptcha and Turnstile are not watched: their widgets are found and completed from
 * inside their own frames, by the frame agent the manifest runs there (entrypoints/frame-agent.ts) —
 * nothing to inject into the page.
 */
export const VENDOR_FRAME_FILTERS: Array<{ hostEquals?: string; hostSuffix?: string; pathPrefix?: string }> =
  vendors
    .filter((v) => v.frames === 'watch')
    .flatMap((v) => [
      ...exact(v).map((h) => (v.path ? { hostEquals: h, pathPrefix: v.path } : { hostEquals: h })),
      ...domains(v).map((d) => ({ hostSuffix: `.${d}` })),
    ]);

/** webRequest match patterns for vendor loader scripts: the descriptors with `scripts: true`. */
export const VENDOR_SCRIPT_PATTERNS: string[] = vendors
  .filter((v) => v.scripts)
  .flatMap((v) => [
    ...exact(v).map((h) => `*://${h}${v.path ?? '/'}*`),
    ...domains(v).map((d) => `*://*.${d}/*`),
  ]);

/** Each vendor's hosts and path, in the descriptors' order (image captchas have none). */
const VENDOR_HOSTS: ReadonlyArray<readonly [VendorName, (host: string) => boolean, string | undefined]> =
  vendors
    .filter((v) => exact(v).length + domains(v).length > 0)
    .map((v) => [
      v.name as VendorName,
      (h: string) => exact(v).includes(h) || domains(v).some((d) => onDomain(h, d)),
      v.path,
    ]);

/** The vendor a URL belongs to (reCAPTCHA only under /recaptcha/ on Google's hosts), or null. */
export function vendorOfUrl(url: string): VendorName | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  for (const [vendor, host, path] of VENDOR_HOSTS) {
    if (!host(u.hostname)) continue;
    if (path && !u.pathname.startsWith(path)) return null;
    return vendor;
  }
  return null;
}

function onVendorHost(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return VENDOR_HOSTS.some(([, host]) => host(hostname));
  } catch {
    return false;
  }
}

/** A vendor frame starting to load (webNavigation.onBeforeNavigate details, the fields used). */
export interface FrameSighting {
  tabId: number;
  frameId: number;
  parentFrameId: number;
  url: string;
  /** Chrome 106+: the hosting document. */
  parentDocumentId?: string;
}

/** A vendor script requested (webRequest.onBeforeRequest details, the fields used). */
export interface ScriptSighting {
  tabId: number;
  frameId: number;
  url: string;
  /** Chrome: the requesting document. */
  documentId?: string;
  /** Firefox: the requesting document's URL. */
  documentUrl?: string;
  /** Chrome: the requesting document's origin. */
  initiator?: string;
}

/** The frame to inject the detector into. */
export interface Target {
  tabId: number;
  frameId: number;
  documentId?: string;
  vendor: VendorName;
}

/** The page frame hosting a vendor frame, or null (a top-level visit to a vendor URL, not a widget). */
export function frameTarget(d: FrameSighting): Target | null {
  const vendor = vendorOfUrl(d.url);
  if (!vendor || d.tabId < 0 || d.frameId === 0 || d.parentFrameId < 0) return null;
  return { tabId: d.tabId, frameId: d.parentFrameId, documentId: d.parentDocumentId, vendor };
}

/**
 * The frame that asked for a vendor script, or null (not a tab, or a vendor's own frame loading its code).
 */
export function scriptTarget(d: ScriptSighting): Target | null {
  const vendor = vendorOfUrl(d.url);
  if (!vendor || d.tabId < 0 || d.frameId < 0) return null;
  // A vendor's own frame loading more of its code (Chrome gives only the requester's origin; every vendor
  // frame is on a vendor host): the frame signal covers pages on a vendor's host (google.com/sorry hosts
  // an anchor frame).
  const requester = d.documentUrl ?? d.initiator;
  if (requester && onVendorHost(requester)) return null;
  return { tabId: d.tabId, frameId: d.frameId, documentId: d.documentId, vendor };
}

export interface SightingsDeps {
  inject(t: Target): Promise<void>;
}

/** Entries remembered before the oldest are forgotten (a forgotten frame is at worst injected twice). */
const MAX_REMEMBERED = 500;

/**
 * Inject once per document: repeated sightings in one frame (loader, its frames, a challenge frame)
 * cost nothing. Without a documentId (Firefox ESR 140), a frame's entry is forgotten when it navigates.
 */
export function createSightings(deps: SightingsDeps) {
  const done = new Map<string, true>();
  // Per vendor: a frame where hCaptcha was seen first still gets reCAPTCHA's main-world half later.
  const keyOf = (t: Target) => `${t.tabId}:${t.frameId}:${t.documentId ?? ''}:${t.vendor}`;
  const see = async (t: Target | null): Promise<boolean> => {
    if (!t) return false;
    const key = keyOf(t);
    if (done.has(key)) return false;
    done.set(key, true);
    if (done.size > MAX_REMEMBERED) done.delete(done.keys().next().value as string);
    try {
      await deps.inject(t);
      return true;
    } catch {
      // The frame went away or cannot be scripted: allow a later sighting to try again.
      done.delete(key);
      return false;
    }
  };
  return {
    onFrame: (d: FrameSighting) => see(frameTarget(d)),
    onScript: (d: ScriptSighting) => see(scriptTarget(d)),
    /**
     * A frame committed a new document (or the tab closed: frameId -1). Sightings of that new document
     * stay: its commit can be reported after its first vendor script.
     */
    forget(tabId: number, frameId: number, documentId?: string) {
      for (const key of [...done.keys()]) {
        const [t, f, doc] = key.split(':');
        if (documentId && doc === documentId) continue;
        if (Number(t) === tabId && (frameId === -1 || frameId === 0 || Number(f) === frameId))
          done.delete(key);
      }
    },
  };
}
