/**
 * Background side of a cross-origin image captcha the screen cannot give (lib/captcha/image/url-guard.ts
 * decides whether it may be fetched at all, and with cookies or not): fetch it, never following a
 * redirect, and turn it into the data: URI a TextRecognition task takes. Only real PNG/JPEG/GIF bytes up
 * to 1 MB.
 */

/** The API's image size limit for TextRecognition. */
export const MAX_IMAGE_BYTES = 1_000_000;
const TIMEOUT_MS = 10_000;

/** The image type from its first bytes (the Content-Type header of a hostile server proves nothing). */
export function sniffImageType(b: Uint8Array): 'png' | 'jpeg' | 'gif' | null {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'gif';
  return null;
}

/** Base64 of `bytes`, in chunks (String.fromCharCode takes a bounded number of arguments). */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** The body, or null once it exceeds `max` bytes (read as a stream: no length header is trusted). */
async function readCapped(res: Response, max: number): Promise<Uint8Array | null> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      void reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Fetch `url` (http/https only) and return `data:image/<type>;base64,…`, or null for anything else. A
 * redirect fails the fetch (it could lead to another site); cookies only with `credentials: 'include'`.
 */
export async function fetchImageDataUri(
  url: string,
  opts: { credentials?: RequestCredentials; fetchFn?: typeof fetch } = {},
): Promise<string | null> {
  const fetchFn = opts.fetchFn ?? fetch;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  try {
    const res = await fetchFn(parsed.href, {
      credentials: opts.credentials ?? 'omit',
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) return null;
    if (Number(res.headers.get('content-length') ?? 0) > MAX_IMAGE_BYTES) return null;
    const bytes = await readCapped(res, MAX_IMAGE_BYTES);
    if (!bytes || bytes.length === 0) return null;
    const type = sniffImageType(bytes);
    return type ? `data:image/${type};base64,${toBase64(bytes)}` : null;
  } catch {
    return null; // network error, timeout, aborted
  }
}
