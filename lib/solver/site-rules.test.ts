import { describe, expect, it } from 'vitest';
import { matchesHostPattern, siteAllowed } from './site-rules';

describe('host patterns', () => {
  it.each([
    ['example.com', 'example.com', true],
    ['www.example.com', '*.example.com', true],
    ['example.com', '*.example.com', true],
    ['evil-example.com', '*.example.com', false],
    ['shop.example.org', '*shop*', true],
    ['EXAMPLE.com', 'example.COM', true],
    ['example.com', 'https://example.com/path', true],
    ['example.com.evil.test', 'example.com', false],
    ['a.b', '', false],
  ])('%s ~ %s → %s', (host, pattern, expected) => {
    expect(matchesHostPattern(host, pattern)).toBe(expected);
  });
});

describe('siteAllowed', () => {
  const rules = { allow: [] as string[], deny: ['*.bank.test'] };
  it.each([
    ['https://shop.test', rules, [], true],
    ['https://my.bank.test', rules, [], false],
    ['https://shop.test', rules, ['https://shop.test'], false],
    ['https://shop.test', { allow: ['other.test'], deny: [] }, [], false],
    ['https://x.other.test', { allow: ['*.other.test'], deny: ['x.other.test'] }, [], false],
    ['not a url', rules, [], false],
  ])('%s', (origin, r, paused, expected) => {
    expect(siteAllowed(origin, r, paused)).toBe(expected);
  });
});
