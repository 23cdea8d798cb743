/** Turnstile's descriptor (lib/captcha/descriptor.ts): completed from inside its frames (frame agent). */
import { describeVendor, type VendorKinds, type VendorTests } from '../descriptor';
import { isTurnstileHost } from './urls';

/** Who it is (all content scripts read of it). */
export const turnstileKinds = {
  kinds: ['turnstile'],
  ownHost: isTurnstileHost,
} as const satisfies VendorKinds;

/** The descriptor. */
export const turnstileVendor = /* @__PURE__ */ describeVendor(turnstileKinds, {
  name: 'turnstile',
  hosts: ['challenges.cloudflare.com'],
  frames: 'agent',
});

export const turnstileTests: VendorTests = {
  unit: { turnstile: { detect: 'frame-agent/turnstile.test.ts', fill: 'frame-agent/run.test.ts' } },
  e2e: { turnstile: 'turnstile/implicit.html' },
};
