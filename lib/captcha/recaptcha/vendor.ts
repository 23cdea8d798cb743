/** reCAPTCHA's descriptor (lib/captcha/descriptor.ts): watched by its frames and loader, under /recaptcha/. */
import type { VendorDescriptor, VendorTests } from '../descriptor';
import { isRecaptchaFrame, RECAPTCHA_HOSTS } from './urls';

export const recaptchaVendor = {
  name: 'recaptcha',
  kinds: [
    'recaptcha-v2',
    'recaptcha-v2-invisible',
    'recaptcha-v3',
    'recaptcha-v2-enterprise',
    'recaptcha-v3-enterprise',
  ],
  hosts: [...RECAPTCHA_HOSTS],
  path: '/recaptcha/',
  frames: 'watch',
  scripts: true,
  ownFrame: isRecaptchaFrame,
} as const satisfies VendorDescriptor;

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
