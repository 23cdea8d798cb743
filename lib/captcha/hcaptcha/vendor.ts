/** hCaptcha's descriptor (lib/captcha/descriptor.ts): completed from inside its frames (frame agent). */
import { ifMatches, OPAQUE, optional, RECAPTCHA_KEY } from '../../anysolver/task-fields';
import { describeVendor, type VendorKinds, type VendorTests } from '../descriptor';
import { isHcaptchaHost } from './urls';

/** The folder's place in the vendor lists (scripts/vendors.mjs): the UI lists kinds in this order. */
export const RANK = 2;

const HCAPTCHA_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who it is (all content scripts read of it). */
export const hcaptchaKinds = {
  kinds: ['hcaptcha'],
  ownHost: isHcaptchaHost,
} as const satisfies VendorKinds;

/** The descriptor. */
export const hcaptchaVendor = /* @__PURE__ */ describeVendor(hcaptchaKinds, {
  name: 'hcaptcha',
  domains: ['hcaptcha.com'],
  frames: 'agent',
  tasks: {
    hcaptcha: {
      type: 'PopularCaptchaTokenProxyLess',
      confidence: '3p',
      enabled: true,
      // hCaptcha's UUID sitekeys; some sites serve it with reCAPTCHA-form keys.
      validKey: (key) => HCAPTCHA_KEY.test(key) || RECAPTCHA_KEY.test(key),
      fields: (w) => optional({ rqdata: ifMatches(OPAQUE, w.rqdata) }),
    },
  },
});

export const hcaptchaTests: VendorTests = {
  unit: { hcaptcha: { detect: 'hcaptcha/agent.test.ts', fill: 'frame-agent/run.test.ts' } },
  e2e: { hcaptcha: 'hcaptcha/checkbox.html' },
};
