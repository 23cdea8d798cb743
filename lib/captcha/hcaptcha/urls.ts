/** hCaptcha's hosts and URL shapes (see /work/shared/captcha-anatomy.md). Pure string checks. */

/** `hcaptcha.com` or any subdomain (newassets., js., assets., imgs.…): hCaptcha moves its frames around. */
export const isHcaptchaHost = (host: string): boolean =>
  host === 'hcaptcha.com' || host.endsWith('.hcaptcha.com');

/** What one hCaptcha iframe URL says about its widget. */
export interface HcaptchaFrameInfo {
  frame: 'checkbox' | 'challenge';
  /** hCaptcha's widget id (also the iframe's `data-hcaptcha-widget-id` and the textareas' id suffix). */
  id: string;
  sitekey: string;
  size?: string;
}

const toUrl = (src: string, base: string): URL | null => {
  try {
    return new URL(src, base);
  } catch {
    return null;
  }
};

/**
 * Parse a checkbox or challenge frame URL. hCaptcha puts its parameters in the HASH
 * (`…/hcaptcha.html#frame=checkbox&id=…&sitekey=…`); older embeds used the query, so both are read
 * (hash wins). Null for anything else, including look-alike hosts.
 */
export function parseHcaptchaFrame(src: string, base: string): HcaptchaFrameInfo | null {
  const url = toUrl(src, base);
  if (url?.protocol !== 'https:' || !isHcaptchaHost(url.hostname)) return null;
  const hash = new URLSearchParams(url.hash.slice(1));
  const get = (k: string) => hash.get(k) ?? url.searchParams.get(k) ?? undefined;
  const frame = get('frame');
  const id = get('id');
  const sitekey = get('sitekey');
  if ((frame !== 'checkbox' && frame !== 'challenge') || !id || !sitekey) return null;
  const size = get('size');
  return { frame, id, sitekey, ...(size ? { size } : {}) };
}

/** Any script or iframe served from an hCaptcha host. */
export function isHcaptchaResource(src: string, base: string): boolean {
  const url = toUrl(src, base);
  return (
    url !== null && (url.protocol === 'https:' || url.protocol === 'http:') && isHcaptchaHost(url.hostname)
  );
}
