import { describe, expect, it } from 'vitest';
import { parseEndpoint } from './endpoint';

describe('parseEndpoint', () => {
  it.each([
    ['https://api.anysolver.com', 'https://api.anysolver.com'],
    ['https://api.anysolver.com/', 'https://api.anysolver.com'],
    ['  https://proxy.example/anysolver/ ', 'https://proxy.example/anysolver'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:8787/', 'http://localhost:8787'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
  ])('accepts %s', (input, url) => {
    expect(parseEndpoint(input)).toEqual({ ok: true, url });
  });

  it.each([
    ['', /Enter the API endpoint/],
    ['api.anysolver.com', /not a URL/],
    ['http://api.anysolver.com', /https/],
    ['http://192.168.1.5:8787', /https/],
    ['ftp://127.0.0.1', /https/],
    ['https://user:pw@api.anysolver.com', /user name or password/],
    ['https://api.anysolver.com/?x=1', /query/],
  ])('refuses %j with a clear message', (input, message) => {
    const r = parseEndpoint(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
