/**
 * GeeTest, detected from the DOM. v3: `initGeetest({ gt, challenge, api_server })` makes gt.js load
 * `https://<api_server>/get.php?gt=…&challenge=…` (gettype.php / ajax.php also carry `gt`), so the
 * script tags hold every parameter a task needs. v4: gt4.js loads
 * `https://gcaptcha4.geetest.com/load?captcha_id=…`. Task types are unconfirmed (disabled in the table).
 */
import { setFieldValue } from '../recaptcha/fill';
import type { DetectedWidget, FillRequest } from '../types';
import type { DetectEnv, VendorModule } from '../vendor';
import { onDomain, scriptUrls, servedFrom } from './dom';
import { geetestKinds } from './vendor';

const V3 = 'geetest:';
const V4 = 'geetest4:';
const KEY = /^[0-9a-f]{32}$/i;

/** GeeTest widgets under `root`: one per gt (v3) or captcha_id (v4). */
export function detectGeetest(root: Document | ShadowRoot, env: DetectEnv): DetectedWidget[] {
  const out = new Map<string, DetectedWidget>();
  for (const url of scriptUrls(root, 'geetest.com', env.href)) {
    if (!onDomain(url.hostname, 'geetest.com')) continue;
    const q = url.searchParams;
    const captchaId = q.get('captcha_id');
    if (url.hostname === 'gcaptcha4.geetest.com' && captchaId && KEY.test(captchaId)) {
      out.set(V4 + captchaId, {
        widgetId: V4 + captchaId,
        kind: geetestKinds.kinds[1],
        websiteKey: captchaId,
        visible: true,
      });
      continue;
    }
    const gt = q.get('gt');
    if (!gt || !KEY.test(gt) || !/\/(?:get|gettype|ajax)\.php$/.test(url.pathname)) continue;
    const known = out.get(V3 + gt);
    const challenge = q.get('challenge') ?? known?.extra?.challenge;
    out.set(V3 + gt, {
      widgetId: V3 + gt,
      kind: geetestKinds.kinds[0],
      websiteKey: gt,
      extra: { gt, api_server: url.hostname, ...(challenge ? { challenge: challenge.slice(0, 200) } : {}) },
      visible: true,
    });
  }
  return [...out.values()];
}

/**
 * v3 only: the token is the solution as JSON (`{ challenge, validate, seccode }`), written into the
 * hidden `geetest_*` inputs gt.js adds to the form. v4 hands its result to page JS only: nothing to fill.
 */
export function fillGeetest(root: Document | ShadowRoot, req: FillRequest): boolean {
  if (!req.widgetId.startsWith(V3)) return false;
  let solution: unknown;
  try {
    solution = JSON.parse(req.token);
  } catch {
    return false;
  }
  if (typeof solution !== 'object' || solution === null) return false;
  let filled = false;
  for (const key of ['challenge', 'validate', 'seccode']) {
    const value = (solution as Record<string, unknown>)[key];
    if (typeof value !== 'string') continue;
    for (const f of root.querySelectorAll<HTMLInputElement>(`input[name="geetest_${key}"]`)) {
      setFieldValue(f, value);
      filled = true;
    }
  }
  return filled;
}

export const geetestModule: VendorModule = {
  sniff: (el) => servedFrom(el, 'geetest.com'),
  detect: detectGeetest,
  fill: fillGeetest,
};
