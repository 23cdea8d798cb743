/** The detect-first vendors' descriptors (lib/captcha/descriptor.ts): Arkose, GeeTest, AWS WAF. */
import type { VendorDescriptor, VendorTests } from '../descriptor';

export const arkoseVendor = {
  name: 'arkose',
  kinds: ['funcaptcha'],
  domains: ['arkoselabs.com', 'funcaptcha.com'],
  frames: 'watch',
  scripts: true,
} as const satisfies VendorDescriptor;

export const geetestVendor = {
  name: 'geetest',
  kinds: ['geetest-v3', 'geetest-v4'],
  domains: ['geetest.com'],
  scripts: true,
} as const satisfies VendorDescriptor;

export const awsWafVendor = {
  name: 'awswaf',
  kinds: ['aws-waf'],
  domains: ['awswaf.com'],
  scripts: true,
} as const satisfies VendorDescriptor;

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
