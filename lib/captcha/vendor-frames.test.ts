import { describe, expect, it } from 'vitest';
import { isVendorFrame } from './vendor-frames';

describe('isVendorFrame', () => {
  it.each([
    'https://www.google.com/recaptcha/api2/anchor?k=K',
    'https://recaptcha.net/recaptcha/enterprise/bframe?k=K',
    'https://newassets.hcaptcha.com/captcha/v1/x/static/hcaptcha.html#frame=checkbox',
    'https://hcaptcha.com/x',
    'https://challenges.cloudflare.com/cdn-cgi/challenge-platform/h/g/turnstile/if/ov2/x',
  ])('%s is a vendor frame', (href) => {
    expect(isVendorFrame(href)).toBe(true);
  });

  it.each([
    'https://www.google.com/sorry/index',
    'https://www.google.com/recaptcha/api.js',
    'https://evilhcaptcha.com/x',
    'https://cloudflare.com/x',
    'https://site.test/p',
    'about:blank',
    'not a url',
  ])('%s is not', (href) => {
    expect(isVendorFrame(href)).toBe(false);
  });
});
