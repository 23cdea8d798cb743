import { describe, expect, it } from 'vitest';
import { fetchDecision, imagePattern, isPrivateHost } from './url-guard';

describe('imagePattern', () => {
  it('keeps origin and path, drops query and fragment, refuses other schemes', () => {
    expect(imagePattern('https://site.test/captcha.php?r=123#x')).toBe('https://site.test/captcha.php');
    expect(imagePattern('data:image/png;base64,AAAA')).toBeNull();
    expect(imagePattern('nonsense')).toBeNull();
  });
});

describe('isPrivateHost', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '[::1]',
    '::1',
    '[fd00::1]',
    '[fe80::1]',
    '[::ffff:192.168.0.1]',
    'localhost',
    'api.localhost',
    'printer.local',
    'intranet',
  ])('%s is private', (h) => expect(isPrivateHost(h)).toBe(true));
  it.each(['site.test', '8.8.8.8', '172.32.0.1', '192.169.0.1', '[2001:db8::1]', 'example.com'])(
    '%s is public',
    (h) => expect(isPrivateHost(h)).toBe(false),
  );
});

describe('fetchDecision', () => {
  const page = 'https://site.test/form';
  it(
    'only the marked URL (the query may change); cookies ' + 'only same-site with the page and its top page',
    () => {
      expect(fetchDecision('https://site.test/c.png?r=9', 'https://site.test/c.png', page, false)).toEqual({
        ok: true,
        credentials: 'include',
      });
      expect(
        fetchDecision('https://img.site.test/c.png', 'https://img.site.test/c.png', page, false),
      ).toEqual({
        ok: true,
        credentials: 'include',
      });
      expect(fetchDecision('https://cdn.test/c.png', 'https://cdn.test/c.png', page, false)).toEqual({
        ok: true,
        credentials: 'omit',
      });
      // A same-site image in a frame embedded in another site: no cookies either.
      expect(fetchDecision('https://site.test/c.png', 'https://site.test/c.png', page, true)).toEqual({
        ok: true,
        credentials: 'omit',
      });
      expect(fetchDecision('https://victim.test/me.png', 'https://site.test/c.png', page, false)).toEqual({
        ok: false,
        reason: 'changed',
      });
      expect(fetchDecision('javascript:alert(1)', 'https://site.test/c.png', page, false)).toEqual({
        ok: false,
        reason: 'scheme',
      });
    },
  );

  it('never a private address unless the page is on one', () => {
    expect(fetchDecision('http://192.168.1.1/c.png', 'http://192.168.1.1/c.png', page, false)).toEqual({
      ok: false,
      reason: 'private',
    });
    expect(
      fetchDecision(
        'http://127.0.0.1:8080/c.png',
        'http://127.0.0.1:8080/c.png',
        'http://127.0.0.1:8080/',
        false,
      ),
    ).toMatchObject({ ok: true });
  });
});
