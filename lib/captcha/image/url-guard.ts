/**
 * What the background may fetch for an image captcha, so it never acts as a confused deputy for a page:
 * only the URL the user marked (same origin and path; the query may change per challenge), with cookies
 * only when the image is same-site with the page that shows it, never to loopback, private or link-local
 * addresses unless the page itself is on one. Pure (no DNS: see docs/security.md for what that leaves).
 */
import { sameSite } from '../../solver/site';

/** The URL pattern remembered when the user marks an image: origin and path, no query or fragment. */
export function imagePattern(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? `${u.origin}${u.pathname}` : null;
  } catch {
    return null;
  }
}

const v4 = (host: string): number[] | null => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m ? m.slice(1).map(Number) : null;
};

/**
 * Loopback, private (RFC 1918, ULA), link-local, CGNAT, unspecified, or a name that means this machine or
 * LAN.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host.endsWith('.internal')
  )
    return true;
  if (!host.includes('.') && !host.includes(':')) return true; // a single label resolves on the LAN
  const ip = v4(host);
  if (ip) {
    const [a, b] = ip as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (host.includes(':')) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped) return isPrivateHost(mapped[1]!);
    return host === '::' || host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  }
  return false;
}

export type FetchDecision =
  | { ok: true; credentials: 'include' | 'omit' }
  | { ok: false; reason: 'changed' | 'private' | 'scheme' };

/**
 * May the background fetch `url` for a pair marked as `pattern`, shown by a page at `pageUrl`
 * (`embedded`: in a frame of another site)? Cookies go only when the image is same-site with the page,
 * and the page is not embedded in another site.
 */
export function fetchDecision(
  url: string,
  pattern: string,
  pageUrl: string,
  embedded: boolean,
): FetchDecision {
  const p = imagePattern(url);
  if (!p) return { ok: false, reason: 'scheme' };
  if (p !== pattern) return { ok: false, reason: 'changed' };
  const host = new URL(url).hostname;
  let pageHost = '';
  try {
    pageHost = new URL(pageUrl).hostname;
  } catch {
    // no page host: treated as public
  }
  if (isPrivateHost(host) && !isPrivateHost(pageHost)) return { ok: false, reason: 'private' };
  return { ok: true, credentials: sameSite(url, pageUrl) && !embedded ? 'include' : 'omit' };
}
