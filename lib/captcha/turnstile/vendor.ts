/** Turnstile's descriptor (lib/captcha/descriptor.ts): completed from inside its frames (frame agent). */
import type { VendorDescriptor, VendorTests } from '../descriptor';
import { isTurnstileHost } from './urls';

export const turnstileVendor = {
  name: 'turnstile',
  kinds: ['turnstile'],
  hosts: ['challenges.cloudflare.com'],
  frames: 'agent',
  ownFrame: (href) => isTurnstileHost(new URL(href).hostname),
} as const satisfies VendorDescriptor;

export const turnstileTests: VendorTests = {
  unit: { turnstile: { detect: 'frame-agent/turnstile.test.ts', fill: 'frame-agent/run.test.ts' } },
  e2e: { turnstile: 'turnstile/implicit.html' },
};
