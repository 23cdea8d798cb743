// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { presenceSniffers } from './presence';
import { watchVendors } from './vendor-watch';

let abort = new AbortController();
afterEach(() => {
  abort.abort();
  abort = new AbortController();
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

const watch = () => {
  const seen: string[] = [];
  watchVendors({ doc: document, sniffers: presenceSniffers, signal: abort.signal, onVendor: (s) => seen.push(s.vendor) });
  return seen;
};

describe('watchVendors', () => {
  it('finds a vendor already in the document', () => {
    document.body.innerHTML = '<script src="https://js.hcaptcha.com/1/api.js"></script>';
    expect(watch()).toEqual(['hcaptcha']);
  });

  it('sees a loader when it loads (capture phase), once per vendor', () => {
    const seen = watch();
    for (let i = 0; i < 2; i++) {
      const s = document.createElement('script');
      s.setAttribute('src', 'https://www.google.com/recaptcha/api.js');
      document.head.append(s);
      s.dispatchEvent(new Event('load'));
    }
    expect(seen).toEqual(['recaptcha']);
  });

  it('sees a loader that failed to load too', () => {
    const seen = watch();
    const s = document.createElement('script');
    s.setAttribute('src', 'https://challenges.cloudflare.com/turnstile/v0/api.js');
    document.body.append(s);
    s.dispatchEvent(new Event('error'));
    expect(seen).toEqual(['turnstile']);
  });

  it('scans the parsed document at DOMContentLoaded', () => {
    const seen = watch();
    document.body.innerHTML = '<div class="cf-turnstile" data-sitekey="0x4AAAAAAA"></div>';
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect(seen).toEqual(['turnstile']);
  });

  it('ignores ordinary resources and stops when aborted', () => {
    const seen = watch();
    const img = document.createElement('img');
    document.body.append(img);
    img.dispatchEvent(new Event('load'));
    abort.abort();
    const s = document.createElement('script');
    s.setAttribute('src', 'https://js.hcaptcha.com/1/api.js');
    document.body.append(s);
    s.dispatchEvent(new Event('load'));
    expect(seen).toEqual([]);
  });
});
