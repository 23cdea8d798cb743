import { describe, expect, it } from 'vitest';
import { FRAME_AGENT_MATCHES } from './frame-agent/matches';
import {
  createSightings,
  frameTarget,
  scriptTarget,
  type Target,
  VENDOR_FRAME_FILTERS,
  VENDOR_SCRIPT_PATTERNS,
  vendorOfUrl,
} from './vendor-sightings';

describe('vendorOfUrl', () => {
  it.each([
    ['https://www.google.com/recaptcha/api.js?render=explicit', 'recaptcha'],
    ['https://recaptcha.net/recaptcha/enterprise/anchor?k=x', 'recaptcha'],
    ['https://www.recaptcha.net/recaptcha/api2/bframe', 'recaptcha'],
    ['https://js.hcaptcha.com/1/api.js', 'hcaptcha'],
    ['https://newassets.hcaptcha.com/captcha/v1/x/static/hcaptcha.html#frame=checkbox', 'hcaptcha'],
    ['https://challenges.cloudflare.com/turnstile/v0/api.js', 'turnstile'],
    ['https://client-api.arkoselabs.com/v2/KEY/api.js', 'arkose'],
    ['https://x.funcaptcha.com/fc/gc/', 'arkose'],
    ['https://gcaptcha4.geetest.com/load?captcha_id=1', 'geetest'],
    ['https://ab12.edge.captcha.awswaf.com/ab12/jsapi.js', 'awswaf'],
  ])('%s → %s', (url, vendor) => {
    expect(vendorOfUrl(url)).toBe(vendor);
  });

  it.each([
    'https://www.google.com/search?q=recaptcha',
    'https://www.google.com/maps/recaptcha/',
    'https://hcaptcha.com.evil.test/api.js',
    'https://evilhcaptcha.com/1/api.js',
    'https://cloudflare.com/turnstile/v0/api.js',
    'https://site.test/recaptcha/api.js',
    'chrome-extension://abc/recaptcha/',
    'not a url',
  ])('%s is no vendor', (url) => {
    expect(vendorOfUrl(url)).toBeNull();
  });

  it('every browser filter and pattern names a host vendorOfUrl accepts', () => {
    for (const f of VENDOR_FRAME_FILTERS) {
      const host = 'hostEquals' in f ? f.hostEquals : `x${f.hostSuffix}`;
      const path = 'pathPrefix' in f ? `${f.pathPrefix}x` : '/x';
      expect(vendorOfUrl(`https://${host}${path}`), host).not.toBeNull();
    }
    for (const p of VENDOR_SCRIPT_PATTERNS) {
      const url = p.replace('*://', 'https://').replace('*.', 'x.').replace(/\*$/, 'x');
      expect(vendorOfUrl(url), p).not.toBeNull();
    }
  });

  // What the browser is asked to wake the worker for, derived from the descriptors (lib/captcha/vendors.ts).
  it("watches reCAPTCHA under /recaptcha/ on its four hosts, Arkose frames, four vendors' scripts", () => {
    const recaptcha = ['www.google.com', 'google.com', 'www.recaptcha.net', 'recaptcha.net'];
    expect(VENDOR_FRAME_FILTERS).toEqual([
      ...recaptcha.map((h) => ({ hostEquals: h, pathPrefix: '/recaptcha/' })),
      { hostSuffix: '.arkoselabs.com' },
      { hostSuffix: '.funcaptcha.com' },
    ]);
    expect(VENDOR_SCRIPT_PATTERNS).toEqual([
      ...recaptcha.map((h) => `*://${h}/recaptcha/*`),
      ...['arkoselabs.com', 'funcaptcha.com', 'geetest.com', 'awswaf.com'].map((d) => `*://*.${d}/*`),
    ]);
    expect(FRAME_AGENT_MATCHES).toEqual(['https://*.hcaptcha.com/*', 'https://challenges.cloudflare.com/*']);
  });
});

