/**
 * Test helper: what Turnstile's api.js renders into a container (e2e/fixtures/vendor/challenges.cloudflare.com/
 * turnstile/v0/api.js does the same in the browser): a host whose CLOSED shadow root holds the iframe, the
 * hidden response input and, in recaptcha-compat mode, a g-recaptcha-response input. Unit tests only.
 */
export interface TurnstileSpec {
  cfId: string;
  sitekey: string;
  compat?: boolean;
  /** Legacy embed: the iframe in the light DOM instead of a closed shadow root. */
  iframeInLightDom?: boolean;
  /** `response-field-name` option: a custom input name. */
  fieldName?: string;
}

/** The challenge frame URL, with the sitekey as a path segment like the real one. */
export const turnstileFrameUrl = (sitekey: string) =>
  `https://challenges.cloudflare.com/cdn-cgi/challenge-platform/h/b/turnstile/if/ov2/av0/rcv0/0/ab1cd/${sitekey}/light/fbE/new/normal/auto/`;

/** Render one widget into `container` (returns the iframe, unreachable from the DOM when closed). */
export function renderTurnstileDom(container: Element, w: TurnstileSpec): HTMLIFrameElement {
  const doc = container.ownerDocument;
  const wrap = doc.createElement('div');
  const host = doc.createElement('div');
  const iframe = doc.createElement('iframe');
  iframe.id = w.cfId;
  iframe.setAttribute('src', turnstileFrameUrl(w.sitekey));
  if (w.iframeInLightDom) host.appendChild(iframe);
  else host.attachShadow({ mode: 'closed' }).appendChild(iframe);
  wrap.appendChild(host);
  const input = doc.createElement('input');
  input.type = 'hidden';
  input.name = w.fieldName ?? 'cf-turnstile-response';
  input.id = `${w.cfId}_response`;
  wrap.appendChild(input);
  if (w.compat) {
    const g = doc.createElement('input');
    g.type = 'hidden';
    g.name = 'g-recaptcha-response';
    g.id = `${w.cfId}_g_response`;
    wrap.appendChild(g);
  }
  container.appendChild(wrap);
  return iframe;
}

/** A parsed document (its scripts and iframes are markup only). */
export const parseHtml = (html: string) =>
  new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
