/**
 * Test helper: the DOM Google's loader produces for one widget (see e2e/fixtures/vendor/www.google.com/
 * recaptcha/api.js, which renders the same shapes in the browser). Used by the unit tests only.
 */
export interface WidgetSpec {
  id: number;
  sitekey: string;
  size?: 'normal' | 'compact' | 'invisible';
  enterprise?: boolean;
  host?: string;
  /** Render the challenge frame (v2 widgets have one, score-only v3 has none). Default: not v3. */
  bframe?: boolean;
  /** data-* attributes of the container. */
  data?: Record<string, string>;
}

const q = (s: string) => s.replace(/"/g, '&quot;');

/** HTML for a container, its anchor iframe, response textarea and (optionally) bframe. */
export function widgetHtml(w: WidgetSpec): string {
  const size = w.size ?? 'normal';
  const host = w.host ?? 'www.google.com';
  const path = w.enterprise ? 'enterprise' : 'api2';
  const name = `x${w.id}r${w.sitekey.length}`;
  const url = (kind: string) =>
    `https://${host}/recaptcha/${path}/${kind}?ar=1&amp;k=${w.sitekey}` +
    `&amp;co=aHR0cHM6Ly9zaXRlLnRlc3Q6NDQz&amp;hl=en&amp;v=v1&amp;size=${size}&amp;cb=abc`;
  const ta =
    `<textarea id="g-recaptcha-response${w.id ? `-${w.id}` : ''}" name="g-recaptcha-response" ` +
    `class="g-recaptcha-response" style="display:none"></textarea>`;
  const anchor = `<iframe title="reCAPTCHA" name="a-${name}" src="${url('anchor')}"></iframe>`;
  const data = Object.entries(w.data ?? {})
    .map(([k, v]) => ` data-${k}="${q(v)}"`)
    .join('');
  const body =
    size === 'invisible'
      ? `<div class="grecaptcha-badge" data-style="bottomright"><div ` +
        `class="grecaptcha-logo">${anchor}</div><div class="grecaptcha-error"></div>${ta}</div>`
      : `<div style="width: 304px; height: 78px;"><div>${anchor}</div>${ta}</div>`;
  const bframe =
    (w.bframe ?? w.id < 100000)
      ? `<div style="visibility: hidden; position: absolute; top: -10000px;"><div>` +
        `<iframe name="c-${name}" src="${url('bframe')}"></iframe></div></div>`
      : '';
  return `<div class="g-recaptcha"${data}>${body}</div>${bframe}`;
}

/** A loader script tag. */
export const loaderHtml = (host = 'www.google.com', file = 'api.js', query = '') =>
  `<script src="https://${host}/recaptcha/${file}${query}"></script>`;
