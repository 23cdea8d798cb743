import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertParseNeverThrows, brokenFrame, fakeWindow } from '../frame-agent/test-window';
import type { FrameWidget } from '../frame-agent/types';
import { hcaptchaAgent, TOKEN_LIFETIME_S } from './agent';

const KEY = '10000000-ffff-ffff-ffff-000000000001';
const ASSETS = 'https://newassets.hcaptcha.com/captcha/v1/70b4624/static/hcaptcha.html';
/** The challenge frame URL as api.js builds it: id, host, then the URI-encoded config. */
const frameUrl = (frame = 'challenge', extra = '') =>
  `${ASSETS}#frame=${frame}&id=0x7k2m9q1z&host=site.test` +
  `&sentry=true&reportapi=https%3A%2F%2Faccounts.hcaptcha.com` +
  `&recaptchacompat=true&custom=false&hl=en&sitekey=${KEY}` +
  `&theme=light&origin=https%3A%2F%2Fsite.test${extra}`;
const widget: FrameWidget = { vendor: 'hcaptcha', widgetId: '0x7k2m9q1z', websiteKey: KEY };
/** A chat message from the page (`Xt.send`): a JSON string. */
const chat = (label: string, contents?: unknown, id = '0x7k2m9q1z') =>
  JSON.stringify({ source: 'hcaptcha', label, id, ...(contents === undefined ? {} : { contents }) });

describe('hcaptchaAgent.parse', () => {
  it.each([
    ['the challenge frame', frameUrl(), widget],
    ['an invisible widget', frameUrl('challenge', '&size=invisible'), { ...widget, invisible: true }],
    ['a compact widget', frameUrl('challenge', '&size=compact'), widget],
    ['another hCaptcha host', frameUrl().replace('newassets.', 'assets.'), widget],
    ['a query (older embeds)', `${ASSETS}?frame=challenge&id=0x7k2m9q1z&sitekey=${KEY}`, widget],
  ])('%s', (_name, href, expected) => {
    expect(hcaptchaAgent.parse(href)).toEqual(expected);
  });

  it.each([
    ['the checkbox frame', frameUrl('checkbox')],
    ['the invisible checkbox frame', `${ASSETS}#frame=checkbox-invisible`],
    ['a look-alike host', frameUrl().replace('hcaptcha.com', 'hcaptcha.com.evil.test')],
    ['a suffix look-alike', frameUrl().replace('newassets.hcaptcha.com', 'evilhcaptcha.com')],
    ['http', frameUrl().replace('https:', 'http:')],
    ['no sitekey', `${ASSETS}#frame=challenge&id=0x7k2m9q1z`],
    ['a bad id', `${ASSETS}#frame=challenge&id=a%20b&sitekey=${KEY}`],
    ['not a URL', '::'],
  ])('null for %s', (_name, href) => {
    expect(hcaptchaAgent.parse(href)).toBeNull();
  });
});

describe('hcaptchaAgent.start', () => {
  const setup = (w = widget) => {
    const win = fakeWindow(frameUrl());
    const changes: FrameWidget[] = [];
    const h = hcaptchaAgent.start(win, w, (c) => changes.push(c));
    return { win, changes, h };
  };

  it('sees execute (create-challenge) with its rqdata, every time', () => {
    const { win, changes } = setup({ ...widget, invisible: true });
    win.emit(chat('create-challenge', { manifest: { st: 1 }, action: '', rqdata: null, errors: [] }));
    win.emit(chat('create-challenge', { rqdata: 'rq-1', action: 'pay' }));
    expect(changes).toEqual([
      { ...widget, invisible: true, executed: true },
      { ...widget, invisible: true, executed: true, rqdata: 'rq-1', action: 'pay' },
    ]);
  });

  it('learns rqdata from setData (challenge-data) before execute', () => {
    const { win, changes } = setup();
    win.emit(chat('challenge-data', { rqdata: 'rq-2' }));
    win.emit(chat('challenge-data', { rqdata: 'rq-2' }));
    expect(changes).toEqual([{ ...widget, rqdata: 'rq-2' }]);
  });

  it.each([
    ['another window', chat('create-challenge', {}), {}],
    ['an object, not a string', JSON.parse(chat('create-challenge', {})), undefined],
    ['broken JSON', `${chat('create-challenge', {})}x`, undefined],
    ['JSON null with the tag', 'null // hcaptcha', undefined],
    ['another widget', chat('create-challenge', {}, 'other'), undefined],
    [
      'another tag',
      chat('create-challenge', {}).replace('"source":"hcaptcha"', '"source":"x","y":"hcaptcha"'),
      undefined,
    ],
    ['other labels', chat('challenge-translate', { locale: 'en' }), undefined],
    ['a huge message', chat('create-challenge', { pad: 'x'.repeat(2_000_000) }), undefined],
  ])('ignores %s', (_name, data, source) => {
    const { win, changes } = setup();
    win.emit(data, source);
    expect(changes).toEqual([]);
  });

  it('drops oversized or non-string rqdata', () => {
    const { win, changes } = setup();
    win.emit(chat('challenge-data', { rqdata: 'r'.repeat(16_385) }));
    win.emit(chat('challenge-data', { rqdata: { a: 1 } }));
    win.emit(chat('challenge-data', 'rqdata'));
    expect(changes).toEqual([]);
  });

  it('delivers challenge-closed / challenge-passed as a JSON chat message', () => {
    const { win, h } = setup();
    expect(h.deliver('P1_eyJ0eXAi.tok')).toBe(true);
    expect(win.posted).toHaveLength(1);
    const [m, origin] = win.posted[0]!;
    expect(origin).toBe('*');
    expect(typeof m).toBe('string');
    expect(JSON.parse(m as string)).toEqual({
      source: 'hcaptcha',
      label: 'challenge-closed',
      id: '0x7k2m9q1z',
      contents: { event: 'challenge-passed', response: 'P1_eyJ0eXAi.tok', expiration: TOKEN_LIFETIME_S },
    });
  });

  it.each([
    ['empty', ''],
    ['with a space', 'a b'],
    ['too long', 'x'.repeat(32_769)],
    ['not a string', null as unknown as string],
  ])('refuses a token %s', (_name, token) => {
    const { win, h } = setup();
    expect(h.deliver(token)).toBe(false);
    expect(win.posted).toEqual([]);
  });

  it('stop() stops listening and delivering', () => {
    const { win, changes, h } = setup();
    h.stop();
    h.stop();
    expect(win.listeners()).toBe(0);
    win.emit(chat('create-challenge', {}));
    expect(h.deliver('tok')).toBe(false);
    expect(changes).toEqual([]);
  });

  it('never throws: a throwing parent, a throwing onChange, hostile data', () => {
    const { win, onChange } = brokenFrame(frameUrl());
    const h = hcaptchaAgent.start(win, widget, onChange);
    expect(h.deliver('tok')).toBe(false);
    expect(() => win.emit(chat('create-challenge', {}))).not.toThrow();
    expect(onChange).toHaveBeenCalledTimes(1);
    fc.assert(
      fc.property(fc.anything(), fc.jsonValue(), (data, contents) => {
        win.emit(data);
        win.emit(chat('create-challenge', contents));
        win.emit(chat('challenge-data', contents));
      }),
    );
  });

  it('parse never throws', () => assertParseNeverThrows(hcaptchaAgent));
});
