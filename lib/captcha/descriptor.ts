/**
 * What a vendor folder declares about itself (its `vendor.ts`): the widget kinds it reports and where the
 * browser meets it. Plain data and one pure check, no imports: content scripts (vendor-detect.js) and
 * wxt.config.ts read it too. The background's filters, the sightings' host table, `isVendorFrame`, the
 * manifest's frame-agent matches and the kind lists are derived from the array in ./vendors.ts.
 */
export interface VendorDescriptor {
  /** The vendor's name in sightings and injection targets. */
  readonly name: string;
  /** Its widget kinds, in the order the UI lists them. Label key of each: `kindLabelKey(kind)`. */
  readonly kinds: readonly string[];
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
  /** True inside the vendor's own frames, where the detector stays idle. Must not throw. */
  readonly ownFrame?: (href: string) => boolean;
}

/** What the convention test (lib/captcha/vendors.test.ts) demands of each kind, per vendor folder. */
export interface VendorTests {
  /** Per kind: its unit test (detection on a unit fixture) and fill test, under lib/captcha/. */
  readonly unit: Readonly<Record<string, { readonly detect: string; readonly fill: string }>>;
  /** Per kind: an e2e page under e2e/fixtures/ that an e2e test opens. */
  readonly e2e: Readonly<Record<string, string>>;
}

/** The catalogue key of a kind's label (`kind_recaptcha_v2`…), in every public/_locales/<lang>/messages.json. */
export const kindLabelKey = (kind: string): string => `kind_${kind.replace(/-/g, '_')}`;
