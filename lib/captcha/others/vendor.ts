/**
 * The detect-first vendors' descriptors (lib/captcha/descriptor.ts): Arkose, GeeTest, AWS WAF. Each: who it
 * is (`…Kinds`, all content scripts read of it) and the descriptor.
 */

import { optional } from '../../anysolver/task-fields';
import { describeVendor, type VendorKinds, type VendorTests } from '../descriptor';
import type { DetectedWidget } from '../types';

/** The folder's place in the vendor lists (scripts/vendors.mjs): the UI lists kinds in this order. */
export const RANK = 4;

// Detected and shown in the popup; no AnySolver type confirmed yet [guess names, disabled].
const unconfirmed = (type: string, fields = (w: DetectedWidget) => optional({ ...w.extra })) =>
  ({ type, confidence: 'guess', enabled: false, fields }) as const;

export const arkoseKinds = { kinds: ['funcaptcha'] } as const satisfies VendorKinds;
export const arkoseVendor = /* @__PURE__ */ describeVendor(arkoseKinds, {
  name: 'arkose',
  domains: ['arkoselabs.com', 'funcaptcha.com'],
  frames: 'watch',
  scripts: true,
  tasks: {
    funcaptcha: unconfirmed('FunCaptchaTokenProxyLess', (w) =>
      optional({ funcaptchaApiJSSubdomain: w.extra?.surl }),
    ),
  },
});

export const geetestKinds = { kinds: ['geetest-v3', 'geetest-v4'] } as const satisfies VendorKinds;
export const geetestVendor = /* @__PURE__ */ describeVendor(geetestKinds, {
  name: 'geetest',
  domains: ['geetest.com'],
  scripts: true,
  tasks: {
    'geetest-v3': unconfirmed('GeeTestTokenProxyLess'),
    'geetest-v4': unconfirmed('GeeTestV4TokenProxyLess'),
  },
});

export const awsWafKinds = { kinds: ['aws-waf'] } as const satisfies VendorKinds;
export const awsWafVendor = /* @__PURE__ */ describeVendor(awsWafKinds, {
  name: 'awswaf',
  domains: ['awswaf.com'],
  scripts: true,
  tasks: { 'aws-waf': unconfirmed('AwsWafTokenProxyLess') },
});

const unit = { detect: 'others/others.test.ts', fill: 'others/others.test.ts' };
export const othersTests: VendorTests = {
  unit: { funcaptcha: unit, 'geetest-v3': unit, 'geetest-v4': unit, 'aws-waf': unit },
  e2e: {
    funcaptcha: 'others/arkose.html',
    'geetest-v3': 'others/geetest-v3.html',
    'geetest-v4': 'others/geetest-v4.html',
    'aws-waf': 'others/aws-waf.html',
  },
};
