import { describe, expect, it } from 'vitest';
import { fetchImageDataUri, MAX_IMAGE_BYTES, sniffImageType, toBase64 } from './fetch-image';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const GIF = new TextEncoder().encode('GIF89a....');
const JPG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);

function fakeFetch(body: BodyInit | null, init: ResponseInit = {}) {
  const calls: Array<[string, RequestInit | undefined]> = [];
  const fn = (async (url: string, opts?: RequestInit) => {
    calls.push([url, opts]);
    return new Response(body, init);
  }) as unknown as typeof fetch;
  return { fn, calls };
}

describe('fetchImageDataUri', () => {
  it.each([
    ['png', PNG],
    ['gif', GIF],
    ['jpeg', JPG],
  ] as const)('returns a %s data URI typed by the bytes, not the header', async (type, bytes) => {
    const f = fakeFetch(bytes, { headers: { 'content-type': 'text/html' } });
    const uri = await fetchImageDataUri('https://cdn.test/c.php?x=1', {
      fetchFn: f.fn,
      credentials: 'include',
    });
    expect(uri).toBe(`data:image/${type};base64,${Buffer.from(bytes).toString('base64')}`);
    expect(f.calls[0]![0]).toBe('https://cdn.test/c.php?x=1');
    expect(f.calls[0]![1]).toMatchObject({ credentials: 'include', redirect: 'error' });
  });

  it.each([
    ['not an image', fakeFetch('<html>nope</html>'), 'https://cdn.test/x'],
    ['an HTTP error', fakeFetch(PNG, { status: 404 }), 'https://cdn.test/x'],
    ['an empty body', fakeFetch(new Uint8Array()), 'https://cdn.test/x'],
    [
      'a declared size over the limit',
      fakeFetch(PNG, { headers: { 'content-length': String(MAX_IMAGE_BYTES + 1) } }),
      'https://cdn.test/x',
    ],
    [
      'an actual size over the limit',
      fakeFetch(new Uint8Array(MAX_IMAGE_BYTES + 1).fill(0x89)),
      'https://cdn.test/x',
    ],
    ['a non-http URL', fakeFetch(PNG), 'file:///etc/passwd'],
    ['an unparsable URL', fakeFetch(PNG), 'not a url'],
  ])('null for %s', async (_name, f, url) => {
    expect(await fetchImageDataUri(url, { fetchFn: f.fn })).toBeNull();
  });

  it('null when the network fails', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await fetchImageDataUri('https://cdn.test/x', { fetchFn: failing })).toBeNull();
  });

  it('helpers: sniffing and chunked base64 agree with Node', () => {
    expect(sniffImageType(new Uint8Array([1, 2, 3, 4]))).toBeNull();
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(toBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });
});
