// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import {
  createIsolatedBridge,
  createMainBridge,
  downEvent,
  encodeDown,
  parseDown,
  parseFacts,
  parseUp,
  upEvent,
} from './bridge';

/** A channel secret, as the background hands one to both worlds. */
const CHANNEL = 'c0ffee-secret';

describe('bridge message validation', () => {
  it.each([
    [{ t: 'facts', facts: { widgetId: 'recaptcha:0', websiteKey: 'k', hasCallback: true } }, true],
    [
      {
        t: 'facts',
        facts: { widgetId: 'recaptcha:0', kind: 'recaptcha-v3', action: 'login', pendingExecute: true },
      },
      true,
    ],
    [{ t: 'fallback', widgetId: 'recaptcha:exec:1' }, true],
    [{ t: 'facts', facts: { widgetId: '' } }, false],
    [{ t: 'facts', facts: { widgetId: 'x', kind: 'not-a-kind' } }, false],
    [{ t: 'facts', facts: { widgetId: 'x', websiteKey: 42 } }, false],
    [{ t: 'facts', facts: { widgetId: 'x', gesture: 'yes' } }, false],
    [{ t: 'facts', facts: { widgetId: 'x', s: 'a'.repeat(8001) } }, false],
    [{ t: 'facts', facts: { widgetId: 'x'.repeat(201) } }, false],
    [{ t: 'token', widgetId: 'x', token: 't' }, false], // a down message is not an up message
    [{ t: 'fill' }, false],
    [null, false],
    ['facts', false],
    [[{ t: 'fallback', widgetId: 'x' }], false],
  ])('parseUp(%j) accepted: %s', (msg, ok) => {
    expect(parseUp(msg) !== null).toBe(ok);
  });

  it.each([
    ['hello', true],
    ['token\nrecaptcha:0\nabc', true],
    ['release\nrecaptcha:exec:2', true],
    ['token\nrecaptcha:0\n', false],
    [`token\nrecaptcha:0\n${'a'.repeat(50_001)}`, false],
    ['token\n\nabc', false],
    ['token\nrecaptcha:0\nabc\nmore', false],
    ['release\nrecaptcha:0\nabc', false],
    ['hello\nx', false],
    ['solve\nrecaptcha:0', false],
    ['{"t":"hello"}', false],
  ])('parseDown(%j) accepted: %s', (msg, ok) => {
    expect(parseDown(msg) !== null).toBe(ok);
  });

  it.each([
    { t: 'hello' as const },
    { t: 'token' as const, widgetId: 'recaptcha:act:0:1', token: 'T.o-k_en' },
    { t: 'release' as const, widgetId: 'recaptcha:exec:3' },
  ])('encodeDown → parseDown round-trips %j', (m) => {
    expect(parseDown(encodeDown(m))).toEqual(m);
  });

  it('drops unknown fact keys instead of forwarding them', () => {
    expect(parseFacts({ widgetId: 'w', websiteKey: 'k', clientKey: 'secret', __proto__: { x: 1 } })).toEqual({
      widgetId: 'w',
      websiteKey: 'k',
    });
  });
});

describe('bridge channel', () => {
  it('carries facts up and tokens down, as JSON strings on document events', () => {
    const up = vi.fn();
    const down = vi.fn();
    const isolated = createIsolatedBridge(document, CHANNEL, up);
    const main = createMainBridge(document, CHANNEL, down);
    const details: unknown[] = [];
    const spy = (e: Event) => details.push((e as CustomEvent).detail);
    document.addEventListener(upEvent(CHANNEL), spy);

    main.send({ t: 'facts', facts: { widgetId: 'recaptcha:0', websiteKey: 'key' } });
    isolated.send({ t: 'token', widgetId: 'recaptcha:0', token: 'tok' });

    expect(up).toHaveBeenCalledWith({ t: 'facts', facts: { widgetId: 'recaptcha:0', websiteKey: 'key' } });
    expect(down).toHaveBeenCalledWith({ t: 'token', widgetId: 'recaptcha:0', token: 'tok' });
    expect(typeof details[0]).toBe('string');
    document.removeEventListener(upEvent(CHANNEL), spy);
    isolated.close();
    main.close();
  });

  it('ignores forged, malformed and oversized events without throwing', () => {
    const up = vi.fn();
    const isolated = createIsolatedBridge(document, CHANNEL, up);
    const fire = (detail: unknown) => document.dispatchEvent(new CustomEvent(upEvent(CHANNEL), { detail }));
    expect(() => {
      fire('{not json');
      fire({ t: 'fallback', widgetId: 'x' }); // objects are not accepted, only strings
      fire(JSON.stringify({ t: 'fallback', widgetId: 'x'.repeat(500) }));
      fire(JSON.stringify({ t: 'fallback', widgetId: 'x', pad: 'y'.repeat(70_000) }));
    }).not.toThrow();
    expect(up).not.toHaveBeenCalled();
    isolated.close();
  });

  it('keeps working when the page patches dispatchEvent and JSON after it started', () => {
    const down = vi.fn();
    const main = createMainBridge(document, CHANNEL, down);
    const isolated = createIsolatedBridge(document, CHANNEL, () => undefined);
    const realDispatch = EventTarget.prototype.dispatchEvent;
    const realParse = JSON.parse;
    const stolen: unknown[] = [];
    EventTarget.prototype.dispatchEvent = (e: Event) => {
      stolen.push(e);
      return false;
    };
    JSON.parse = () => ({ t: 'token', widgetId: 'evil', token: 'evil' });
    try {
      isolated.send({ t: 'token', widgetId: 'recaptcha:1', token: 'real' });
    } finally {
      EventTarget.prototype.dispatchEvent = realDispatch;
      JSON.parse = realParse;
    }
    expect(stolen).toEqual([]);
    expect(down).toHaveBeenCalledWith({ t: 'token', widgetId: 'recaptcha:1', token: 'real' });
    main.close();
    isolated.close();
  });

  it('stops listening after close()', () => {
    const down = vi.fn();
    const main = createMainBridge(document, CHANNEL, down);
    main.close();
    document.dispatchEvent(new CustomEvent(downEvent(CHANNEL), { detail: JSON.stringify({ t: 'hello' }) }));
    expect(down).not.toHaveBeenCalled();
  });
});
