// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { badgeAnchor } from './anchor';

const parse = (html: string) =>
  new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');

const DOC = parse(`
<div id="rc" class="g-recaptcha" data-sitekey="K"><div><div><span></span></div>
<textarea id="g-recaptcha-response"></textarea></div></div>
<div id="rc2"><div><div><span></span></div><textarea id="g-recaptcha-response-1"></textarea></div></div>
<div class="grecaptcha-badge"><div><textarea id="g-recaptcha-response-2"></textarea></div></div>
<div id="hc" class="h-captcha" data-sitekey="H">
<iframe src="https://newassets.hcaptcha.com/captcha/v1/x/static/hcaptcha.html" data-hcaptcha-widget-id="abc">
</iframe></div>
<div id="hci" data-sitekey="H" data-size="invisible">
<iframe src="https://newassets.hcaptcha.com/captcha/v1/x/static/hcaptcha.html" data-hcaptcha-widget-id="inv">
</iframe></div>
<div id="ts" class="cf-turnstile" data-sitekey="T">
<div><input type="hidden" name="cf-turnstile-response" id="cf-chl-widget-x1_response"></div></div>
<form><img id="cap"><input name="code"></form>`);

describe('badgeAnchor', () => {
  it.each([
    ['recaptcha:0', 'rc'],
    ['recaptcha:1', 'rc2'],
  ])('%s → the site container #%s', (widgetId, id) => {
    expect(badgeAnchor([DOC], widgetId)?.id).toBe(id);
  });

  it('an image captcha → its answer field', () => {
    expect(badgeAnchor([DOC], 'image:input[name="code"]')).toBe(DOC.querySelector('input[name="code"]'));
  });

  it.each([
    ['a v3 execute', 'recaptcha:exec:1'],
    ['an invisible reCAPTCHA badge', 'recaptcha:2'],
    ['a user action on an invisible reCAPTCHA', 'recaptcha:act:2:1'],
    ['hCaptcha (completed in its own frame, which shows the result)', 'hcaptcha:abc'],
    ['Turnstile (likewise)', 'turnstile:x1'],
    ['a widget that is gone', 'recaptcha:7'],
    ['an unknown vendor', 'arkose:1'],
    ['a selector that does not parse', 'image:input['],
  ])('nothing for %s', (_name, widgetId) => {
    expect(badgeAnchor([DOC], widgetId)).toBeNull();
  });

  it('looks in open shadow roots too', () => {
    const doc = parse('<div id="host"></div>');
    const shadow = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML =
      '<div id="in" data-sitekey="K"><div><textarea id="g-recaptcha-response"></textarea></div></div>';
    expect(badgeAnchor([doc, shadow], 'recaptcha:0')?.id).toBe('in');
  });
});
