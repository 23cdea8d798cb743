// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContentMessage } from '../../messaging';
import { BADGE_TAG } from '../badge/badge';
import { createMainBridge, type DownMessage } from '../bridge';
import { imageModule } from '../image/module';
import { recaptchaModule } from '../recaptcha/module';
import { widgetHtml } from '../recaptcha/test-dom';
import { EXEC_RELEASE_MS, startCaptchaController } from './controller';
import type { RuntimePort } from './runtime-port';

const CHANNEL = 'test-channel';
const tick = () => new Promise((r) => setTimeout(r, 0));

/** Teardown of the controller the current test started (see setup). */
let stop: () => void = () => undefined;

/** Start a controller over `document`; afterEach stops it and closes its main-world bridge end. */
function setup(modules = [recaptchaModule]) {
  const sent: ContentMessage[] = [];
  const down: DownMessage[] = [];
  const life = new AbortController();
  const main = createMainBridge(document, CHANNEL, (m) => down.push(m));
  let handler: (m: unknown) => unknown = () => undefined;
  const port: RuntimePort = {
    send: async (m) => void sent.push(m),
    listen: (h) => {
      handler = h;
      return () => undefined;
    },
    alive: () => true,
  };
  startCaptchaController({
    doc: document,
    href: () => 'https://site.test/p',
    modules,
    channel: CHANNEL,
    port,
    signal: life.signal,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as number),
  });
  stop = () => {
    life.abort();
    main.close();
  };
  return { sent, down, main, life, message: (m: unknown) => handler(m) };
}

