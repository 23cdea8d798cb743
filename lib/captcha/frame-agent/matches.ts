/**
 * The vendor frames the frame agent runs in (the manifest's content_scripts entry, wxt.config.ts): the hosts
 * of the descriptors with `frames: 'agent'` (lib/captcha/vendors.ts).
 */
import type { VendorDescriptor } from '../descriptor';
import { VENDORS } from '../vendors';

const agents: readonly VendorDescriptor[] = VENDORS.filter((v: VendorDescriptor) => v.frames === 'agent');

export const FRAME_AGENT_MATCHES: string[] = agents.flatMap((v) => [
  ...(v.hosts ?? []).map((h) => `https://${h}/*`),
  ...(v.domains ?? []).map((d) => `https://*.${d}/*`),
]);
