/** Turnstile's hosts and URL shapes (see /work/shared/captcha-anatomy.md). Pure string checks. */

const HOST = 'challenges.cloudflare.com';
/** Real sitekeys (`0x4AAAAAAA…`) and Cloudflare's test keys (`1x00000000000000000000AA`…). */
const SITEKEY = /^(?:0x[\w-]{10,64}|[123]x0{20}[A-Z]{2})$/;

const toUrl = (src: string, base: string): URL | null => {
  try {
    return new URL(src, base);
  } catch {
    return null;
  }
};

/** Turnstile's one host (its frames and scripts, never a site page). */
export const isTurnstileHost = (host: string): boolean => host === HOST;

/** Any script or frame served from Turnstile's host. */
export function isTurnstileResource(src: string, base: string): boolean {
  return toUrl(src, base)?.hostname === HOST;
}

/**
 * The sitekey of a Turnstile challenge frame: a path segment of its URL
 * (`…/turnstile/if/ov2/av0/rcv0/0/<rand>/<sitekey>/light/fbE/new/normal/auto/`), or null.
 */
export function sitekeyFromFrame(src: string, base: string): string | null {
  const url = toUrl(src, base);
  if (url?.hostname !== HOST || !url.pathname.includes('/turnstile/')) return null;
  for (const part of url.pathname.split('/')) {
    const seg = decodeURIComponent(part);
    if (SITEKEY.test(seg)) return seg;
  }
  return null;
}
