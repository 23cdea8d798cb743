/**
 * Test helper: the DOM hCaptcha's loader produces for one widget (e2e/fixtures/vendor/js.hcaptcha.com/1/
 * api.js renders the same shapes in the browser). Used by the unit tests only.
 */
export interface HcaptchaSpec {
  id: string;
  sitekey: string;
  size?: 'normal' | 'compact' | 'invisible';
  /** recaptcha-compat mode (default on): adds the g-recaptcha-response textarea. */
  compat?: boolean;
  /** Container class: `h-captcha`, or `g-recaptcha` for reCAPTCHA markup hCaptcha renders. */
  containerClass?: string;
  /** data-* attributes of the container besides data-sitekey. */
  data?: Record<string, string>;
  host?: string;
  /** Put the parameters in the query instead of the hash (older embeds). */
  inQuery?: boolean;
}

const q = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** HTML for the container with its checkbox frame and textareas, plus the challenge frame. */
export function hcaptchaHtml(w: HcaptchaSpec): string {
  const size = w.size ?? 'normal';
  const host = w.host ?? 'newassets.hcaptcha.com';
  const url = (frame: string) => {
    const params = `frame=${frame}&id=${w.id}&host=site.test&sentry=true&hl=en&sitekey=${w.sitekey}&theme=light&size=${size}&origin=https%3A%2F%2Fsite.test`;
    const page = `https://${host}/captcha/v1/abc/static/hcaptcha.html`;
    return q(w.inQuery ? `${page}?${params}` : `${page}#${params}`);
  };
  const data = Object.entries({ sitekey: w.sitekey, ...w.data })
    .map(([k, v]) => ` data-${k}="${q(v)}"`)
    .join('');
  const g =
    w.compat === false
      ? ''
      : `<textarea id="g-recaptcha-response-${w.id}" name="g-recaptcha-response" style="display:none"></textarea>`;
  return (
    `<div class="${w.containerClass ?? 'h-captcha'}"${data}>` +
    `<iframe src="${url('checkbox')}" data-hcaptcha-widget-id="${w.id}" data-hcaptcha-response=""${size === 'invisible' ? ' style="display:none"' : ''}></iframe>` +
    `${g}<textarea id="h-captcha-response-${w.id}" name="h-captcha-response" style="display:none"></textarea></div>` +
    `<div style="visibility:hidden;position:absolute"><iframe src="${url('challenge')}" data-hcaptcha-widget-id="${w.id}"></iframe></div>`
  );
}

/** The loader script tag. */
export const hcaptchaLoader = (query = '') =>
  `<script src="https://js.hcaptcha.com/1/api.js${query}"></script>`;

/** A parsed document: its scripts and iframes are markup only (nothing loads). */
export const parseHtml = (html: string) =>
  new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
