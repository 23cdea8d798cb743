/**
 * Image captchas' descriptor (lib/captcha/descriptor.ts): no host, no frame — the user marks them from the
 * context menu (lib/captcha/image/).
 */
import { describeVendor, type VendorKinds, type VendorTests } from '../descriptor';

/** The folder's place in the vendor lists (scripts/vendors.mjs): the UI lists kinds in this order. */
export const RANK = 5;

/** Who it is (all content scripts read of it). */
export const imageKinds = { kinds: ['image-text'] } as const satisfies VendorKinds;

/** The descriptor: no hosts, no frames, only its task. */
export const imageVendor = /* @__PURE__ */ describeVendor(imageKinds, {
  name: 'image',
  tasks: {
    'image-text': {
      type: 'TextRecognition',
      confidence: 'docs',
      enabled: true,
      input: 'image',
      fields: (w) => ({ imageBase64: w.imageBase64 }),
    },
  },
});

export const imageTests: VendorTests = {
  unit: { 'image-text': { detect: 'image/module.test.ts', fill: 'image/module.test.ts' } },
  e2e: { 'image-text': 'image/text-captcha.html' },
};
