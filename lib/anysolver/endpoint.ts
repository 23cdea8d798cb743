/** Validation of the API endpoint setting: https, except loopback addresses (the local sandbox). */
import type { Notice } from '../notice';

/** `notice`: why not, as a message key (`err_endpoint…`) the page renders. */
export type EndpointResult = { ok: true; url: string } | { ok: false; notice: Notice };

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

const refuse = (key: string, params?: string[]): EndpointResult => ({
  ok: false,
  notice: { key, ...(params ? { params } : {}) },
});

/** Parse a user-entered endpoint into a normalized base URL (no trailing slash) or a clear refusal. */
export function parseEndpoint(value: string): EndpointResult {
  const text = value.trim();
  if (!text) return refuse('err_endpointEmpty');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('err_endpointNotUrl', [text.slice(0, 80)]);
  }
  const loopback = LOOPBACK.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    return refuse('err_endpointHttps');
  if (url.username || url.password) return refuse('err_endpointCredentials');
  if (url.search || url.hash) return refuse('err_endpointQuery');
  return { ok: true, url: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
}
