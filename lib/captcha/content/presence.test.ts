// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { PRESENCE_SELECTOR, presenceSniffers } from './presence';

const html = [
  '<script src="https://www.google.com/recaptcha/api.js"></script>',
  '<script src="https://recaptcha.net/recaptcha/enterprise.js?render=k"></script>',
  '<iframe src="https://www.google.com/recaptcha/api2/anchor?k=x"></iframe>',
  '<script src="https://js.hcaptcha.com/1/api.js"></script>',
  '<div class="h-captcha" data-sitekey="x"></div>',
  '<script src="https://challenges.cloudflare.com/turnstile/v0/api.js"></script>',
  '<div class="cf-turnstile" data-sitekey="0x4AAA"></div>',
  '<input id="FunCaptcha-Token" name="fc-token" value="pk=1|surl=x">',
  '<script src="https://client-api.arkoselabs.com/v2/11111111-1111-1111-1111-111111111111/api.js"></script>',
  '<script src="https://static.geetest.com/static/js/gt.0.4.9.js"></script>',
  '<script src="https://abc.token.awswaf.com/abc/jsapi.js"></script>',
  // Not vendors: must not be sniffed.
  '<script src="/app.js"></script>',
  '<div class="g-recaptcha-lookalike"></div>',
  '<iframe src="https://example.com/embed"></iframe>',
];

describe('presence sniffers and their prefilter', () => {
  // The first 11 rows are vendors, the last 3 are not.
  it.each(html.map((markup, i) => [markup, i < 11] as const))('%s → sniffed: %s, and the selector never hides it', (markup, vendor) => {
    document.body.innerHTML = markup;
    const el = document.body.firstElementChild!;
    expect(presenceSniffers.some((s) => s.sniff(el))).toBe(vendor);
    if (vendor) expect(el.matches(PRESENCE_SELECTOR)).toBe(true);
  });

  it('finds every vendor of the list and nothing else', () => {
    document.body.innerHTML = html.join('');
    const vendors = new Set(
      [...document.body.querySelectorAll(PRESENCE_SELECTOR)].flatMap((el) => presenceSniffers.filter((s) => s.sniff(el)).map((s) => s.vendor)),
    );
    expect([...vendors].sort()).toEqual(['arkose', 'awswaf', 'geetest', 'hcaptcha', 'recaptcha', 'turnstile']);
  });
});
