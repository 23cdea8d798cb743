// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { DetectedWidget } from '../types';
import type { DetectEnv } from '../vendor';
import { arkoseModule, detectArkose, fillArkose, parseFcToken } from './arkose';
import { awsWafModule, detectAwsWaf, parseGokuProps } from './aws-waf';
import { detectGeetest, fillGeetest, geetestModule } from './geetest';
import { othersModules } from './index';

const env: DetectEnv = { href: 'https://site.test/login', title: 'Login', facts: new Map() };
const parse = (html: string) =>
  new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
const pick = (ws: DetectedWidget[]) =>
  ws.map(({ widgetId, kind, websiteKey, extra }) => ({ widgetId, kind, websiteKey, extra }));
const PK = '476068BF-9607-4799-B53D-966BE98E2B81';
const GT = '022397c99c9f646f6477822485f30404';
const CAPTCHA_ID = '54088bb07d2df3c46b79f80300b0abbe';

describe('detectArkose', () => {
  it.each<[string, string, ReturnType<typeof pick>]>([
    [
      'fc-token input: pk and surl (decoded, origin only)',
      `<input type="hidden" id="FunCaptcha-Token" name="fc-token" ` +
        `value="8561.3|r=eu-west-1|meta=3|pk=${PK}|at=40|` +
        'surl=https%3A%2F%2Fclient-api.arkoselabs.com%2Fpath|smurl=x">',
      [
        {
          widgetId: `arkose:${PK}`,
          kind: 'funcaptcha',
          websiteKey: PK,
          extra: { surl: 'https://client-api.arkoselabs.com' },
        },
      ],
    ],
    [
      'loader script: pk in the path, surl = its origin',
      `<script src="https://acme-api.arkoselabs.com/v2/${PK}/api.js" data-callback="setup"></script>`,
      [
        {
          widgetId: `arkose:${PK}`,
          kind: 'funcaptcha',
          websiteKey: PK,
          extra: { surl: 'https://acme-api.arkoselabs.com' },
        },
      ],
    ],
    [
      'legacy data-pkey container',
      `<div id="FunCaptcha" data-pkey="${PK}"></div>`,
      [{ widgetId: `arkose:${PK}`, kind: 'funcaptcha', websiteKey: PK, extra: undefined }],
    ],
    [
      'script and field for the same key: one widget',
      `<script src="https://client-api.arkoselabs.com/v2/${PK}/api.js">` +
        `</script><input name="fc-token" value="t|pk=${PK}">`,
      [
        {
          widgetId: `arkose:${PK}`,
          kind: 'funcaptcha',
          websiteKey: PK,
          extra: { surl: 'https://client-api.arkoselabs.com' },
        },
      ],
    ],
    ['decoy: empty fc-token field', '<input id="FunCaptcha-Token" name="fc-token" value="">', []],
    [
      'decoy: look-alike host',
      `<script src="https://arkoselabs.com.evil.test/v2/${PK}/api.js"></script>`,
      [],
    ],
    ['decoy: pk that is not a key', '<input name="fc-token" value="pk=<script>">', []],
  ])('%s', (_name, html, expected) => {
    expect(pick(detectArkose(parse(html), env))).toEqual(expected);
  });

  it('parseFcToken keeps undecodable values as they are', () => {
    expect(parseFcToken('tok|pk=A|surl=%E0%A4%A|x')).toEqual({ pk: 'A', surl: '%E0%A4%A' });
  });

  it('fill writes every Arkose token field', () => {
    const doc = parse(
      '<input id="FunCaptcha-Token" name="fc-token"><input name="verification-token"><input name="other">',
    );
    expect(
      fillArkose(doc, { widgetId: `arkose:${PK}`, kind: 'funcaptcha', token: 'T', autoSubmit: false }),
    ).toBe(true);
    expect([...doc.querySelectorAll('input')].map((i) => i.value)).toEqual(['T', 'T', '']);
  });
});

