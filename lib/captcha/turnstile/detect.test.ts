// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { detectRecaptcha } from '../recaptcha/detect';
import type { DetectedWidget } from '../types';
import type { DetectEnv, HookFacts } from '../vendor';
import { detectTurnstile } from './detect';
import { parseHtml, renderTurnstileDom, type TurnstileSpec } from './test-dom';

const env = (facts: HookFacts[] = []): DetectEnv => ({
  href: 'https://site.test/page.html',
  title: 'Page',
  facts: new Map(facts.map((f) => [f.widgetId, f])),
});
const pick = (ws: DetectedWidget[]) =>
  ws.map(({ widgetId, kind, websiteKey, action, cData }) => ({
    widgetId,
    kind,
    websiteKey,
    ...(action ? { action } : {}),
    ...(cData ? { cData } : {}),
  }));
const LOADER = '<script src="https://challenges.cloudflare.com/turnstile/v0/api.js"></script>';
const KEY = '0x4AAAAAAAImplicitKey01';

/** A document with containers (markup) and the widgets Turnstile rendered into them (selector → spec). */
function page(html: string, widgets: Array<[string, TurnstileSpec]>): Document {
  const doc = parseHtml(LOADER + html);
  for (const [sel, spec] of widgets) renderTurnstileDom(doc.querySelector(sel)!, spec);
  return doc;
}

describe('detectTurnstile', () => {
  it.each<[string, () => Document, HookFacts[], ReturnType<typeof pick>]>([
    [
      'implicit: sitekey, action and cData from data-* (the iframe is in a closed shadow root)',
      () =>
        page(
          `<div class="cf-turnstile" data-sitekey="${KEY}" data-action="signup" data-cdata="cd-1"></div>`,
          [['.cf-turnstile', { cfId: 'cf-chl-widget-a1', sitekey: KEY }]],
        ),
      [],
      [
        {
          widgetId: 'turnstile:cf-chl-widget-a1',
          kind: 'turnstile',
          websiteKey: KEY,
          action: 'signup',
          cData: 'cd-1',
        },
      ],
    ],
    [
      'explicit: everything from the render hook, joined by widget id',
      () =>
        page('<div id="box"></div>', [
          ['#box', { cfId: 'cf-chl-widget-e2', sitekey: '0x4AAAAAAAExplicitKey02' }],
        ]),
      [
        {
          widgetId: 'turnstile:cf-chl-widget-e2',
          websiteKey: '0x4AAAAAAAExplicitKey02',
          action: 'login',
          cData: 's-42',
        },
      ],
      [
        {
          widgetId: 'turnstile:cf-chl-widget-e2',
          kind: 'turnstile',
          websiteKey: '0x4AAAAAAAExplicitKey02',
          action: 'login',
          cData: 's-42',
        },
      ],
    ],
    [
      'explicit: facts joined by container id when the hook knew another widget id',
      () => page('<div id="box"></div>', [['#box', { cfId: 'cf-chl-widget-e3', sitekey: KEY }]]),
      [{ widgetId: 'turnstile:other-id', websiteKey: '0x4AAAAAAAFromHook0003', containerId: 'box' }],
      [{ widgetId: 'turnstile:cf-chl-widget-e3', kind: 'turnstile', websiteKey: '0x4AAAAAAAFromHook0003' }],
    ],
    [
      'explicit before the hook reported: skipped (no sitekey yet)',
      () => page('<div id="box"></div>', [['#box', { cfId: 'cf-chl-widget-e4', sitekey: KEY }]]),
      [],
      [],
    ],
    [
      'legacy embed: sitekey from the reachable iframe URL',
      () =>
        page('<div id="box"></div>', [
          ['#box', { cfId: 'cf-chl-widget-l5', sitekey: KEY, iframeInLightDom: true }],
        ]),
      [],
      [{ widgetId: 'turnstile:cf-chl-widget-l5', kind: 'turnstile', websiteKey: KEY }],
    ],
    [
      'custom response-field-name: found by the input id',
      () =>
        page(`<div class="cf-turnstile" data-sitekey="${KEY}"></div>`, [
          ['.cf-turnstile', { cfId: 'cf-chl-widget-c6', sitekey: KEY, fieldName: 'captcha-token' }],
        ]),
      [],
      [{ widgetId: 'turnstile:cf-chl-widget-c6', kind: 'turnstile', websiteKey: KEY }],
    ],
    [
      'two widgets keep their own keys',
      () =>
        page(
          `<div class="cf-turnstile" id="t1" data-sitekey="${KEY}"></div><div class="cf-turnstile" id="t2" data-sitekey="1x00000000000000000000AA"></div>`,
          [
            ['#t1', { cfId: 'cf-chl-widget-t1', sitekey: KEY }],
            ['#t2', { cfId: 'cf-chl-widget-t2', sitekey: '1x00000000000000000000AA' }],
          ],
        ),
      [],
      [
        { widgetId: 'turnstile:cf-chl-widget-t1', kind: 'turnstile', websiteKey: KEY },
        { widgetId: 'turnstile:cf-chl-widget-t2', kind: 'turnstile', websiteKey: '1x00000000000000000000AA' },
      ],
    ],
    [
      'decoy: a container Turnstile has not rendered',
      () => page(`<div class="cf-turnstile" data-sitekey="${KEY}"></div>`, []),
      [],
      [],
    ],
    [
      'decoy: a field with the name but no widget id',
      () => parseHtml(`<form data-sitekey="${KEY}"><input name="cf-turnstile-response" id="mine"></form>`),
      [],
      [],
    ],
  ])('%s', (_name, doc, facts, expected) => {
    expect(pick(detectTurnstile(doc(), env(facts)))).toEqual(expected);
  });

  it('compat=recaptcha: .g-recaptcha rendered by Turnstile is Turnstile, and not reCAPTCHA', () => {
    const doc = page('<div class="g-recaptcha" data-sitekey="1x00000000000000000000AA"></div>', [
      ['.g-recaptcha', { cfId: 'cf-chl-widget-g7', sitekey: '1x00000000000000000000AA', compat: true }],
    ]);
    expect(pick(detectTurnstile(doc, env()))).toEqual([
      { widgetId: 'turnstile:cf-chl-widget-g7', kind: 'turnstile', websiteKey: '1x00000000000000000000AA' },
    ]);
    expect(detectRecaptcha(doc, env())).toEqual([]);
  });

  it('the closed shadow root really hides the iframe', () => {
    const doc = page('<div id="box"></div>', [['#box', { cfId: 'cf-chl-widget-x', sitekey: KEY }]]);
    expect(doc.querySelectorAll('iframe')).toHaveLength(0);
  });
});
