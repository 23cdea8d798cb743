import { describe, expect, it } from 'vitest';
import { formatSiteList, parseSiteList } from './site-rules';

describe('parseSiteList', () => {
  it('keeps host patterns, strips pasted URLs, lower-cases and de-duplicates', () => {
    expect(
      parseSiteList('*.Example.com\nhttps://shop.example/cart?x=1\n\n  a.test:8443 \n*.example.com'),
    ).toEqual({
      patterns: ['*.example.com', 'shop.example', 'a.test:8443'],
      invalid: [],
    });
  });

  it('reports lines that are not host patterns', () => {
    expect(parseSiteList('good.example\nbad host\n-x-')).toEqual({
      patterns: ['good.example'],
      invalid: ['bad host', '-x-'],
    });
  });

  it('formats one pattern per line', () => {
    expect(formatSiteList(['a', 'b'])).toBe('a\nb');
  });
});
