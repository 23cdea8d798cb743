// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { detectRecaptcha } from '../recaptcha/detect';
import type { DetectedWidget } from '../types';
import type { DetectEnv, HookFacts } from '../vendor';
import { detectHcaptcha } from './detect';
import { hcaptchaHtml, hcaptchaLoader, parseHtml } from './test-dom';

const env = (facts: HookFacts[] = []): DetectEnv => ({
  href: 'https://site.test/page.html',
  title: 'Page',
  facts: new Map(facts.map((f) => [f.widgetId, f])),
});
const pick = (ws: DetectedWidget[]) =>
  ws.map(({ widgetId, kind, websiteKey, rqdata, visible }) => ({
    widgetId,
    kind,
    websiteKey,
    visible,
    ...(rqdata ? { rqdata } : {}),
  }));
const KEY = '10000000-ffff-ffff-ffff-000000000001';

describe('detectHcaptcha over loader-shaped DOMs', () => {
  it.each<[string, string, HookFacts[], ReturnType<typeof pick>]>([
    [
      'checkbox: sitekey and id from the frame hash',
      hcaptchaLoader() + hcaptchaHtml({ id: 'w1abc', sitekey: KEY }),
      [],
      [{ widgetId: 'hcaptcha:w1abc', kind: 'hcaptcha', websiteKey: KEY, visible: true }],
    ],
    [
      'invisible widget is reported, not visible',
      hcaptchaHtml({ id: 'inv', sitekey: KEY, size: 'invisible' }),
      [],
      [{ widgetId: 'hcaptcha:inv', kind: 'hcaptcha', websiteKey: KEY, visible: false }],
    ],
    [
      'parameters in the query (older embed) and another subdomain',
      hcaptchaHtml({ id: 'q', sitekey: KEY, inQuery: true, host: 'assets.hcaptcha.com' }),
      [],
      [{ widgetId: 'hcaptcha:q', kind: 'hcaptcha', websiteKey: KEY, visible: true }],
    ],
    [
      'rqdata from data-rqdata',
      hcaptchaHtml({ id: 'r', sitekey: KEY, data: { rqdata: 'RQ-attr' } }),
      [],
      [{ widgetId: 'hcaptcha:r', kind: 'hcaptcha', websiteKey: KEY, visible: true, rqdata: 'RQ-attr' }],
    ],
    [
      'rqdata from the render hook wins',
      hcaptchaHtml({ id: 'r', sitekey: KEY, data: { rqdata: 'RQ-attr' } }),
      [{ widgetId: 'hcaptcha:r', rqdata: 'RQ-hook' }],
      [{ widgetId: 'hcaptcha:r', kind: 'hcaptcha', websiteKey: KEY, visible: true, rqdata: 'RQ-hook' }],
    ],
    [
      'two widgets keep their own ids and keys',
      hcaptchaHtml({ id: 'a', sitekey: KEY }) +
        hcaptchaHtml({ id: 'b', sitekey: '20000000-ffff-ffff-ffff-000000000002' }),
      [],
      [
        { widgetId: 'hcaptcha:a', kind: 'hcaptcha', websiteKey: KEY, visible: true },
        {
          widgetId: 'hcaptcha:b',
          kind: 'hcaptcha',
          websiteKey: '20000000-ffff-ffff-ffff-000000000002',
          visible: true,
        },
      ],
    ],
    [
      'decoy: container not rendered yet (no frame, no field to fill)',
      `${hcaptchaLoader()}<div class="h-captcha" data-sitekey="${KEY}"></div>`,
      [],
      [],
    ],
    [
      'decoy: look-alike host',
      hcaptchaHtml({ id: 'x', sitekey: KEY, host: 'newassets.hcaptcha.com.evil.test' }),
      [],
      [],
    ],
    [
      'decoy: an hCaptcha page without widget parameters',
      '<iframe src="https://www.hcaptcha.com/what-is-hcaptcha"></iframe><textarea name="h-captcha-response"></textarea>',
      [],
      [],
    ],
  ])('%s', (_name, html, facts, expected) => {
    expect(pick(detectHcaptcha(parseHtml(html), env(facts)))).toEqual(expected);
  });

  it('the grecaptcha trap: .g-recaptcha markup rendered by hCaptcha is hCaptcha, and not reCAPTCHA', () => {
    const doc = parseHtml(
      hcaptchaLoader() + hcaptchaHtml({ id: 'g1', sitekey: KEY, containerClass: 'g-recaptcha' }),
    );
    expect(pick(detectHcaptcha(doc, env()))).toEqual([
      { widgetId: 'hcaptcha:g1', kind: 'hcaptcha', websiteKey: KEY, visible: true },
    ]);
    expect(detectRecaptcha(doc, env())).toEqual([]);
  });

  it('finds widgets inside an open shadow root', () => {
    const doc = parseHtml('<div id="host"></div>');
    const root = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = hcaptchaHtml({ id: 's', sitekey: KEY });
    expect(pick(detectHcaptcha(root, env()))).toEqual([
      { widgetId: 'hcaptcha:s', kind: 'hcaptcha', websiteKey: KEY, visible: true },
    ]);
  });
});
