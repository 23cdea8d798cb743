import { describe, expect, it } from 'vitest';
import { isTurnstileResource, sitekeyFromFrame } from './urls';
import { turnstileFrameUrl } from './test-dom';

const base = 'https://site.test/';

describe('sitekeyFromFrame', () => {
  it.each([
    ['a real key', turnstileFrameUrl('0x4AAAAAAABkMYinukE8nzY'), '0x4AAAAAAABkMYinukE8nzY'],
    ['the always-passes test key', turnstileFrameUrl('1x00000000000000000000AA'), '1x00000000000000000000AA'],
    ['the invisible test key', turnstileFrameUrl('1x00000000000000000000BB'), '1x00000000000000000000BB'],
    ['another host', 'https://challenges.cloudflare.com.evil.test/turnstile/0x4AAAAAAABkMYinukE8nzY/', null],
    ['not a turnstile path', 'https://challenges.cloudflare.com/cdn-cgi/x/0x4AAAAAAABkMYinukE8nzY/', null],
    [
      'no key segment',
      'https://challenges.cloudflare.com/cdn-cgi/challenge-platform/turnstile/if/ov2/light/',
      null,
    ],
  ])('%s', (_name, src, expected) => {
    expect(sitekeyFromFrame(src, base)).toBe(expected);
  });
});

describe('isTurnstileResource', () => {
  it.each([
    ['https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit', true],
    ['//challenges.cloudflare.com/turnstile/v0/api.js', true],
    ['https://cloudflare.com/turnstile/v0/api.js', false],
    ['https://challenges.cloudflare.com.evil.test/turnstile/v0/api.js', false],
  ])('%s -> %s', (src, expected) => {
    expect(isTurnstileResource(src, base)).toBe(expected);
  });
});
