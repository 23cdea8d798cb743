/**
 * The always-on content script's only knowledge of captchas: does an element announce a vendor? Broad on
 * purpose (a false positive costs one detect pass in that frame, never a task): vendor hosts in script and
 * iframe URLs, and the vendors' documented container markup. The vendors' full modules (detect + fill) are
 * injected into the frame by the background only after one of these fires.
 */
import type { VendorName } from '../vendor';

/** A cheap per-element test for one vendor. */
export interface Sniffer {
  vendor: VendorName;
  sniff(el: Element): boolean;
}

const srcOf = (el: Element): string => {
  const tag = el.tagName;
  return tag === 'SCRIPT' || tag === 'IFRAME' ? (el.getAttribute('src') ?? '') : '';
};

const bySrc = (vendor: VendorName, re: RegExp, selector?: string): Sniffer => ({
  vendor,
  sniff: (el) => re.test(srcOf(el)) || (selector !== undefined && el.matches(selector)),
});

/** Everything a presence sniffer can match, as one native selector (the observer's prefilter). */
export const PRESENCE_SELECTOR = 'script[src],iframe[src],.h-captcha,.cf-turnstile,#FunCaptcha-Token,input[name="fc-token"]';

/** One sniffer per vendor family (see /work/shared/captcha-anatomy.md for the hosts and markup). */
export const presenceSniffers: readonly Sniffer[] = [
  bySrc('recaptcha', /^(?:https?:)?\/\/(?:www\.)?(?:google\.com|recaptcha\.net)\/recaptcha\//),
  bySrc('hcaptcha', /^(?:https?:)?\/\/(?:[\w-]+\.)*hcaptcha\.com\//, '.h-captcha'),
  bySrc('turnstile', /^(?:https?:)?\/\/challenges\.cloudflare\.com\//, '.cf-turnstile'),
  bySrc(
    'arkose',
    /^(?:https?:)?\/\/[\w.-]*(?:arkoselabs\.com|funcaptcha\.com)\//,
    '#FunCaptcha-Token,input[name="fc-token"]',
  ),
  bySrc('geetest', /^(?:https?:)?\/\/[\w.-]*geetest\.com\//),
  bySrc('awswaf', /^(?:https?:)?\/\/[\w.-]*awswaf\.com\//),
];
