// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fillRecaptcha } from './fill';
import { widgetHtml } from './test-dom';

const req = (widgetId: string, token = 'TOKEN') => ({
  widgetId,
  kind: 'recaptcha-v2' as const,
  token,
  autoSubmit: false,
});
/**
 * A parsed document (happy-dom logs each iframe it does not load: expected noise). Its iframes are markup
 * only (nothing loads).
 */
const parse = (html: string) =>
  new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
const values = (doc: Document) => [...doc.querySelectorAll('textarea')].map((t) => `${t.id}=${t.value}`);

describe('fillRecaptcha', () => {
  it('writes the token into every response field of that widget and no other', () => {
    // Some sites render a second copy of the field (e.g. a server-side fallback): both get the token.
    const doc = parse(
      `${widgetHtml({ id: 0, sitekey: 'a' })}${widgetHtml({ id: 1, sitekey: 'b' })}` +
        `<textarea id="g-recaptcha-response-1" name="g-recaptcha-response"></textarea>`,
    );
    expect(fillRecaptcha(doc, req('recaptcha:1', 'T1'))).toBe(true);
    expect(values(doc)).toEqual([
      'g-recaptcha-response=',
      'g-recaptcha-response-1=T1',
      'g-recaptcha-response-1=T1',
    ]);
    expect(fillRecaptcha(doc, req('recaptcha:0', 'T0'))).toBe(true);
    expect(values(doc)[0]).toBe('g-recaptcha-response=T0');
  });

  it('fires input and change so frameworks see the value', () => {
    const doc = parse(widgetHtml({ id: 0, sitekey: 'a' }));
    const seen: string[] = [];
    doc.addEventListener('input', () => seen.push('input'));
    doc.addEventListener('change', () => seen.push('change'));
    fillRecaptcha(doc, req('recaptcha:0'));
    expect(seen).toEqual(['input', 'change']);
  });

  it('fills the score-only field for a v3 execute', () => {
    const doc = parse(
      widgetHtml({ id: 0, sitekey: 'a' }) + widgetHtml({ id: 100000, sitekey: 'v3', size: 'invisible' }),
    );
    expect(fillRecaptcha(doc, req('recaptcha:exec:1', 'V3'))).toBe(true);
    expect(values(doc)).toEqual(['g-recaptcha-response=', 'g-recaptcha-response-100000=V3']);
  });

  it('returns false for a widget that is gone or not reCAPTCHA', () => {
    const doc = parse(widgetHtml({ id: 0, sitekey: 'a' }));
    expect(fillRecaptcha(doc, req('recaptcha:7'))).toBe(false);
    expect(fillRecaptcha(doc, req('hcaptcha:0'))).toBe(false);
  });
});
