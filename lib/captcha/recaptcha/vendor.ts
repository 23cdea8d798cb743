/**
 * reCAPTCHA's descriptor (lib/captcha/descriptor.ts): watched by its frames and loader, under /recaptcha/.
 */
import { describeVendor, type VendorKinds, type VendorTests } from '../descriptor';
import { isRecaptchaFrame, RECAPTCHA_HOST_NAMES } from './urls';

/** Who it is (all content scripts read of it). */
export const recaptchaKinds = {
  kinds: [
    'recaptcha-v2',
    'recaptcha-v2-invisible',
    'recaptcha-v3',
    'recaptcha-v2-enterprise',
    'recaptcha-v3-enterprise',
  ],
  ownFrame: isRecaptchaFrame,
} as const satisfies VendorKinds;

/** The descriptor. */
export const recaptchaVendor = /* @__PURE__ */ describeVendor(recaptchaKinds, {
  name: 'recaptcha',
  hosts: RECAPTCHA_HOST_NAMES,
  path: '/recaptcha/',
  frames: 'watch',
  scripts: true,
});

const unit = { detect: 'recaptcha/detect.test.ts', fill: 'recaptcha/fill.test.ts' };
export const recaptchaTests: VendorTests = {
  unit: {
    'recaptcha-v2': unit,
    'recaptcha-v2-invisible': unit,
    'recaptcha-v3': unit,
    'recaptcha-v2-enterprise': unit,
    'recaptcha-v3-enterprise': unit,
  },
  e2e: {
    'recaptcha-v2': 'recaptcha/v2-checkbox.html',
    'recaptcha-v2-invisible': 'recaptcha/v2-invisible.html',
    'recaptcha-v3': 'recaptcha/v3.html',
    'recaptcha-v2-enterprise': 'recaptcha/enterprise-v2.html',
    'recaptcha-v3-enterprise': 'recaptcha/enterprise-v3.html',
  },
};
