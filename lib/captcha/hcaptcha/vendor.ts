/** hCaptcha's descriptor (lib/captcha/descriptor.ts): completed from inside its frames (frame agent). */
import type { VendorDescriptor, VendorTests } from '../descriptor';
import { isHcaptchaHost } from './urls';

export const hcaptchaVendor = {
  name: 'hcaptcha',
  kinds: ['hcaptcha'],
  domains: ['hcaptcha.com'],
  frames: 'agent',
  ownFrame: (href) => isHcaptchaHost(new URL(href).hostname),
} as const satisfies VendorDescriptor;

export const hcaptchaTests: VendorTests = {
  unit: { hcaptcha: { detect: 'frame-agent/hcaptcha.test.ts', fill: 'frame-agent/run.test.ts' } },
  e2e: { hcaptcha: 'hcaptcha/checkbox.html' },
};
