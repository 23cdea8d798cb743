import { describe, expect, it } from 'vitest';
import { isHcaptchaHost } from './urls';

describe('isHcaptchaHost', () => {
  it.each([
    ['hcaptcha.com', true],
    ['newassets.hcaptcha.com', true],
    ['js.hcaptcha.com', true],
    ['hcaptcha.com.evil.test', false],
    ['nothcaptcha.com', false],
  ])('%s -> %s', (host, expected) => {
    expect(isHcaptchaHost(host)).toBe(expected);
  });
});
