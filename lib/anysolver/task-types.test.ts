import { describe, expect, it } from 'vitest';
import { TASK_REQUIREMENTS } from '../../sandbox/server.mjs';
import type { DetectedWidget } from '../captcha/types';
import { WIDGET_KINDS } from '../captcha/types';
import { buildTask, isSolvableKind, solutionToken, TASK_TYPES } from './task-types';

const base = { websiteURL: 'https://site.test/login', pageTitle: 'Login' };
const RC = '6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI';

describe('buildTask', () => {
  it.each<[string, DetectedWidget, Record<string, unknown>]>([
    [
      'v2',
      { ...base, widgetId: 'a', kind: 'recaptcha-v2', websiteKey: RC },
      { type: 'ReCaptchaV2TokenProxyLess', websiteKey: RC, pageTitle: 'Login' },
    ],
    [
      'v2 invisible',
      { ...base, widgetId: 'a', kind: 'recaptcha-v2-invisible', websiteKey: RC },
      { isInvisible: true },
    ],
    [
      'v3',
      { ...base, widgetId: 'a', kind: 'recaptcha-v3', websiteKey: RC, action: 'login' },
      { type: 'ReCaptchaV3TokenProxyLess', pageAction: 'login' },
    ],
    [
      'v2 enterprise',
      {
        ...base,
        widgetId: 'a',
        kind: 'recaptcha-v2-enterprise',
        websiteKey: RC,
        enterprisePayload: { s: 'abc' },
      },
      { type: 'ReCaptchaV2EnterpriseTokenProxyLess', enterprisePayload: { s: 'abc' } },
    ],
    [
      'v3 enterprise',
      {
        ...base,
        widgetId: 'a',
        kind: 'recaptcha-v3-enterprise',
        websiteKey: RC,
        action: 'pay',
        apiDomain: 'www.recaptcha.net',
      },
      { type: 'ReCaptchaV3EnterpriseTokenProxyLess', pageAction: 'pay', apiDomain: 'www.recaptcha.net' },
    ],
    [
      'hcaptcha',
      {
        ...base,
        widgetId: 'a',
        kind: 'hcaptcha',
        websiteKey: '10000000-ffff-ffff-ffff-000000000001',
        rqdata: 'rq',
      },
      { type: 'PopularCaptchaTokenProxyLess', rqdata: 'rq' },
    ],
    [
      'turnstile',
      {
        ...base,
        widgetId: 'a',
        kind: 'turnstile',
        websiteKey: '0x4AAAAAAAB1cdEfGhIjKlMn',
        action: 'signup',
        cData: 'cd',
      },
      { type: 'TurnstileTokenProxyLess', pageAction: 'signup', data: 'cd' },
    ],
  ])('maps %s', (_name, widget, expected) => {
    const r = buildTask(widget);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.task).toMatchObject({ websiteURL: 'https://site.test/login', ...expected });
  });

  it.each<[string, DetectedWidget, string]>([
    [
      'a javascript: URL',
      { widgetId: 'a', kind: 'recaptcha-v2', websiteKey: RC, websiteURL: 'javascript:alert(1)' },
      'invalid websiteURL',
    ],
    [
      'a garbage sitekey',
      { ...base, widgetId: 'a', kind: 'recaptcha-v2', websiteKey: '<script>' },
      'invalid sitekey',
    ],
    [
      'a reCAPTCHA key on Turnstile',
      { ...base, widgetId: 'a', kind: 'turnstile', websiteKey: RC },
      'invalid sitekey',
    ],
    [
      'an unconfirmed type',
      { ...base, widgetId: 'a', kind: 'funcaptcha', websiteKey: 'ABCDEF01-2345-6789-ABCD-EF0123456789' },
      'unsupported',
    ],
    [
      'a tiny image',
      { widgetId: 'a', kind: 'image-text', websiteKey: '', imageBase64: 'data:image/png;base64,AAAA' },
      'invalid image',
    ],
  ])('refuses %s', (_n, widget, reason) => {
    expect(buildTask(widget)).toEqual({ ok: false, reason });
  });

  it.each<[string, Partial<DetectedWidget>, Record<string, unknown>]>([
    [
      'an over-long action',
      { kind: 'recaptcha-v3', action: 'a'.repeat(101) },
      { type: 'ReCaptchaV3TokenProxyLess' },
    ],
    [
      'an action with markup',
      { kind: 'turnstile', websiteKey: '0x4AAAAAAAB1cdEfGhIjKlMn', action: '<b>' },
      { type: 'TurnstileTokenProxyLess' },
    ],
    [
      'an apiDomain that is not recaptcha.net',
      { kind: 'recaptcha-v3-enterprise', apiDomain: 'evil.test' },
      { minScore: 0.7 },
    ],
    [
      'rqdata with spaces',
      { kind: 'hcaptcha', websiteKey: '10000000-ffff-ffff-ffff-000000000001', rqdata: 'a b' },
      {},
    ],
  ])('drops %s instead of sending it', (_n, partial, expected) => {
    const r = buildTask({ ...base, widgetId: 'a', kind: 'recaptcha-v2', websiteKey: RC, ...partial });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.task).toMatchObject(expected);
    for (const field of ['pageAction', 'apiDomain', 'rqdata']) expect(r.task).not.toHaveProperty(field);
  });

  it('keeps the query but not the fragment of the page URL', () => {
    const r = buildTask({
      widgetId: 'a',
      kind: 'recaptcha-v2',
      websiteKey: RC,
      websiteURL: 'https://site.test/p?x=1#secret',
    });
    expect(r.ok && r.task.websiteURL).toBe('https://site.test/p?x=1');
  });

  it('accepts the Turnstile test keys', () => {
    for (const key of ['1x00000000000000000000AA', '2x00000000000000000000AB', '3x00000000000000000000FF']) {
      expect(buildTask({ ...base, widgetId: 't', kind: 'turnstile', websiteKey: key }).ok).toBe(true);
    }
  });

  it('covers every widget kind, and the sandbox accepts every enabled type with its fields', () => {
    for (const kind of WIDGET_KINDS) {
      const row = TASK_TYPES[kind];
      expect(row, kind).toBeDefined();
      expect(isSolvableKind(kind)).toBe(row.enabled);
      if (row.enabled) expect(Object.keys(TASK_REQUIREMENTS), kind).toContain(row.type);
    }
    expect(WIDGET_KINDS.filter((k) => !isSolvableKind(k)).sort()).toEqual([
      'aws-waf',
      'funcaptcha',
      'geetest-v3',
      'geetest-v4',
    ]);
  });

  it('accepts an image of at least 100 bytes', () => {
    const img = `data:image/png;base64,${Buffer.alloc(120, 7).toString('base64')}`;
    expect(buildTask({ widgetId: 'i', kind: 'image-text', websiteKey: '', imageBase64: img })).toEqual({
      ok: true,
      task: { type: 'TextRecognition', imageBase64: img },
    });
  });
});

describe('solutionToken', () => {
  it.each([
    ['recaptcha-v2', { token: 't1' }, 't1'],
    ['recaptcha-v2', { gRecaptchaResponse: 'g1' }, 'g1'],
    ['image-text', { text: 'abc' }, 'abc'],
    ['turnstile', {}, null],
    ['turnstile', null, null],
  ] as const)('%s %j → %s', (kind, solution, token) => {
    expect(solutionToken(kind, solution as Record<string, unknown> | null)).toBe(token);
  });
});
