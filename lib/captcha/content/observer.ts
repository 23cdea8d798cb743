/**
 * One MutationObserver over the document and every open shadow root found, asking cheap `sniff` tests
 * about added elements until their vendor is seen; once a vendor is present, any DOM change is reported
 * (the detect controller debounces it into one detect pass). Used by the injected detector with the
 * full vendor modules.
 */
import type { VendorModule } from '../vendor';

/** What the observer asks of a module: its cheap per-element test. */
export type Sniffer = Pick<VendorModule, 'sniff'>;

export interface ObserverOptions<S extends Sniffer> {
  doc: Document;
  modules: readonly S[];
  /** A module's vendor was seen for the first time in this frame. */
  onVendor(module: S): void;
  /** The DOM changed while at least one vendor is present. */
  onChange(): void;
  signal: AbortSignal;
}

export interface CaptchaObserver<S extends Sniffer> {
  /** Vendors seen so far. */
  readonly seen: ReadonlySet<S>;
  /** Open shadow roots found so far that are still connected. */
  shadowRoots(): ShadowRoot[];
}

/** Elements examined per added subtree: a huge SPA insert is sampled, not walked forever. */
const MAX_SUBTREE = 5000;
const OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ['src', 'data-sitekey'],
};

/** Start observing `doc`; stops by itself when `signal` aborts. */
export function observeCaptchas<S extends Sniffer>(o: ObserverOptions<S>): CaptchaObserver<S> {
  const seen = new Set<S>();
  const roots = new Set<ShadowRoot>();

  const check = (el: Element): void => {
    const shadow = el.shadowRoot;
    if (shadow && !roots.has(shadow)) addRoot(shadow);
    for (const m of o.modules) {
      if (seen.has(m)) continue;
      let hit = false;
      try {
        hit = m.sniff(el);
      } catch {
        // A module bug must not stop the others.
      }
      if (hit) {
        seen.add(m);
        o.onVendor(m);
      }
    }
  };
  const checkTree = (root: Element | ShadowRoot): void => {
    if (root.nodeType === 1) check(root as Element);
    if (!root.firstElementChild) return;
    const all = root.querySelectorAll('*');
    for (let i = 0; i < all.length && i < MAX_SUBTREE; i++) check(all[i]!);
  };

  const observer = new MutationObserver((records) => {
    try {
      let changed = false;
      for (const r of records) {
        if (r.type === 'attributes') {
          check(r.target as Element);
          changed = true;
          continue;
        }
        for (const n of r.addedNodes) {
          if (n.nodeType === 1) {
            checkTree(n as Element);
            changed = true;
          }
        }
        if (r.removedNodes.length > 0) changed = true;
      }
      if (changed && seen.size > 0) o.onChange();
    } catch {
      // Never throw from an observer callback.
    }
  });
  const addRoot = (root: ShadowRoot): void => {
    roots.add(root);
    observer.observe(root, OPTIONS);
    checkTree(root);
  };

  observer.observe(o.doc, OPTIONS);
  // The script may start after parts of the page exist (late injection, about:blank frames).
  if (o.doc.documentElement) checkTree(o.doc.documentElement);
  o.signal.addEventListener('abort', () => observer.disconnect(), { once: true });

  return {
    seen,
    shadowRoots() {
      for (const r of roots) if (!r.host.isConnected) roots.delete(r);
      return [...roots];
    },
  };
}
