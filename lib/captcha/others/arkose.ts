/**
 * Arkose Labs / FunCaptcha, detected from the DOM: the `input#FunCaptcha-Token[name=fc-token]` Arkose fills
 * with `…|pk=<public key>|…|surl=<service url>|…`, the loader
 * `https://<x>.arkoselabs.com/v2/<pk>/api.js` (also on funcaptcha.com), or a legacy `[data-pkey]` container.
 * Its task type is unconfirmed (the task-type table marks it disabled): detected and shown, solved once a
 * type exists.
 */
import { setFieldValue } from '../recaptcha/fill';
import type { DetectedWidget, FillRequest } from '../types';
import type { DetectEnv, VendorModule } from '../vendor';
import { onDomain, scriptUrls, servedFrom } from './dom';

const PREFIX = 'arkose:';
const PUBLIC_KEY = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;
const TOKEN_FIELDS = 'input#FunCaptcha-Token, input[name="fc-token"], input[name="verification-token"]';
const DOMAINS = ['arkoselabs.com', 'funcaptcha.com'];

/** The `k=v` pairs of an fc-token value (`token|r=eu-west-1|pk=…|surl=https%3A%2F%2F…`). */
export function parseFcToken(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split('|')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    try {
      out[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1));
    } catch {
      out[part.slice(0, eq)] = part.slice(eq + 1);
    }
  }
  return out;
}

const httpOrigin = (s: string | undefined): string | undefined => {
  try {
    const url = new URL(s ?? '');
    return url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
};

/** Arkose widgets under `root`, one per public key. */
export function detectArkose(root: Document | ShadowRoot, env: DetectEnv): DetectedWidget[] {
  const found = new Map<string, string | undefined>(); // pk -> surl
  const add = (pk: string | undefined | null, surl?: string) => {
    if (pk && PUBLIC_KEY.test(pk) && !found.get(pk)) found.set(pk, surl);
  };
  for (const input of root.querySelectorAll<HTMLInputElement>(
    'input#FunCaptcha-Token, input[name="fc-token"]',
  )) {
    const fields = parseFcToken(input.value);
    add(fields.pk, httpOrigin(fields.surl));
  }
  for (const url of scriptUrls(root, '/v2/', env.href)) {
    if (!DOMAINS.some((d) => onDomain(url.hostname, d))) continue;
    const m = /^\/v2\/([^/]+)\/api\.js$/.exec(url.pathname);
    add(m?.[1], url.origin);
  }
  for (const el of root.querySelectorAll('[data-pkey]')) add(el.getAttribute('data-pkey'));
  return [...found].map(([pk, surl]) => ({
    widgetId: `${PREFIX}${pk}`,
    kind: 'funcaptcha',
    websiteKey: pk,
    ...(surl ? { extra: { surl } } : {}),
    visible: true,
  }));
}

/** Write the token into Arkose's token fields (fc-token, verification-token). */
export function fillArkose(root: Document | ShadowRoot, req: FillRequest): boolean {
  if (!req.widgetId.startsWith(PREFIX)) return false;
  const fields = [...root.querySelectorAll<HTMLInputElement>(TOKEN_FIELDS)];
  for (const f of fields) setFieldValue(f, req.token);
  return fields.length > 0;
}

export const arkoseModule: VendorModule = {
  sniff: (el) =>
    DOMAINS.some((d) => servedFrom(el, d)) ||
    (el.tagName === 'INPUT' && (el.id === 'FunCaptcha-Token' || el.getAttribute('name') === 'fc-token')),
  detect: detectArkose,
  fill: fillArkose,
};