describe('captcha controller', () => {
  afterEach(() => {
    stop();
    stop = () => undefined;
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it("a user's action on an invisible widget is reported with a gesture, the checkbox without", async () => {
    const c = setup();
    document.body.insertAdjacentHTML(
      'beforeend',
      widgetHtml({ id: 0, sitekey: 'K-check' }) +
        widgetHtml({ id: 1, sitekey: 'K-inv', size: 'invisible', bframe: false }),
    );
    await tick();
    expect(c.sent).toEqual([
      { type: 'widgets:found', widgets: [expect.objectContaining({ widgetId: 'recaptcha:0' })] },
    ]);
    c.main.send({
      t: 'facts',
      facts: { widgetId: 'recaptcha:act:1:1', websiteKey: 'K-inv', pendingExecute: true, gesture: true },
    });
    await tick();
    expect(c.sent[1]).toEqual({
      type: 'widgets:found',
      widgets: [expect.objectContaining({ widgetId: 'recaptcha:act:1:1', kind: 'recaptcha-v2-invisible' })],
      gesture: true,
    });
  });

  it('reports a widget once, fills it, hands the token to the main world, and reports it gone', async () => {
    const c = setup();
    document.body.insertAdjacentHTML('beforeend', widgetHtml({ id: 0, sitekey: 'K' }));
    await tick();
    expect(c.sent).toEqual([
      {
        type: 'widgets:found',
        widgets: [
          expect.objectContaining({
            widgetId: 'recaptcha:0',
            kind: 'recaptcha-v2',
            websiteKey: 'K',
            websiteURL: 'https://site.test/p',
          }),
        ],
      },
    ]);
    expect(c.down).toContainEqual({ t: 'hello' });

    expect(
      c.message({
        type: 'fill',
        widgetId: 'recaptcha:0',
        kind: 'recaptcha-v2',
        token: 'TOK',
        autoSubmit: false,
      }),
    ).toBe(true);
    expect(document.querySelector('textarea')!.value).toBe('TOK');
    expect(c.down).toContainEqual({ t: 'token', widgetId: 'recaptcha:0', token: 'TOK' });
    expect(
      c.message({
        type: 'fill',
        widgetId: 'recaptcha:9',
        kind: 'recaptcha-v2',
        token: 'X',
        autoSubmit: false,
      }),
    ).toBe(false);
    expect(
      c.message({ type: 'fill', widgetId: 'recaptcha:0', kind: 'bogus', token: 'X', autoSubmit: false }),
    ).toBe(false);

    c.sent.length = 0;
    document.body.innerHTML = '';
    await tick();
    expect(c.sent).toEqual([{ type: 'widgets:gone', widgetIds: ['recaptcha:0'] }]);
  });

  it('releases a pending v3 execute when the background does not start solving', async () => {
    vi.useFakeTimers();
    const c = setup();
    document.head.insertAdjacentHTML(
      'beforeend',
      '<script src="https://www.google.com/recaptcha/api.js?render=K"></script>',
    );
    c.main.send({
      t: 'facts',
      facts: {
        widgetId: 'recaptcha:exec:1',
        kind: 'recaptcha-v3',
        websiteKey: 'K',
        action: 'a',
        pendingExecute: true,
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(c.sent).toContainEqual({
      type: 'widgets:found',
      widgets: [expect.objectContaining({ widgetId: 'recaptcha:exec:1', action: 'a' })],
    });
    await vi.advanceTimersByTimeAsync(EXEC_RELEASE_MS);
    expect(c.down).toContainEqual({ t: 'release', widgetId: 'recaptcha:exec:1' });
    expect(c.sent.at(-1)).toEqual({ type: 'widgets:gone', widgetIds: ['recaptcha:exec:1'] });
  });

  it('keeps waiting while the background reports it is solving', async () => {
    vi.useFakeTimers();
    const c = setup();
    document.head.insertAdjacentHTML(
      'beforeend',
      '<script src="https://www.google.com/recaptcha/api.js?render=K"></script>',
    );
    c.main.send({
      t: 'facts',
      facts: { widgetId: 'recaptcha:exec:2', kind: 'recaptcha-v3', websiteKey: 'K', pendingExecute: true },
    });
    await vi.advanceTimersByTimeAsync(0);
    c.message({ type: 'status', widgetId: 'recaptcha:exec:2', state: 'solving', text: '', showBadge: false });
    await vi.advanceTimersByTimeAsync(EXEC_RELEASE_MS * 2);
    expect(c.down).not.toContainEqual({ t: 'release', widgetId: 'recaptcha:exec:2' });
    c.message({ type: 'status', widgetId: 'recaptcha:exec:2', state: 'failed', text: 'x', showBadge: false });
    expect(c.down).toContainEqual({ t: 'release', widgetId: 'recaptcha:exec:2' });
  });

  it('stops after the signal aborts', async () => {
    const c = setup();
    c.life.abort();
    document.body.insertAdjacentHTML('beforeend', widgetHtml({ id: 0, sitekey: 'K' }));
    await tick();
    expect(c.sent).toEqual([]);
    expect(
      c.message({
        type: 'fill',
        widgetId: 'recaptcha:0',
        kind: 'recaptcha-v2',
        token: 'T',
        autoSubmit: false,
      }),
    ).toBeUndefined();
  });

  it('shows a status badge after the widget when asked, and removes it with the widget', async () => {
    const c = setup();
    document.body.insertAdjacentHTML('beforeend', widgetHtml({ id: 0, sitekey: 'K' }));
    await tick();
    const status = (showBadge: boolean) =>
      c.message({ type: 'status', widgetId: 'recaptcha:0', state: 'solving', text: 'polling', showBadge });
    status(false);
    expect(document.querySelector(BADGE_TAG)).toBeNull();
    status(true);
    const host = document.querySelector(BADGE_TAG);
    expect(host?.previousElementSibling?.className).toBe('g-recaptcha');
    status(false); // switched off meanwhile
    expect(document.querySelector(BADGE_TAG)).toBeNull();
    status(true);
    c.sent.length = 0;
    document.querySelector('.g-recaptcha')!.remove();
    await tick();
    expect(c.sent).toEqual([{ type: 'widgets:gone', widgetIds: ['recaptcha:0'] }]);
    expect(document.querySelector(BADGE_TAG)).toBeNull();
  });

  it('a successful fill is the solved status: it shows the solved badge itself when asked', async () => {
    const shadows: ShadowRoot[] = [];
    const attach = HTMLElement.prototype.attachShadow;
    const spy = vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (
      this: HTMLElement,
      init,
    ) {
      const root = attach.call(this, init);
      shadows.push(root);
      return root;
    });
    const c = setup();
    document.body.insertAdjacentHTML('beforeend', widgetHtml({ id: 0, sitekey: 'K' }));
    document.body.insertAdjacentHTML('beforeend', widgetHtml({ id: 1, sitekey: 'K' }));
    await tick();
    const fill = (widgetId: string, showBadge: boolean) =>
      c.message({ type: 'fill', widgetId, kind: 'recaptcha-v2', token: 'T', autoSubmit: false, showBadge });
    c.message({ type: 'status', widgetId: 'recaptcha:0', state: 'solving', showBadge: true });
    expect(document.querySelectorAll(BADGE_TAG)).toHaveLength(1);
    expect(fill('recaptcha:0', true)).toBe(true);
    expect(document.querySelectorAll(BADGE_TAG)).toHaveLength(1);
    expect(shadows.at(-1)!.querySelector('span')!.textContent).toBe('AnySolver: Solved');
    // Badges off: a fill shows none (and removes one still showing).
    c.message({ type: 'status', widgetId: 'recaptcha:1', state: 'solving', showBadge: true });
    expect(document.querySelectorAll(BADGE_TAG)).toHaveLength(2);
    expect(fill('recaptcha:1', false)).toBe(true);
    expect(document.querySelectorAll(BADGE_TAG)).toHaveLength(1);
    // A fill that found no field is not solved: no solved badge.
    expect(fill('recaptcha:9', true)).toBe(false);
    expect(document.querySelectorAll(BADGE_TAG)).toHaveLength(1);
    spy.mockRestore();
  });

  it('image captchas: a capture reports the marked image; remembered pairs found after load', async () => {
    const c = setup([recaptchaModule, imageModule]);
    document.body.innerHTML =
      '<form><img id="cap" src="https://site.test/c.png"><input name="code"></form>' +
      '<form><img id="two" src="/t.png"><input name="answer"></form>';
    const [cap, two] = [...document.querySelectorAll('img')];
    // happy-dom never loads images: the first one is loaded (and, with no 2D canvas, unreadable).
    Object.defineProperties(cap, { complete: { value: true }, naturalWidth: { value: 120 } });
    await tick();
    expect(c.message({ type: 'image:capture', srcUrl: 'https://site.test/c.png' })).toMatchObject({
      ok: true,
      widgetId: 'image:input[name="code"]',
    });
    await tick();
    expect(c.sent).toContainEqual({
      type: 'widgets:found',
      widgets: [
        expect.objectContaining({
          widgetId: 'image:input[name="code"]',
          kind: 'image-text',
          extra: { src: 'https://site.test/c.png' },
        }),
      ],
    });

    c.sent.length = 0;
    expect(c.message({ type: 'image:pairs', pairs: [{ img: '#two', input: 'input[name="answer"]' }] })).toBe(
      true,
    );
    await tick();
    expect(c.sent).toEqual([]); // not loaded yet
    Object.defineProperties(two, { complete: { value: true }, naturalWidth: { value: 80 } });
    two!.dispatchEvent(new Event('load'));
    await tick();
    expect(c.sent).toEqual([
      {
        type: 'widgets:found',
        widgets: [expect.objectContaining({ widgetId: 'image:input[name="answer"]' })],
      },
    ]);
  });
});