describe('targets', () => {
  const anchor = 'https://www.google.com/recaptcha/api2/anchor?k=K&size=normal';

  it('a vendor frame targets the frame that hosts it, with that document', () => {
    expect(
      frameTarget({ tabId: 3, frameId: 12, parentFrameId: 4, url: anchor, parentDocumentId: 'D' }),
    ).toEqual({
      tabId: 3,
      frameId: 4,
      documentId: 'D',
      vendor: 'recaptcha',
    });
  });

  it('ignores top-level visits to a vendor URL, tabless requests and other frames', () => {
    expect(frameTarget({ tabId: 3, frameId: 0, parentFrameId: -1, url: anchor })).toBeNull();
    expect(frameTarget({ tabId: -1, frameId: 5, parentFrameId: 0, url: anchor })).toBeNull();
    expect(frameTarget({ tabId: 3, frameId: 5, parentFrameId: 0, url: 'https://ads.test/frame' })).toBeNull();
  });

  it('a loader script targets the frame that asked for it', () => {
    expect(
      scriptTarget({
        tabId: 2,
        frameId: 0,
        url: 'https://js.hcaptcha.com/1/api.js',
        documentId: 'D',
        initiator: 'https://site.test',
      }),
    ).toEqual({ tabId: 2, frameId: 0, documentId: 'D', vendor: 'hcaptcha' });
  });

  it('a vendor frame loading its own code is not a page with a captcha', () => {
    expect(
      scriptTarget({
        tabId: 2,
        frameId: 7,
        url: 'https://newassets.hcaptcha.com/c/abc/hcaptcha.js',
        documentUrl: 'https://newassets.hcaptcha.com/captcha/v1/abc/static/hcaptcha.html',
      }),
    ).toBeNull();
    expect(
      scriptTarget({
        tabId: 2,
        frameId: 7,
        url: 'https://www.google.com/recaptcha/releases/x/recaptcha__en.js',
        initiator: 'https://www.google.com',
      }),
    ).toBeNull();
  });
});

describe('createSightings', () => {
  const anchor = (frameId: number, parentFrameId: number, parentDocumentId?: string) => ({
    tabId: 1,
    frameId,
    parentFrameId,
    parentDocumentId,
    url: 'https://www.google.com/recaptcha/api2/anchor?k=K',
  });
  const script = {
    tabId: 1,
    frameId: 0,
    url: 'https://www.google.com/recaptcha/api.js',
    initiator: 'https://site.test',
  };

  function setUp(fail = false) {
    const injected: Target[] = [];
    const s = createSightings({
      inject: async (t) => {
        injected.push(t);
        if (fail) throw new Error('No frame with id 4');
      },
    });
    return { s, injected };
  }

  it('injects once per document however many vendor frames and scripts appear', async () => {
    const { s, injected } = setUp();
    expect(await s.onScript(script)).toBe(true);
    expect(await s.onFrame(anchor(5, 0))).toBe(false);
    expect(await s.onFrame(anchor(6, 0))).toBe(false);
    expect(await s.onFrame(anchor(8, 2))).toBe(true);
    expect(injected.map((t) => t.frameId)).toEqual([0, 2]);
  });

  it('a new document in the frame (navigation, or a documentId) is injected again', async () => {
    const { s, injected } = setUp();
    await s.onFrame(anchor(5, 0));
    s.forget(1, 0);
    await s.onFrame(anchor(9, 0));
    await s.onFrame(anchor(10, 3, 'A'));
    await s.onFrame(anchor(11, 3, 'B'));
    expect(injected.map((t) => `${t.frameId}${t.documentId ?? ''}`)).toEqual(['0', '0', '3A', '3B']);
  });

  it('a commit reported after the new document’s first sighting keeps that sighting', async () => {
    const { s, injected } = setUp();
    await s.onFrame(anchor(5, 0, 'OLD'));
    await s.onFrame(anchor(6, 0, 'NEW'));
    s.forget(1, 0, 'NEW'); // the commit of NEW, reported late
    await s.onFrame(anchor(7, 0, 'NEW'));
    await s.onFrame(anchor(8, 0, 'OLD'));
    expect(injected.map((t) => t.documentId)).toEqual(['OLD', 'NEW', 'OLD']);
  });

  it('a closed tab is forgotten; other tabs are not', async () => {
    const { s, injected } = setUp();
    await s.onFrame(anchor(5, 2));
    await s.onFrame({ ...anchor(5, 2), tabId: 7 });
    s.forget(1, -1);
    await s.onFrame(anchor(5, 2));
    await s.onFrame({ ...anchor(5, 2), tabId: 7 });
    expect(injected.map((t) => t.tabId)).toEqual([1, 7, 1]);
  });

  it(
    'a failed injection (frame gone, unscriptable page) ' + 'is retried on the next sighting, never thrown',
    async () => {
      const { s, injected } = setUp(true);
      expect(await s.onFrame(anchor(5, 4))).toBe(false);
      expect(await s.onFrame(anchor(6, 4))).toBe(false);
      expect(injected).toHaveLength(2);
    },
  );

  it('remembers a bounded number of documents', async () => {
    const { s, injected } = setUp();
    for (let i = 0; i < 600; i++) await s.onFrame(anchor(1000 + i, 1, `D${i}`));
    await s.onFrame(anchor(5, 1, 'D0')); // forgotten: injected again (harmless: the detector starts once)
    await s.onFrame(anchor(6, 1, 'D599')); // remembered
    expect(injected).toHaveLength(601);
  });
});
