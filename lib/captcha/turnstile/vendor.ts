/** Turnstile's descriptor (lib/captcha/descriptor.ts): completed from inside its frames (frame agent). */
import { ACTION, ifMatches, OPAQUE, optional } from '../../anysolver/task-fields';
import { describeVendor, type VendorKinds, type VendorTests } from '../descriptor';
import { isTurnstileHost } from './urls';

/** The folder's place in the vendor lists (scripts/vendors.mjs): the UI lists kinds in this order. */
export const RANK = 3;

const TURNSTILE_KEY = /^(0x[\w-]{10,64}|[123]x0{20}[A-Z]{2})$/;

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
  tasks: {
    // cData's field name is unknown [guess: `data`, as several peers' APIs call it].
    turnstile: {
      type: 'TurnstileTokenProxyLess',
      confidence: '3p',
      enabled: true,
      validKey: (key) => TURNSTILE_KEY.test(key),
      fields: (w) => optional({ pageAction: ifMatches(ACTION, w.action), data: ifMatches(OPAQUE, w.cData) }),
    },
  },
});

export const turnstileTests: VendorTests = {
  unit: { turnstile: { detect: 'turnstile/agent.test.ts', fill: 'frame-agent/run.test.ts' } },
  e2e: { turnstile: 'turnstile/implicit.html' },
};
