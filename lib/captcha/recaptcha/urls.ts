/**
 * reCAPTCHA's hosts and URL shapes (as the real loader and release use them: e2e/real/README.md). Pure string
 * checks.
 */

/**
 * The four hosts Google serves reCAPTCHA from. Anything else (hCaptcha, Turnstile compat) is not reCAPTCHA.
 */
export const RECAPTCHA_HOST_NAMES = ['www.google.com', 'google.com', 'www.recaptcha.net', 'recaptcha.net'];
export const RECAPTCHA_HOSTS: ReadonlySet<string> = new Set(RECAPTCHA_HOST_NAMES);

/** A parsed anchor iframe URL. */
export interface AnchorInfo {
  sitekey: string;
  enterprise: boolean;
  size: string;
  host: string;
}

function parse(src: string, base: string): URL | null {
  try {
    const url = new URL(src, base);
    return RECAPTCHA_HOSTS.has(url.hostname) && url.pathname.startsWith('/recaptcha/') ? url : null;
  } catch {
    return null;
  }
}

/** `…/recaptcha/{api2|enterprise}/anchor?k=…&size=…` on a Google host, or null. */
export function parseAnchor(src: string, base: string): AnchorInfo | null {
  const url = parse(src, base);
  const m = url && /^\/recaptcha\/(api2|enterprise)\/anchor$/.exec(url.pathname);
  // A padded key (' 6Ld…') stays padded in Google's anchor URL (`k=%206Ld…`): compare and send it
  // trimmed.
  const sitekey = url?.searchParams.get('k')?.trim();
  if (!url || !m || !sitekey) return null;
  return {
    sitekey,
    enterprise: m[1] === 'enterprise',
    size: url.searchParams.get('size') ?? 'normal',
    host: url.hostname,
  };
}

/** The loader `…/recaptcha/api.js` or `…/recaptcha/enterprise.js` on a Google host. */
export function parseLoader(src: string, base: string): { enterprise: boolean; host: string } | null {
  const url = parse(src, base);
  const m = url && /^\/recaptcha\/(api|enterprise)\.js$/.exec(url.pathname);
  return url && m ? { enterprise: m[1] === 'enterprise', host: url.hostname } : null;
}

/** Any reCAPTCHA resource (loader, anchor, bframe, release script) on a Google host. */
export const isRecaptchaResource = (src: string, base: string): boolean => parse(src, base) !== null;

/** True inside reCAPTCHA's own frames (anchor, bframe): nothing to detect there. */
export function isRecaptchaFrame(href: string): boolean {
  const url = parse(href, 'about:blank');
  return url !== null && /^\/recaptcha\/(api2|enterprise)\//.test(url.pathname);
}
