/**
 * Sites as the limits see them: the registrable domain (eTLD+1) of a URL, from the Public Suffix List
 * (`tldts`, private section included, as browsers use it for cookies), so `s1.evil.example` and
 * `s2.evil.example` are one site and `alice.github.io` and `bob.github.io` are two. Hosts without a
 * registrable domain (IP addresses, `localhost`, single labels) are their own site.
 */
import { parse } from 'tldts';

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

/** Schemeful same-site, as for SameSite cookies: same scheme and same registrable domain. */
export function sameSite(a: string, b: string): boolean {
  try {
    return new URL(a).protocol === new URL(b).protocol && siteOf(a) === siteOf(b) && siteOf(a) !== 'null';
  } catch {
    return false;
  }
}

/** The budgets a start counts toward: its frame's site, and for a frame embedded in another site, that site's embedded budget. */
export function budgetsOf(x: { site: string; topSite: string }): string[] {
  return x.site === x.topSite ? [x.site] : [x.site, `embedded@${x.topSite}`];
}
