// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fillTurnstile } from './fill';
import { parseHtml, renderTurnstileDom } from './test-dom';

const req = (widgetId: string, token = 'TOKEN') => ({
  widgetId,
  kind: 'turnstile' as const,
  token,
  autoSubmit: false,
});
const values = (doc: Document) => [...doc.querySelectorAll('input')].map((i) => `${i.name}=${i.value}`);

function twoWidgets(compat: boolean) {
  const doc = parseHtml('<form><div id="a"></div><div id="b"></div></form>');
  renderTurnstileDom(doc.getElementById('a')!, {
    cfId: 'cf-chl-widget-a',
    sitekey: '1x00000000000000000000AA',
    compat,
  });
  renderTurnstileDom(doc.getElementById('b')!, {
    cfId: 'cf-chl-widget-b',
    sitekey: '1x00000000000000000000AA',
    compat,
  });
  return doc;
}

describe('fillTurnstile', () => {
  it('writes the response input of that widget only', () => {
    const doc = twoWidgets(false);
    expect(fillTurnstile(doc, req('turnstile:cf-chl-widget-b', 'TB'))).toBe(true);
    expect(values(doc)).toEqual(['cf-turnstile-response=', 'cf-turnstile-response=TB']);
  });

  it('compat=recaptcha: the g-recaptcha-response input beside it too', () => {
    const doc = twoWidgets(true);
    expect(fillTurnstile(doc, req('turnstile:cf-chl-widget-a', 'TA'))).toBe(true);
    expect(values(doc)).toEqual([
      'cf-turnstile-response=TA',
      'g-recaptcha-response=TA',
      'cf-turnstile-response=',
      'g-recaptcha-response=',
    ]);
  });

  it('fires input and change', () => {
    const doc = twoWidgets(false);
    const seen: string[] = [];
    doc.addEventListener('input', () => seen.push('input'));
    doc.addEventListener('change', () => seen.push('change'));
    fillTurnstile(doc, req('turnstile:cf-chl-widget-a'));
    expect(seen).toEqual(['input', 'change']);
  });

  it.each([
    ['a widget that is gone', 'turnstile:cf-chl-widget-zzz'],
    ['another vendor', 'hcaptcha:cf-chl-widget-a'],
  ])('returns false for %s', (_name, widgetId) => {
    const doc = twoWidgets(false);
    expect(fillTurnstile(doc, req(widgetId))).toBe(false);
    expect(values(doc)).toEqual(['cf-turnstile-response=', 'cf-turnstile-response=']);
  });
});
