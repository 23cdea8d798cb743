// Pages that must create no task, and what the extension must never leave on a page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launch } from './harness';

/** Time a real widget needs to reach createTask here (sniff → detect → report → engine). */
const QUIET_MS = 3000;

describe('no captcha, no task', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(() => h?.close());

  it.each([
    [
      'a g-recaptcha-response textarea, a grecaptcha object and a fake anchor, but no Google loader',
      'recaptcha/decoy-textarea.html',
    ],
    ['the word captcha everywhere', 'recaptcha/decoy-words.html'],
  ])('%s', async (_label, path) => {
    const before = h.createdTasks().length;
    const page = await h.open(path);
    await page.waitForTimeout(QUIET_MS);
    expect(h.createdTasks().length).toBe(before);
    await page.close();
  });

  it('leaves no globals, attributes or elements on the page, and vendor globals undefined', async () => {
    const page = await h.open('recaptcha/decoy-words.html');
    await page.waitForTimeout(500);
    const state = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        ownVendorGlobals: ['grecaptcha', 'hcaptcha', 'turnstile', '___grecaptcha_cfg'].filter((k) =>
          Object.hasOwn(window, k),
        ),
        values: [w.grecaptcha, w.hcaptcha, w.turnstile],
        anysolverKeys: Object.getOwnPropertyNames(window).filter((k) => /anysolver|__wxt/i.test(k)),
        attrs: [...document.querySelectorAll('*')]
          .flatMap((e) => [...e.attributes].map((a) => a.name))
          .filter((n) => /anysolver|wxt/i.test(n)),
        elements: document.querySelectorAll('body > :not(h1, p, div, a, script)').length,
      };
    });
    expect(state).toEqual({
      ownVendorGlobals: [],
      values: [undefined, undefined, undefined],
      anysolverKeys: [],
      attrs: [],
      elements: 0,
    });
    await page.close();
  });

  it('a page cannot trigger a paid solve by forging bridge reports', async () => {
    const before = h.createdTasks().length;
    const page = await h.open('recaptcha/decoy-words.html');
    await page.evaluate(() => {
      const facts = {
        widgetId: 'recaptcha:exec:1',
        kind: 'recaptcha-v3',
        websiteKey: '6LeForged',
        action: 'x',
        pendingExecute: true,
      };
      for (const name of ['anysolver:up', 'anysolver:down']) {
        document.dispatchEvent(new CustomEvent(name, { detail: JSON.stringify({ t: 'facts', facts }) }));
      }
    });
    await page.waitForTimeout(QUIET_MS);
    expect(h.createdTasks().length).toBe(before);
    await page.close();
  });
});
