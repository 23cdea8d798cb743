/**
 * reCAPTCHA's descriptor (lib/captcha/descriptor.ts): watched by its frames and loader, under /recaptcha/.
 */

import { ACTION, ifMatches, OPAQUE, optional } from '../../anysolver/task-fields';
import { describeVendor, type VendorKinds, type VendorTests } from '../descriptor';
import type { DetectedWidget } from '../types';
import { isRecaptchaFrame, RECAPTCHA_HOST_NAMES } from './urls';

/** The folder's place in the vendor lists (scripts/vendors.mjs): the UI lists kinds in this order. */
export const RANK = 1;

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

const RECAPTCHA_NET = /^(www\.)?recaptcha\.net$/;
const enterprise = (w: DetectedWidget) => {
  const s = ifMatches(OPAQUE, w.enterprisePayload?.s);
  return s ? { s } : undefined;
};

/** The descriptor. */
export const recaptchaVendor = /* @__PURE__ */ describeVendor(recaptchaKinds, {
  name: 'recaptcha',
  hosts: RECAPTCHA_HOST_NAMES,
  path: '/recaptcha/',
  frames: 'watch',
  scripts: true,
  tasks: {
    'recaptcha-v2': {
      type: 'ReCaptchaV2TokenProxyLess',
      confidence: 'docs',
      enabled: true,
      fields: () => ({}),
    },
    // isInvisible is not in the docs' field list [guess].
    'recaptcha-v2-invisible': {
      type: 'ReCaptchaV2TokenProxyLess',
      confidence: 'docs',
      enabled: true,
      fields: () => ({ isInvisible: true }),
    },
    'recaptcha-v2-enterprise': {
      type: 'ReCaptchaV2EnterpriseTokenProxyLess',
      confidence: '3p',
      enabled: true,
      fields: (w) => optional({ enterprisePayload: enterprise(w) }),
    },
    // Type name by the docs' naming pattern [guess]; minScore field [guess].
    'recaptcha-v3': {
      type: 'ReCaptchaV3TokenProxyLess',
      confidence: 'guess',
      enabled: true,
      fields: (w) => optional({ pageAction: ifMatches(ACTION, w.action), minScore: 0.7 }),
    },
    'recaptcha-v3-enterprise': {
      type: 'ReCaptchaV3EnterpriseTokenProxyLess',
      confidence: '3p',
      enabled: true,
      fields: (w) =>
        optional({
          pageAction: ifMatches(ACTION, w.action),
          minScore: 0.7,
          // Only when the page loads reCAPTCHA from recaptcha.net; google.com is the default [3p].
          apiDomain: ifMatches(RECAPTCHA_NET, w.apiDomain),
          enterprisePayload: enterprise(w),
        }),
    },
  },
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
