import { describe, expect, it } from 'vitest';
import type { DetectedWidget } from '../captcha/types';
import { buildTask, solutionToken } from './task-types';

const base = { websiteURL: 'https://site.test/login', pageTitle: 'Login' };
const RC = '6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI';

describe('buildTask', () => {
  it.each<[string, DetectedWidget, Record<string, unknown>]>([
    ['v2', { ...base, widgetId: 'a', kind: 'recaptcha-v2', websiteKey: RC }, { type: 'ReCaptchaV2TokenProxyLess', websiteKey: RC, pageTitle: 'Login' }],
    ['v2 invisible', { ...base, widgetId: 'a', kind: 'recaptcha-v2-invisible', websiteKey: RC }, { isInvisible: true }],
    ['v3', { ...base, widgetId: 'a', kind: 'recaptcha-v3', websiteKey: RC, action: 'login' }, { type: 'ReCaptchaV3TokenProxyLess', pageAction: 'login' }],
    [
      'v2 enterprise',
      { ...base, widgetId: 'a', kind: 'recaptcha-v2-enterprise', websiteKey: RC, enterprisePayload: { s: 'abc' } },
      { type: 'ReCaptchaV2EnterpriseTokenProxyLess', enterprisePayload: { s: 'abc' } },
    ],
    [
      'v3 enterprise',
      { ...base, widgetId: 'a', kind: 'recaptcha-v3-enterprise', websiteKey: RC, action: 'pay', apiDomain: 'www.recaptcha.net' },
      { type: 'ReCaptchaV3EnterpriseTokenProxyLess', pageAction: 'pay', apiDomain: 'www.recaptcha.net' },
    ],
    [
      'hcaptcha',
      { ...base, widgetId: 'a', kind: 'hcaptcha', websiteKey: '10000000-ffff-ffff-ffff-000000000001', rqdata: 'rq' },
      { type: 'PopularCaptchaTokenProxyLess', rqdata: 'rq' },
    ],
    [
      'turnstile',
      { ...base, widgetId: 'a', kind: 'turnstile', websiteKey: '0x4AAAAAAAB1cdEfGhIjKlMn', action: 'signup', cData: 'cd' },
      { type: 'TurnstileTokenProxyLess', pageAction: 'signup', data: 'cd' },
    ],
  ])('maps %s', (_name, widget, expected) => {
    const r = buildTask(widget);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.task).toMatchObject({ websiteURL: 'https://site.test/login', ...expected });
  });

  it.each<[string, DetectedWidget, string]>([
    ['a javascript: URL', { widgetId: 'a', kind: 'recaptcha-v2', websiteKey: RC, websiteURL: 'javascript:alert(1)' }, 'invalid websiteURL'],
    ['a garbage sitekey', { ...base, widgetId: 'a', kind: 'recaptcha-v2', websiteKey: '<script>' }, 'invalid sitekey'],
    ['a reCAPTCHA key on Turnstile', { ...base, widgetId: 'a', kind: 'turnstile', websiteKey: RC }, 'invalid sitekey'],
    ['an unconfirmed type', { ...base, widgetId: 'a', kind: 'funcaptcha', websiteKey: 'ABCDEF01-2345-6789-ABCD-EF0123456789' }, 'unsupported'],
    ['a tiny image', { widgetId: 'a', kind: 'image-text', websiteKey: '', imageBase64: 'data:image/png;base64,AAAA' }, 'invalid image'],
  ])('refuses %s', (_n, widget, reason) => {
    expect(buildTask(widget)).toEqual({ ok: false, reason });
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
