import { describe, expect, it } from 'vitest';
import { isHcaptchaResource, parseHcaptchaFrame } from './urls';

const base = 'https://site.test/';
const page = 'https://newassets.hcaptcha.com/captcha/v1/abc/static/hcaptcha.html';

describe('parseHcaptchaFrame', () => {
  it.each([
    [
      'params in the hash',
      `${page}#frame=checkbox&id=0a1b&host=site.test&sitekey=K-1`,
      { frame: 'checkbox', id: '0a1b', sitekey: 'K-1' },
    ],
    [
      'challenge frame with size',
      `${page}#frame=challenge&id=x&sitekey=K&size=invisible`,
      { frame: 'challenge', id: 'x', sitekey: 'K', size: 'invisible' },
    ],
    [
      'params in the query',
      `${page}?frame=checkbox&id=q1&sitekey=KQ`,
      { frame: 'checkbox', id: 'q1', sitekey: 'KQ' },
    ],
    [
      'hash wins over query',
      `${page}?sitekey=OLD&id=o&frame=checkbox#frame=checkbox&id=n&sitekey=NEW`,
      { frame: 'checkbox', id: 'n', sitekey: 'NEW' },
    ],
    [
      'another hCaptcha subdomain',
      'https://assets.hcaptcha.com/x.html#frame=checkbox&id=a&sitekey=S',
      { frame: 'checkbox', id: 'a', sitekey: 'S' },
    ],
    ['look-alike host', 'https://newassets.hcaptcha.com.evil.test/x#frame=checkbox&id=a&sitekey=S', null],
    ['suffix look-alike', 'https://evilhcaptcha.com/x#frame=checkbox&id=a&sitekey=S', null],
    ['plain http', 'http://newassets.hcaptcha.com/x#frame=checkbox&id=a&sitekey=S', null],
    ['no sitekey', `${page}#frame=checkbox&id=a`, null],
    ['no id', `${page}#frame=checkbox&sitekey=S`, null],
    ['unknown frame kind', `${page}#frame=other&id=a&sitekey=S`, null],
    ['not a URL', 'http://[bad', null],
  ])('%s', (_name, src, expected) => {
    expect(parseHcaptchaFrame(src, base)).toEqual(expected);
  });
});

describe('isHcaptchaResource', () => {
  it.each([
    ['https://js.hcaptcha.com/1/api.js', true],
    ['//js.hcaptcha.com/1/api.js?render=explicit', true],
    ['https://hcaptcha.com/license', true],
    ['https://cdn.site.test/hcaptcha.js', false],
    ['https://hcaptcha.com.evil.test/1/api.js', false],
    ['javascript:alert(1)//hcaptcha.com', false],
  ])('%s -> %s', (src, expected) => {
    expect(isHcaptchaResource(src, base)).toBe(expected);
  });
});
