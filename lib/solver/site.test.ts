import { describe, expect, it } from 'vitest';
import { budgetsOf, sameSite, siteOf } from './site';

describe('siteOf', () => {
  it.each([
    ['https://s17.evil.example/x', 'evil.example'],
    ['https://www.shop.co.uk/login', 'shop.co.uk'],
    ['https://alice.github.io/', 'alice.github.io'],
    ['https://bob.github.io/', 'bob.github.io'],
    ['http://192.168.1.10:8080/', '192.168.1.10'],
    ['http://[::1]:3000/', '[::1]'],
    ['http://localhost:5173/', 'localhost'],
    ['https://SITE.test/', 'site.test'],
    ['about:blank', 'null'],
    ['not a url', 'null'],
  ])('%s → %s', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });
});

describe('sameSite', () => {
  it('is schemeful and by registrable domain', () => {
    expect(sameSite('https://img.site.test/a.png', 'https://www.site.test/')).toBe(true);
    expect(sameSite('http://img.site.test/a.png', 'https://www.site.test/')).toBe(false);
    expect(sameSite('https://other.test/a.png', 'https://site.test/')).toBe(false);
    expect(sameSite('https://alice.github.io/', 'https://bob.github.io/')).toBe(false);
    expect(sameSite('about:blank', 'about:blank')).toBe(false);
  });
});

describe('budgetsOf', () => {
  it('a first-party frame counts toward its site; an embedded one also toward the top site’s', () => {
    expect(budgetsOf({ site: 'site.test', topSite: 'site.test' })).toEqual(['site.test']);
    expect(budgetsOf({ site: 'ads.test', topSite: 'site.test' })).toEqual(['ads.test', 'embedded@site.test']);
  });
});
