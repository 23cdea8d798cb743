import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertParseNeverThrows, brokenFrame, fakeWindow } from '../frame-agent/test-window';
import type { FrameWidget } from '../frame-agent/types';
import { EXTRA_PARAMS_WAIT_MS, turnstileAgent } from './agent';

const KEY = '0x4AAAAAAABkMYinukE8nzY';
const frameUrl = (id = 'ab1cd', key = KEY, size = 'normal', rcv = '0/0') =>
  'https://challenges.cloudflare.com/cdn-cgi/challenge-platform/h/b/turnstile/if/ov2/av0/' +
  `rcv${rcv}/${id}/${key}/light/fbE/${size}/auto/`;
const widget: FrameWidget = { vendor: 'turnstile', widgetId: 'ab1cd', websiteKey: KEY };
const msg = (event: string, extra: Record<string, unknown> = {}) => ({
  source: 'cloudflare-challenge',
  widgetId: 'ab1cd',
  event,
  ...extra,
});

describe('turnstileAgent.parse', () => {
  it.each([
    ['the first frame', frameUrl(), widget],
    [
      'the test key',
      frameUrl('zz9zz', '1x00000000000000000000AA'),
      { ...widget, widgetId: 'zz9zz', websiteKey: '1x00000000000000000000AA' },
    ],
    ['size invisible', frameUrl('ab1cd', KEY, 'invisible'), { ...widget, invisible: true }],
    ['size compact', frameUrl('ab1cd', KEY, 'compact'), widget],
    ['a reloaded frame (other rcV)', frameUrl('ab1cd', KEY, 'flexible', '3/9f8e'), widget],
    ['with a query', `${frameUrl()}?offlabel=x`, widget],
    ['feedback disabled', frameUrl().replace('/fbE/', '/fbD/'), widget],
    ['the staging host', frameUrl().replace('challenges.', 'challenges-staging.'), widget],
  ])('%s', (_name, href, expected) => {
    expect(turnstileAgent.parse(href)).toEqual(expected);
  });

  it.each([
    ['a look-alike host', frameUrl().replace('cloudflare.com', 'cloudflare.com.evil.test')],
    ['http', frameUrl().replace('https:', 'http:')],
    [
      'the feedback frame',
      'https://challenges.cloudflare.com/cdn-cgi/challenge-platform/h/b/feedback-reports/ab1cd/en/light',
    ],
    ['api.js', 'https://challenges.cloudflare.com/turnstile/v0/api.js'],
    ['no feedback segment', frameUrl().replace('/fbE/', '/x/')],
    ['a bad sitekey', frameUrl('ab1cd', 'a%20b')],
    ['a missing widget id', 'https://challenges.cloudflare.com/turnstile/if/fbE/normal/auto/'],
    ['not a URL', 'not a url'],
  ])('null for %s', (_name, href) => {
    expect(turnstileAgent.parse(href)).toBeNull();
  });
});

