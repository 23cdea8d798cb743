import { describe, expect, it } from 'vitest';
import type { ContentMessage } from '../../messaging';
import type { RuntimePort } from '../content/runtime-port';
import { hcaptchaAgent } from '../hcaptcha/agent';
import { turnstileAgent } from '../turnstile/agent';
import { REPORT_DELAY_MS, runFrameAgent } from './run';
import { fakeWindow } from './test-window';

const TS_FRAME =
  'https://challenges.cloudflare.com/cdn-cgi/challenge-platform/h/b/turnstile/if/ov2/av0/rcv0/0/ab1cd/' +
  '0x4AAAAAAAExplicitKey02/light/fbE/normal/auto/';
const HC_FRAME = (size = 'normal') =>
  `https://newassets.hcaptcha.com/captcha/v1/x/static/hcaptcha.html#frame=challenge` +
  `&id=0abc&host=site.test&sitekey=10000000-ffff-ffff-ffff-000000000001&size=${size}`;
const chat = (label: string, contents: object = {}) =>
  JSON.stringify({ source: 'hcaptcha', label, id: '0abc', contents });

function setup(href: string) {
  const win = Object.assign(fakeWindow(href), {
    pagehide: [] as Array<() => void>,
  });
  const addEventListener = win.addEventListener;
  (win as { addEventListener: unknown }).addEventListener = (t: string, f: (e: MessageEvent) => void) =>
    t === 'pagehide' ? win.pagehide.push(f as unknown as () => void) : addEventListener(t as 'message', f);
  const sent: ContentMessage[] = [];
  let handler: (m: unknown) => unknown = () => undefined;
  const port: RuntimePort = {
    send: async (m) => void sent.push(m),
    listen: (h) => {
      handler = h;
      return () => undefined;
    },
    alive: () => true,
  };
  const started = runFrameAgent({ win: win as never, agents: [turnstileAgent, hcaptchaAgent], port });
  return { win, sent, started, background: (m: unknown) => handler(m) };
}

describe('runFrameAgent', () => {
  it('is idle outside a widget frame', () => {
    const { started, sent } = setup(
      'https://challenges.cloudflare.com/cdn-cgi/challenge-platform/h/b/feedback-reports/x/',
    );
    expect(started).toBe(false);
    expect(sent).toEqual([]);
  });

  it(
    'Turnstile: reports once the page has asked for a token, ' +
      'with its params; the token goes back as "complete"',
    () => {
      const { win, sent, background } = setup(TS_FRAME);
      win.advance(REPORT_DELAY_MS * 4);
      expect(sent).toEqual([]); // no execute yet
      win.emit({
        source: 'cloudflare-challenge',
        widgetId: 'ab1cd',
        event: 'extraParams',
        action: 'login',
        cData: 's-42',
        execution: 'render',
      });
      win.advance(REPORT_DELAY_MS);
      expect(sent).toEqual([
        {
          type: 'widgets:found',
          widgets: [
            {
              widgetId: 'turnstile:ab1cd',
              kind: 'turnstile',
              websiteKey: '0x4AAAAAAAExplicitKey02',
              visible: true,
              action: 'login',
              cData: 's-42',
            },
          ],
        },
      ]);
      expect(background({ type: 'fill', widgetId: 'turnstile:other', token: 'T' })).toBeUndefined();
      expect(background({ type: 'fill', widgetId: 'turnstile:ab1cd', token: 'TOKEN.1' })).toBe(true);
      expect(win.posted.at(-1)).toEqual([
        { source: 'cloudflare-challenge', widgetId: 'ab1cd', event: 'complete', token: 'TOKEN.1' },
        '*',
      ]);
      // A new execute after the delivery asks for a fresh token.
      win.emit({ source: 'cloudflare-challenge', widgetId: 'ab1cd', event: 'execute' });
      expect(sent.at(-1)).toEqual({ type: 'widget:expired', widgetId: 'turnstile:ab1cd' });
    },
  );

  it('hCaptcha checkbox: reported at once; gone when the frame goes', () => {
    const { win, sent } = setup(HC_FRAME());
    win.advance(REPORT_DELAY_MS);
    expect(sent.map((m) => m.type)).toEqual(['widgets:found']);
    for (const f of win.pagehide) f();
    expect(sent.at(-1)).toEqual({ type: 'widgets:gone', widgetIds: ['hcaptcha:0abc'] });
  });

  it(
    'hCaptcha invisible: only after execute, with the rqdata ' +
      'that follows it (calls queued before ready run last-first)',
    () => {
      const { win, sent } = setup(HC_FRAME('invisible'));
      win.advance(1000);
      expect(sent).toEqual([]);
      win.emit(chat('create-challenge', {}));
      win.emit(chat('challenge-data', { rqdata: 'rq-data-blob_123' }));
      win.advance(REPORT_DELAY_MS);
      expect(sent).toEqual([
        {
          type: 'widgets:found',
          widgets: [
            {
              widgetId: 'hcaptcha:0abc',
              kind: 'hcaptcha',
              websiteKey: '10000000-ffff-ffff-ffff-000000000001',
              visible: false,
              rqdata: 'rq-data-blob_123',
            },
          ],
        },
      ]);
    },
  );
});
