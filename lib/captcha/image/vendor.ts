/**
 * Image captchas' descriptor (lib/captcha/descriptor.ts): no host, no frame — the user marks them from the
 * context menu (lib/captcha/image/).
 */
import type { VendorDescriptor, VendorTests } from '../descriptor';

export const imageVendor = { name: 'image', kinds: ['image-text'] } as const satisfies VendorDescriptor;

export const imageTests: VendorTests = {
  unit: { 'image-text': { detect: 'image/module.test.ts', fill: 'image/module.test.ts' } },
  e2e: { 'image-text': 'image/text-captcha.html' },
};
