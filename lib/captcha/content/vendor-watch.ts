/**
 * The always-on content script's vendor watch, without a MutationObserver: a subtree observer in every
 * frame pays for every DOM insertion the page makes (measured: −28 % work rate on a churning page). A
 * captcha needs its vendor's loader script or frame, and those announce themselves by loading — so this
 * listens to resource `load`/`error` events in the capture phase (one event per script or frame, none
 * per DOM change) and scans the parsed document once at DOMContentLoaded and at load. After a vendor is
 * seen, the injected detector (vendor-detect.js) watches that frame's DOM in full.
 */
import { PRESENCE_SELECTOR, type Sniffer } from './presence';

export interface VendorWatchOptions {
  doc: Document;
  sniffers: readonly Sniffer[];
  /** A sniffer's vendor was seen for the first time in this frame. */
  onVendor(sniffer: Sniffer): void;
  signal: AbortSignal;
}

/** Watch `doc` for vendor loaders and markup; stops when `signal` aborts. */
export function watchVendors(o: VendorWatchOptions): void {
  const seen = new Set<Sniffer>();
  const check = (el: Element): void => {
    for (const s of o.sniffers) {
      if (seen.has(s)) continue;
      let hit = false;
      try {
        hit = s.sniff(el);
      } catch {
        // A sniffer bug must not stop the others, nor reach the page.
      }
      if (hit) {
        seen.add(s);
        o.onVendor(s);
      }
    }
  };
  const scan = (): void => {
    if (seen.size === o.sniffers.length) return;
    try {
      for (const el of o.doc.querySelectorAll(PRESENCE_SELECTOR)) check(el);
    } catch {
      // Never throw into the page.
    }
  };
  // Fires for every image, stylesheet and frame the page loads: only scripts and frames can be loaders,
  // and once every vendor is seen there is nothing left to learn.
  const onResource = (e: Event): void => {
    if (seen.size === o.sniffers.length) return;
    const tag = (e.target as Element | null)?.tagName;
    if (tag === 'SCRIPT' || tag === 'IFRAME') check(e.target as Element);
  };
  const opts = { capture: true, signal: o.signal };
  o.doc.addEventListener('load', onResource, opts);
  o.doc.addEventListener('error', onResource, opts);
  o.doc.addEventListener('DOMContentLoaded', scan, { once: true, signal: o.signal });
  o.doc.defaultView?.addEventListener('load', scan, { once: true, signal: o.signal });
  scan(); // what exists already (late injection, about:blank frames)
}
