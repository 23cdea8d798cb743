import { describe, expect, it } from 'vitest';
import { isTurnstileHost } from './urls';

describe('isTurnstileHost', () => {
  it.each([
    ['challenges.cloudflare.com', true],
    ['cloudflare.com', false],
    ['challenges.cloudflare.com.evil.test', false],
  ])('%s -> %s', (host, expected) => {
    expect(isTurnstileHost(host)).toBe(expected);
  });
});
