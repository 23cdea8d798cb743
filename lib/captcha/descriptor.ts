/**
 * What a vendor folder declares about itself (its `vendor.ts`): the widget kinds it reports, where the
 * browser meets it, and which AnySolver task each kind becomes. Data and pure checks (a folder's vendor.ts
 * imports only its own URL checks and lib/anysolver/task-fields.ts), which wxt.config.ts reads too. The
 * lists in ./vendors.ts are written from the folders (scripts/vendors.mjs); the background's filters, the
 * sightings' host table, `isVendorFrame`, the manifest's frame-agent matches, the task-type table and the
 * kind lists are derived from them. Content scripts read only the small `VendorKinds` part (kinds, own
 * frames), so the hosts, filters and task rows stay out of vendor-detect.js.
 */
import type { TaskTypeRow } from '../anysolver/task-fields';

export interface VendorKinds {
  /** Its widget kinds, in the order the UI lists them. Label key of each: `kindLabelKey(kind)`. */
  readonly kinds: readonly string[];
  /** True inside the vendor's own frames, where the detector stays idle (its URL, or only its host). */
  readonly ownFrame?: (href: string) => boolean;
  readonly ownHost?: (host: string) => boolean;
}

/** The whole descriptor: who the vendor is (`VendorKinds`), where the browser meets it, its tasks. */
export interface VendorDescriptor extends VendorKinds {
  /** The vendor's name in sightings and injection targets. */
  readonly name: string;
  /** Exact host names it serves from. */
  readonly hosts?: readonly string[];
  /** Domains it serves from, the domain or any subdomain. */
  readonly domains?: readonly string[];
  /** Only URLs under this path on its hosts are the vendor's (reCAPTCHA shares Google's hosts). */
  readonly path?: string;
  /**
   * Its widget frames: 'watch' — the background watches them (webNavigation) and injects into the page
   * frame hosting them; 'agent' — the manifest runs the frame agent inside them. None: a DOM-only vendor.
   */
  readonly frames?: 'watch' | 'agent';
  /** The background watches its loader scripts (webRequest) and injects into the requesting frame. */
  readonly scripts?: boolean;
  /** Per kind, the AnySolver task it becomes (lib/anysolver/task-types.ts reads them all). */
  readonly tasks: Readonly<Record<string, TaskTypeRow>>;
}

/**
 * A descriptor from its small part and the rest (`@__PURE__` at the call: a bundle that reads only the
 * small part, like vendor-detect.js, drops the rest).
 */
export const describeVendor = <
  const K extends VendorKinds,
  const W extends Omit<VendorDescriptor, keyof VendorKinds | 'tasks'> & {
    /** Exactly one row per kind of `kinds` (a missing or extra kind does not compile). */
    readonly tasks: Readonly<Record<K['kinds'][number], TaskTypeRow>>;
  },
>(
  kinds: K,
  where: W,
): K & W => ({ ...kinds, ...where });

/** What the convention test (lib/captcha/vendors.test.ts) demands of each kind, per vendor folder. */
export interface VendorTests {
  /** Per kind: its unit test (detection on a unit fixture) and fill test, under lib/captcha/. */
  readonly unit: Readonly<Record<string, { readonly detect: string; readonly fill: string }>>;
  /** Per kind: an e2e page under e2e/fixtures/ that an e2e test opens. */
  readonly e2e: Readonly<Record<string, string>>;
}

/**
 * The catalogue key of a kind's label (`kind_recaptcha_v2`…), in every
 * public/_locales/<lang>/messages.json.
 */
export const kindLabelKey = (kind: string): string => `kind_${kind.replace(/-/g, '_')}`;