describe('detectGeetest', () => {
  it.each<[string, string, ReturnType<typeof pick>]>([
    [
      'v3: gt, challenge and api_server from the get.php script gt.js added',
      `<script src="https://static.geetest.com/static/tools/gt.js">` +
        `</script><script src="https://api.geetest.com/get.php?gt=${GT}` +
        `&challenge=12ae1159ffdfcbbc306897e8d9bf6d06&lang=en&callback=geetest_1"></script>`,
      [
        {
          widgetId: `geetest:${GT}`,
          kind: 'geetest-v3',
          websiteKey: GT,
          extra: { gt: GT, api_server: 'api.geetest.com', challenge: '12ae1159ffdfcbbc306897e8d9bf6d06' },
        },
      ],
    ],
    [
      'v3 before get.php: gettype.php gives gt only',
      `<script src="https://apiv6.geetest.com/gettype.php?gt=${GT}&callback=geetest_1"></script>`,
      [
        {
          widgetId: `geetest:${GT}`,
          kind: 'geetest-v3',
          websiteKey: GT,
          extra: { gt: GT, api_server: 'apiv6.geetest.com' },
        },
      ],
    ],
    [
      'v4: captcha_id from gcaptcha4 load',
      `<script src="https://static.geetest.com/v4/gt4.js"></script><script ` +
        `src="https://gcaptcha4.geetest.com/load?captcha_id=${CAPTCHA_ID}` +
        `&challenge=abc&client_type=web"></script>`,
      [{ widgetId: `geetest4:${CAPTCHA_ID}`, kind: 'geetest-v4', websiteKey: CAPTCHA_ID, extra: undefined }],
    ],
    [
      'decoy: loader alone (no key yet)',
      '<script src="https://static.geetest.com/static/tools/gt.js"></script>',
      [],
    ],
    ['decoy: look-alike host', `<script src="https://geetest.com.evil.test/get.php?gt=${GT}"></script>`, []],
  ])('%s', (_name, html, expected) => {
    expect(pick(detectGeetest(parse(html), env))).toEqual(expected);
  });

  it('v3 fill writes the geetest_* inputs from the JSON solution; junk is refused', () => {
    const doc = parse(
      '<input name="geetest_challenge"><input name="geetest_validate"><input name="geetest_seccode">',
    );
    const req = (token: string) => ({
      widgetId: `geetest:${GT}`,
      kind: 'geetest-v3' as const,
      token,
      autoSubmit: false,
    });
    expect(fillGeetest(doc, req('not json'))).toBe(false);
    expect(
      fillGeetest(doc, req(JSON.stringify({ challenge: 'c', validate: 'v', seccode: 'v|jordan' }))),
    ).toBe(true);
    expect([...doc.querySelectorAll('input')].map((i) => i.value)).toEqual(['c', 'v', 'v|jordan']);
  });
});

describe('detectAwsWaf', () => {
  const JSAPI = 'https://ab12cd34ef56.edge.captcha.awswaf.com/ab12cd34ef56/jsapi.js';
  it.each<[string, string, ReturnType<typeof pick>]>([
    [
      'interstitial: jsapi.js and gokuProps',
      `<script src="${JSAPI}" defer></script><script>window.gokuProps = ` +
        `{"key":"AQIDAHjcYu","iv":"CgAHbCe2","context":"ctx=="};</script>`,
      [
        {
          widgetId: 'awswaf:ab12cd34ef56.edge.captcha.awswaf.com',
          kind: 'aws-waf',
          websiteKey: 'AQIDAHjcYu',
          extra: { key: 'AQIDAHjcYu', iv: 'CgAHbCe2', context: 'ctx==', captchaScript: JSAPI },
        },
      ],
    ],
    [
      'embedded captcha API without gokuProps',
      `<script src="${JSAPI}"></script>`,
      [
        {
          widgetId: 'awswaf:ab12cd34ef56.edge.captcha.awswaf.com',
          kind: 'aws-waf',
          websiteKey: '',
          extra: { captchaScript: JSAPI },
        },
      ],
    ],
    ['decoy: gokuProps alone', '<script>window.gokuProps = {"key":"k"}</script>', []],
    ['decoy: look-alike host', '<script src="https://captcha.awswaf.com.evil.test/x/jsapi.js"></script>', []],
  ])('%s', (_name, html, expected) => {
    expect(pick(detectAwsWaf(parse(html), env))).toEqual(expected);
  });

  it.each([
    ['window.gokuProps = {"key":"K","iv":"I","context":"C"};', { key: 'K', iv: 'I', context: 'C' }],
    ['gokuProps={"iv":"I"}', null],
    ['gokuProps = {broken', null],
  ])('parseGokuProps(%s)', (text, expected) => {
    expect(parseGokuProps(text)).toEqual(expected);
  });
});

describe('othersModules', () => {
  it.each([
    ['arkose', `<script src="https://client-api.arkoselabs.com/v2/${PK}/api.js"></script>`],
    ['arkose', '<input id="FunCaptcha-Token" name="fc-token">'],
    ['geetest', '<script src="https://static.geetest.com/static/tools/gt.js"></script>'],
    ['awswaf', '<script src="https://x.token.awswaf.com/x/challenge.js"></script>'],
  ])('%s sniffs %s', (vendor, html) => {
    const el = parse(html).body.firstElementChild!;
    const byName = { arkose: arkoseModule, geetest: geetestModule, awswaf: awsWafModule };
    expect(othersModules.filter((m) => m.sniff(el))).toEqual([byName[vendor as keyof typeof byName]]);
  });

  it('nothing sniffs ordinary markup', () => {
    const doc = parse(
      '<script src="https://cdn.site.test/app.js"></script><input name="q"><div class="captcha"></div>',
    );
    const hits = [...doc.body.querySelectorAll('*')].filter((el) => othersModules.some((m) => m.sniff(el)));
    expect(hits).toEqual([]);
  });
});
