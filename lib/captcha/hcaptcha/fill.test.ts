// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fillHcaptcha } from './fill';
import { hcaptchaHtml, parseHtml } from './test-dom';

const req = (widgetId: string, token = 'TOKEN') => ({
  widgetId,
  kind: 'hcaptcha' as const,
  token,
  autoSubmit: false,
});
const values = (doc: Document) => [...doc.querySelectorAll('textarea')].map((t) => `${t.id}=${t.value}`);
const KEY = '10000000-ffff-ffff-ffff-000000000001';

describe('fillHcaptcha', () => {
  it('writes both textareas and the frame attribute of that widget, and no other', () => {
    const doc = parseHtml(hcaptchaHtml({ id: 'a', sitekey: KEY }) + hcaptchaHtml({ id: 'b', sitekey: KEY }));
    expect(fillHcaptcha(doc, req('hcaptcha:b', 'TB'))).toBe(true);
    expect(values(doc)).toEqual([
      'g-recaptcha-response-a=',
      'h-captcha-response-a=',
      'g-recaptcha-response-b=TB',
      'h-captcha-response-b=TB',
    ]);
    const attrs = [...doc.querySelectorAll('iframe[data-hcaptcha-response]')].map((f) =>
      f.getAttribute('data-hcaptcha-response'),
    );
    expect(attrs).toEqual(['', 'TB']);
  });

  it('without recaptcha-compat there is only the h-captcha-response field', () => {
    const doc = parseHtml(hcaptchaHtml({ id: 'c', sitekey: KEY, compat: false }));
    expect(fillHcaptcha(doc, req('hcaptcha:c', 'T'))).toBe(true);
    expect(values(doc)).toEqual(['h-captcha-response-c=T']);
  });

  it('fires input and change so frameworks see the value', () => {
    const doc = parseHtml(hcaptchaHtml({ id: 'a', sitekey: KEY, compat: false }));
    const seen: string[] = [];
    doc.addEventListener('input', (e) => seen.push(`input:${(e.target as HTMLTextAreaElement).value}`));
    doc.addEventListener('change', () => seen.push('change'));
    fillHcaptcha(doc, req('hcaptcha:a', 'V'));
    expect(seen).toEqual(['input:V', 'change']);
  });

  it.each([
    ['a widget that is gone', 'hcaptcha:zzz'],
    ['another vendor', 'recaptcha:0'],
  ])('returns false for %s', (_name, widgetId) => {
    const doc = parseHtml(hcaptchaHtml({ id: 'a', sitekey: KEY }));
    expect(fillHcaptcha(doc, req(widgetId))).toBe(false);
    expect(values(doc).every((v) => v.endsWith('='))).toBe(true);
  });
});
