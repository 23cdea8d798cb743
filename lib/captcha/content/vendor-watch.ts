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
  const onResource = (e: Event): void => {
    const t = e.target;
    if (t && (t as Node).nodeType === 1 && (t as Element).matches(PRESENCE_SELECTOR)) check(t as Element);
  };
  const opts = { capture: true, signal: o.signal };
  o.doc.addEventListener('load', onResource, opts);
  o.doc.addEventListener('error', onResource, opts);
  o.doc.addEventListener('DOMContentLoaded', scan, { once: true, signal: o.signal });
  o.doc.defaultView?.addEventListener('load', scan, { once: true, signal: o.signal });
  scan(); // what exists already (late injection, about:blank frames)
}
