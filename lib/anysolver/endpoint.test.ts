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
    ['', { key: 'err_endpointEmpty' }],
    ['api.anysolver.com', { key: 'err_endpointNotUrl', params: ['api.anysolver.com'] }],
    ['http://api.anysolver.com', { key: 'err_endpointHttps' }],
    ['http://192.168.1.5:8787', { key: 'err_endpointHttps' }],
    ['ftp://127.0.0.1', { key: 'err_endpointHttps' }],
    ['https://user:pw@api.anysolver.com', { key: 'err_endpointCredentials' }],
    ['https://api.anysolver.com/?x=1', { key: 'err_endpointQuery' }],
  ])('refuses %j with a clear message (as a message key)', (input, notice) => {
    expect(parseEndpoint(input)).toEqual({ ok: false, notice });
  });
});
