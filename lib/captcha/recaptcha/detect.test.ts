// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { DetectedWidget } from '../types';
import type { DetectEnv, HookFacts } from '../vendor';
import { clientIdOf, detectRecaptcha } from './detect';
import { loaderHtml, widgetHtml } from './test-dom';

const env = (facts: HookFacts[] = []): DetectEnv => ({
  href: 'https://site.test/page.html',
  title: 'Page',
  facts: new Map(facts.map((f) => [f.widgetId, f])),
});
const pick = (ws: DetectedWidget[]) =>
  ws.map(({ widgetId, kind, websiteKey, action, enterprisePayload, apiDomain }) => ({
    widgetId,
    kind,
    websiteKey,
    ...(action ? { action } : {}),
    ...(enterprisePayload ? { enterprisePayload } : {}),
    ...(apiDomain ? { apiDomain } : {}),
  }));

/**
 * A parsed document (happy-dom logs each iframe it does not load: expected noise). Its scripts and iframes
 * are markup only (nothing loads, as in a DOMParser document).
 */
const parse = (html: string) =>
  new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');

describe('detectRecaptcha over loader-shaped DOMs', () => {
  it.each<[string, string, HookFacts[], ReturnType<typeof pick>]>([
    [
      'v2 checkbox',
      loaderHtml() + widgetHtml({ id: 0, sitekey: 'K-check' }),
      [],
      [{ widgetId: 'recaptcha:0', kind: 'recaptcha-v2', websiteKey: 'K-check' }],
    ],
    [
      // The real release renders only the anchor (no challenge frame offline): invisible waits for the user.
      'v2 invisible alone creates no task, challenge frame or not',
      loaderHtml() + widgetHtml({ id: 0, sitekey: 'K-inv', size: 'invisible', bframe: true }),
      [{ widgetId: 'recaptcha:0', s: 'S' }],
      [],
    ],
    [
      'v2 invisible: the user acted (bound click or execute(id))',
      loaderHtml() + widgetHtml({ id: 0, sitekey: 'K-inv', size: 'invisible', bframe: false }),
      [{ widgetId: 'recaptcha:act:0:1', websiteKey: 'K-inv', pendingExecute: true, gesture: true }],
      [{ widgetId: 'recaptcha:act:0:1', kind: 'recaptcha-v2-invisible', websiteKey: 'K-inv' }],
    ],
    [
      'v3 through data attributes: a bound button with an action in the config, clicked',
      loaderHtml() + widgetHtml({ id: 0, sitekey: 'K-v3b', size: 'invisible', bframe: false }),
      [{ widgetId: 'recaptcha:act:0:2', websiteKey: 'K-v3b', action: 'submit', pendingExecute: true }],
      [{ widgetId: 'recaptcha:act:0:2', kind: 'recaptcha-v3', websiteKey: 'K-v3b', action: 'submit' }],
    ],
    [
      'an action on a checkbox client is not a request',
      loaderHtml() + widgetHtml({ id: 0, sitekey: 'K-check' }),
      [{ widgetId: 'recaptcha:act:0:1', websiteKey: 'K-check', pendingExecute: true }],
      [{ widgetId: 'recaptcha:0', kind: 'recaptcha-v2', websiteKey: 'K-check' }],
    ],
    [
      // A real page renders Enterprise with ' 6Ld…': Google's anchor keeps it (k=%206Ld…).
      'a padded sitekey is trimmed',
      loaderHtml('www.google.com', 'enterprise.js') +
        widgetHtml({ id: 0, sitekey: '%206LdPadded', enterprise: true }),
      [],
      [{ widgetId: 'recaptcha:0', kind: 'recaptcha-v2-enterprise', websiteKey: '6LdPadded' }],
    ],
    [
      'two widgets keep their own ids and keys',
      loaderHtml() +
        widgetHtml({ id: 0, sitekey: 'K-a' }) +
        widgetHtml({ id: 1, sitekey: 'K-b', size: 'compact' }),
      [],
      [
        { widgetId: 'recaptcha:0', kind: 'recaptcha-v2', websiteKey: 'K-a' },
        { widgetId: 'recaptcha:1', kind: 'recaptcha-v2', websiteKey: 'K-b' },
      ],
    ],
    [
      'Enterprise v2 with data-s',
      loaderHtml('www.google.com', 'enterprise.js') +
        widgetHtml({ id: 0, sitekey: 'K-ent', enterprise: true, data: { sitekey: 'K-ent', s: 'S-PAYLOAD' } }),
      [],
      [
        {
          widgetId: 'recaptcha:0',
          kind: 'recaptcha-v2-enterprise',
          websiteKey: 'K-ent',
          enterprisePayload: { s: 'S-PAYLOAD' },
        },
      ],
    ],
    [
      'Enterprise v2 with s from the hook (explicit render)',
      widgetHtml({ id: 2, sitekey: 'K-ent2', enterprise: true }),
      [{ widgetId: 'recaptcha:2', s: 'S-FROM-CFG' }],
      [
        {
          widgetId: 'recaptcha:2',
          kind: 'recaptcha-v2-enterprise',
          websiteKey: 'K-ent2',
          enterprisePayload: { s: 'S-FROM-CFG' },
        },
      ],
    ],
    [
      'v3 render=<key> alone creates no task (no action yet)',
      loaderHtml('www.google.com', 'api.js', '?render=K-v3') +
        widgetHtml({ id: 100000, sitekey: 'K-v3', size: 'invisible' }),
      [],
      [],
    ],
    [
      'v3 execute reported by the hook',
      loaderHtml('www.google.com', 'api.js', '?render=K-v3') +
        widgetHtml({ id: 100000, sitekey: 'K-v3', size: 'invisible' }),
      [
        {
          widgetId: 'recaptcha:exec:1',
          kind: 'recaptcha-v3',
          websiteKey: 'K-v3',
          action: 'login',
          pendingExecute: true,
        },
      ],
      [{ widgetId: 'recaptcha:exec:1', kind: 'recaptcha-v3', websiteKey: 'K-v3', action: 'login' }],
    ],
    [
      'Enterprise v3 on recaptcha.net',
      loaderHtml('www.recaptcha.net', 'enterprise.js', '?render=K-e3'),
      [
        {
          widgetId: 'recaptcha:exec:4',
          kind: 'recaptcha-v3-enterprise',
          websiteKey: 'K-e3',
          action: 'buy',
          pendingExecute: true,
        },
      ],
      [
        {
          widgetId: 'recaptcha:exec:4',
          kind: 'recaptcha-v3-enterprise',
          websiteKey: 'K-e3',
          action: 'buy',
          apiDomain: 'recaptcha.net',
        },
      ],
    ],
    [
      'a settled execute is gone',
      loaderHtml(),
      [{ widgetId: 'recaptcha:exec:1', kind: 'recaptcha-v3', websiteKey: 'K', pendingExecute: false }],
      [],
    ],
    [
      'decoy: execute facts without a Google loader (a page forging reports)',
      '<textarea id="g-recaptcha-response" name="g-recaptcha-response"></textarea>',
      [{ widgetId: 'recaptcha:exec:1', kind: 'recaptcha-v3', websiteKey: 'K', pendingExecute: true }],
      [],
    ],
    [
      'decoy: response textarea and .g-recaptcha, no loader or anchor',
      '<div class="g-recaptcha" data-sitekey="K"></div><textarea ' +
        'id="g-recaptcha-response" name="g-recaptcha-response"></textarea>',
      [],
      [],
    ],
    [
      'decoy: hCaptcha rendering .g-recaptcha (recaptchacompat)',
      '<script src="https://js.hcaptcha.com/1/api.js"></script><div class="g-recaptcha" data-sitekey="K">' +
        '<iframe src="https://newassets.hcaptcha.com/captcha/v1/abc/static/hcaptcha.html#frame=checkbox' +
        '&id=0&sitekey=K"></iframe><textarea name="g-recaptcha-response" id="g-recaptcha-response-0hx">' +
        '</textarea><textarea name="h-captcha-response"></textarea></div>',
      [],
      [],
    ],
    [
      'decoy: an anchor-shaped URL on another host',
      widgetHtml({ id: 0, sitekey: 'K', host: 'evil.example' }),
      [],
      [],
    ],
    [
      'decoy: the word captcha everywhere',
      '<div class="captcha recaptcha" id="captcha">reCAPTCHA captcha</div>',
      [],
      [],
    ],
  ])('%s', (_label, html, facts, expected) => {
    expect(pick(detectRecaptcha(parse(html), env(facts)))).toEqual(expected);
  });

  it('reads data-action and joins hook facts by client id', () => {
    const doc = parse(widgetHtml({ id: 3, sitekey: 'K', data: { sitekey: 'K', action: 'signup' } }));
    const [w] = detectRecaptcha(doc, env([{ widgetId: 'recaptcha:3', s: 'S' }]));
    expect(w).toMatchObject({ widgetId: 'recaptcha:3', action: 'signup' });
  });

  it('finds widgets inside an open shadow root', () => {
    const doc = parse('');
    const host = doc.createElement('div');
    doc.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.append(...parse(widgetHtml({ id: 0, sitekey: 'K-shadow' })).body.childNodes);
    expect(detectRecaptcha(doc, env())).toEqual([]);
    expect(pick(detectRecaptcha(root, env()))).toEqual([
      { widgetId: 'recaptcha:0', kind: 'recaptcha-v2', websiteKey: 'K-shadow' },
    ]);
  });
});

describe('clientIdOf', () => {
  it.each([
    ['g-recaptcha-response', 0],
    ['g-recaptcha-response-1', 1],
    ['g-recaptcha-response-100000', 100000],
    ['h-captcha-response-0xa', null],
    ['g-recaptcha-response-x', null],
  ])('%s → %s', (id, expected) => {
    expect(clientIdOf(id)).toBe(expected);
  });
});
