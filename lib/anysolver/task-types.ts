/**
 * THE task-type table: which widget kind becomes which AnySolver task with which fields. Every fact
 * not stated by AnySolver's docs is marked here, and only here ([docs] / [3p] / [guess]), so that
 * correcting one is a one-line change.
 */
import type { DetectedWidget, WidgetKind } from '../captcha/types';
import type { TaskPayload } from './types';

type Confidence = 'docs' | '3p' | 'guess';

interface TaskTypeRow {
  /** AnySolver task type (ProxyLess form: AnySolver's own network). */
  type: string;
  confidence: Confidence;
  /** Disabled rows are detected and shown, never sent (type unconfirmed). */
  enabled: boolean;
  /** Extra fields beyond websiteURL/websiteKey, from the widget. */
  fields: (w: DetectedWidget) => Record<string, unknown>;
}

const RECAPTCHA_KEY = /^[\w-]{20,64}$/;
const HCAPTCHA_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TURNSTILE_KEY = /^(0x[\w-]{10,64}|[123]x0{20}[A-Z]{2})$/;
const IMAGE_URI = /^data:image\/(png|jpe?g|gif);base64,[A-Za-z0-9+/]+=*$/;
// Optional page-supplied fields are dropped (not sent) when they do not look like the vendor's.
const ACTION = /^[\w/.-]{1,100}$/;
const OPAQUE = /^[\w+/=.:-]{1,8192}$/;
const RECAPTCHA_NET = /^(www\.)?recaptcha\.net$/;

const ifMatches = (re: RegExp, v: string | undefined) => (v !== undefined && re.test(v) ? v : undefined);
const optional = (entries: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== ''));
const enterprise = (w: DetectedWidget) => {
  const s = ifMatches(OPAQUE, w.enterprisePayload?.s);
  return s ? { s } : undefined;
};

export const TASK_TYPES: Record<WidgetKind, TaskTypeRow> = {
  'recaptcha-v2': {
    type: 'ReCaptchaV2TokenProxyLess',
    confidence: 'docs',
    enabled: true,
    fields: () => ({}),
  },
  // isInvisible is not in the docs' field list [guess].
  'recaptcha-v2-invisible': {
    type: 'ReCaptchaV2TokenProxyLess',
    confidence: 'docs',
    enabled: true,
    fields: () => ({ isInvisible: true }),
  },
  'recaptcha-v2-enterprise': {
    type: 'ReCaptchaV2EnterpriseTokenProxyLess',
    confidence: '3p',
    enabled: true,
    fields: (w) => optional({ enterprisePayload: enterprise(w) }),
  },
  // Type name by the docs' naming pattern [guess]; minScore field [guess].
  'recaptcha-v3': {
    type: 'ReCaptchaV3TokenProxyLess',
    confidence: 'guess',
    enabled: true,
    fields: (w) => optional({ pageAction: ifMatches(ACTION, w.action), minScore: 0.7 }),
  },
  'recaptcha-v3-enterprise': {
    type: 'ReCaptchaV3EnterpriseTokenProxyLess',
    confidence: '3p',
    enabled: true,
    fields: (w) =>
      optional({
        pageAction: ifMatches(ACTION, w.action),
        minScore: 0.7,
        // Only when the page loads reCAPTCHA from recaptcha.net; google.com is the default [3p].
        apiDomain: ifMatches(RECAPTCHA_NET, w.apiDomain),
        enterprisePayload: enterprise(w),
      }),
  },
  hcaptcha: {
    type: 'PopularCaptchaTokenProxyLess',
    confidence: '3p',
    enabled: true,
    fields: (w) => optional({ rqdata: ifMatches(OPAQUE, w.rqdata) }),
  },
  // cData's field name is unknown [guess: `data`, as several peers' APIs call it].
  turnstile: {
    type: 'TurnstileTokenProxyLess',
    confidence: '3p',
    enabled: true,
    fields: (w) => optional({ pageAction: ifMatches(ACTION, w.action), data: ifMatches(OPAQUE, w.cData) }),
  },
  'image-text': {
    type: 'TextRecognition',
    confidence: 'docs',
    enabled: true,
    fields: (w) => ({ imageBase64: w.imageBase64 }),
  },
  // Detected and shown in the popup; no AnySolver type confirmed yet [guess names, disabled].
  funcaptcha: {
    type: 'FunCaptchaTokenProxyLess',
    confidence: 'guess',
    enabled: false,
    fields: (w) => optional({ funcaptchaApiJSSubdomain: w.extra?.surl }),
  },
  'geetest-v3': {
    type: 'GeeTestTokenProxyLess',
    confidence: 'guess',
    enabled: false,
    fields: (w) => optional({ ...w.extra }),
  },
  'geetest-v4': {
    type: 'GeeTestV4TokenProxyLess',
    confidence: 'guess',
    enabled: false,
    fields: (w) => optional({ ...w.extra }),
  },
  'aws-waf': {
    type: 'AwsWafTokenProxyLess',
    confidence: 'guess',
    enabled: false,
    fields: (w) => optional({ ...w.extra }),
  },
};

/** Whether a kind can be solved (its task type is enabled in the table). */
export const isSolvableKind = (kind: WidgetKind): boolean => TASK_TYPES[kind].enabled;

function validKey(kind: WidgetKind, key: string): boolean {
  if (kind === 'hcaptcha') return HCAPTCHA_KEY.test(key) || RECAPTCHA_KEY.test(key);
  if (kind === 'turnstile') return TURNSTILE_KEY.test(key);
  return RECAPTCHA_KEY.test(key);
}

/** Build the createTask `task` for a widget, after validating what a page could have forged. */
export function buildTask(
  widget: DetectedWidget,
): { ok: true; task: TaskPayload } | { ok: false; reason: string } {
  const row = TASK_TYPES[widget.kind];
  if (!row) return { ok: false, reason: 'unknown captcha kind' };
  if (!row.enabled) return { ok: false, reason: 'unsupported' };
  if (widget.kind === 'image-text') {
    const img = widget.imageBase64 ?? '';
    // ≥ 100 bytes of image: IMAGE_TOO_SMALL otherwise [docs].
    if (!IMAGE_URI.test(img) || (img.length - img.indexOf(',') - 1) * 0.75 < 100)
      return { ok: false, reason: 'invalid image' };
    return { ok: true, task: { type: row.type, ...row.fields(widget) } };
  }
  let url: URL;
  try {
    url = new URL(widget.websiteURL ?? '');
  } catch {
    return { ok: false, reason: 'invalid websiteURL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: 'invalid websiteURL' };
  // Real pages pad sitekeys (' 6Ld…'); Google's script keeps the space, the API wants the key.
  const websiteKey = widget.websiteKey.trim();
  if (!validKey(widget.kind, websiteKey)) return { ok: false, reason: 'invalid sitekey' };
  url.hash = ''; // never leaves the page in the real world; may hold private state
  const task: TaskPayload = {
    type: row.type,
    websiteURL: url.href,
    websiteKey,
    ...(widget.pageTitle ? { pageTitle: widget.pageTitle.slice(0, 200) } : {}),
    ...row.fields(widget),
  };
  return { ok: true, task };
}

/** The token (or text answer) in a ready solution, or null when it has none. */
export function solutionToken(kind: WidgetKind, solution: Record<string, unknown> | null): string | null {
  if (!solution) return null;
  const pick = (k: string) =>
    typeof solution[k] === 'string' && solution[k] ? (solution[k] as string) : null;
  return kind === 'image-text' ? pick('text') : (pick('token') ?? pick('gRecaptchaResponse'));
}
