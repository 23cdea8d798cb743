/**
 * Sites as the limits see them: the registrable domain (eTLD+1) of a URL, from the Public Suffix List
 * (`tldts`, private section included, as browsers use it for cookies), so `s1.evil.example` and
 * `s2.evil.example` are one site and `alice.github.io` and `bob.github.io` are two. Hosts without a
 * registrable domain (IP addresses, `localhost`, single labels) are their own site.
 */
// The package's own minified build: 132 KB (50 KB gzip). Bundling its ES modules gives 276 KB (the trie
// as a number array survives minification badly), which would not fit the 200 KB package budget.
import { parse } from 'tldts/dist/index.esm.min.js';

/** The site of `url` (no scheme, lower case), or 'null' for a URL without a host. */
export function siteOf(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'null';
  }
  if (!host) return 'null';
  const r = parse(host, { allowPrivateDomains: true });
  return r.isIp ? host : (r.domain ?? host);
}

/** The sites of a report: its frame's, and its tab's top-level page's (frame 0: the same). */
export function reportSites(sender: { frameId: number; frameUrl: string; topUrl?: string }): {
  site: string;
  topSite: string;
} {
  const site = siteOf(sender.frameUrl);
  return { site, topSite: sender.frameId === 0 || !sender.topUrl ? site : siteOf(sender.topUrl) };
}

/** Schemeful same-site, as for SameSite cookies: same scheme and same registrable domain. */
export function sameSite(a: string, b: string): boolean {
  try {
    return new URL(a).protocol === new URL(b).protocol && siteOf(a) === siteOf(b) && siteOf(a) !== 'null';
  } catch {
    return false;
  }
}

/**
 * The budgets a start counts toward: its frame's site, and for a frame embedded in another site, that site's
 * embedded budget.
 */
export function budgetsOf(x: { site: string; topSite: string }): string[] {
  return x.site === x.topSite ? [x.site] : [x.site, `embedded@${x.topSite}`];
}
