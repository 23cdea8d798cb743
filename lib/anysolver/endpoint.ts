/** Validation of the API endpoint setting: https, except loopback addresses (the local sandbox). */

export type EndpointResult = { ok: true; url: string } | { ok: false; message: string };

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Parse a user-entered endpoint into a normalized base URL (no trailing slash) or a clear refusal. */
export function parseEndpoint(value: string): EndpointResult {
  const text = value.trim();
  if (!text) return { ok: false, message: 'Enter the API endpoint, e.g. https://api.anysolver.com.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `"${text.slice(0, 80)}" is not a URL.` };
  }
  const loopback = LOOPBACK.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return {
      ok: false,
      message: 'The API endpoint must use https:// (http:// is allowed only for localhost).',
    };
  }
  if (url.username || url.password)
    return { ok: false, message: 'The API endpoint must not contain a user name or password.' };
  if (url.search || url.hash)
    return { ok: false, message: 'The API endpoint must not contain a query (?) or fragment (#).' };
  return { ok: true, url: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
}