describe('turnstileAgent.start', () => {
  const setup = () => {
    const win = fakeWindow(frameUrl());
    const changes: FrameWidget[] = [];
    const h = turnstileAgent.start(win, widget, (w) => changes.push(w));
    return { win, changes, h };
  };

  it(
    'learns action, cData and chlPageData from the ' +
      'extraParams the real frame asked for, and asks nothing',
    () => {
      const { win, changes } = setup();
      win.emit(
        msg('extraParams', { action: 'login', cData: 'abc=', chlPageData: 'pd', ch: 'x', retry: 'auto' }),
      );
      win.advance(EXTRA_PARAMS_WAIT_MS * 4);
      expect(changes).toEqual([{ ...widget, action: 'login', cData: 'abc=', chlPageData: 'pd' }]);
      expect(win.posted).toEqual([]);
    },
  );

  it('asks for extraParams once when none arrives in time', () => {
    const { win, changes } = setup();
    win.advance(EXTRA_PARAMS_WAIT_MS - 1);
    expect(win.posted).toEqual([]);
    win.advance(1);
    win.emit(msg('extraParams', { action: 'a' }));
    win.advance(EXTRA_PARAMS_WAIT_MS * 10);
    expect(win.posted).toEqual([[msg('requestExtraParams'), '*']]);
    expect(changes).toEqual([{ ...widget, action: 'a' }]);
  });

  it(
    'no answer even to its own request (api.js threw: a ' +
      'widget in an open shadow root): solved as rendered',
    () => {
      const { win, changes } = setup();
      win.advance(EXTRA_PARAMS_WAIT_MS);
      win.advance(EXTRA_PARAMS_WAIT_MS * 2 - 1);
      expect(changes).toEqual([]);
      win.advance(1);
      expect(changes).toEqual([{ ...widget, executed: true }]);
      expect(win.posted).toEqual([[msg('requestExtraParams'), '*']]);
    },
  );

  it(
    'knows the widget runs at once from extraParams ' + 'execution=render, and waits with execution=execute',
    () => {
      const { win, changes } = setup();
      win.emit(msg('extraParams', { execution: 'execute' }));
      expect(changes).toEqual([]);
      win.emit(msg('extraParams', { execution: 'render' }));
      expect(changes).toEqual([{ ...widget, executed: true }]);
    },
  );

  it('reports no change for extraParams without params', () => {
    const { win, changes } = setup();
    win.emit(msg('extraParams', { action: undefined, cData: undefined }));
    expect(changes).toEqual([]);
  });

  it('reports every execute request', () => {
    const { win, changes } = setup();
    win.emit(msg('execute'));
    win.emit(msg('execute'));
    expect(changes).toEqual([
      { ...widget, executed: true },
      { ...widget, executed: true },
    ]);
  });

  it.each([
    ['another window', msg('extraParams', { action: 'x' }), {}],
    ['null data', null, undefined],
    ['a string', JSON.stringify(msg('extraParams', { action: 'x' })), undefined],
    ['another tag', { ...msg('extraParams', { action: 'x' }), source: 'hcaptcha' }, undefined],
    ['another widget', { ...msg('extraParams', { action: 'x' }), widgetId: 'other' }, undefined],
    ['an unknown event', msg('complete', { token: 't' }), undefined],
  ])('ignores %s', (_name, data, source) => {
    const { win, changes } = setup();
    win.emit(data, source);
    expect(changes).toEqual([]);
  });

  it('drops params api.js itself would refuse, and oversized page data', () => {
    const { win, changes } = setup();
    win.emit(
      msg('extraParams', {
        action: 'a'.repeat(33),
        cData: 'has space',
        chlPageData: 'p'.repeat(8193),
      }),
    );
    win.emit(msg('extraParams', { action: { toString: () => 'x' }, cData: 5, chlPageData: ['x'] }));
    expect(changes).toEqual([]);
    win.emit(msg('extraParams', { action: 'a'.repeat(32), cData: 'c'.repeat(255) }));
    expect(changes).toEqual([{ ...widget, action: 'a'.repeat(32), cData: 'c'.repeat(255) }]);
  });

  it('delivers the vendor completion message', () => {
    const { win, h } = setup();
    expect(h.deliver('0.tok-en_1.X')).toBe(true);
    expect(win.posted).toEqual([[msg('complete', { token: '0.tok-en_1.X' }), '*']]);
  });

  it.each([
    ['empty', ''],
    ['with a space', 'a b'],
    ['with a newline', 'a\nb'],
    ['too long', 'x'.repeat(32_769)],
    ['not a string', 42 as unknown as string],
  ])('refuses a token %s', (_name, token) => {
    const { win, h } = setup();
    expect(h.deliver(token)).toBe(false);
    expect(win.posted).toEqual([]);
  });

  it('stop() stops listening, asking and delivering', () => {
    const { win, changes, h } = setup();
    h.stop();
    h.stop();
    expect(win.listeners()).toBe(0);
    win.advance(EXTRA_PARAMS_WAIT_MS);
    win.emit(msg('execute'));
    expect(h.deliver('tok')).toBe(false);
    expect(win.posted).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('never throws: a throwing parent, a throwing onChange, hostile data', () => {
    const { win, onChange } = brokenFrame(frameUrl());
    const h = turnstileAgent.start(win, widget, onChange);
    expect(() => win.advance(EXTRA_PARAMS_WAIT_MS)).not.toThrow();
    expect(h.deliver('tok')).toBe(false);
    const hostile = {
      get source() {
        throw new Error('getter');
      },
    };
    expect(() => win.emit(hostile)).not.toThrow();
    expect(() => win.emit(msg('execute'))).not.toThrow();
    expect(onChange).toHaveBeenCalledTimes(1);
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (data, extra) => {
        win.emit(data);
        win.emit({ ...msg('extraParams'), action: extra, cData: extra, chlPageData: extra });
      }),
    );
  });

  it('parse never throws', () => assertParseNeverThrows(turnstileAgent));
});
