/** hCaptcha's descriptor (lib/captcha/descriptor.ts): completed from inside its frames (frame agent). */
import { describeVendor, type VendorKinds, type VendorTests } from '../descriptor';
import { isHcaptchaHost } from './urls';

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
});

export const hcaptchaTests: VendorTests = {
  unit: { hcaptcha: { detect: 'frame-agent/hcaptcha.test.ts', fill: 'frame-agent/run.test.ts' } },
  e2e: { hcaptcha: 'hcaptcha/checkbox.html' },
};
