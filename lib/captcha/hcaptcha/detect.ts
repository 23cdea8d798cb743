/**
 * Find hCaptcha widgets from the DOM hCaptcha renders: a checkbox iframe (and a challenge iframe) on an
 * hCaptcha host whose URL HASH carries `frame`, `id` and `sitekey`. Joined with what the main-world hook
 * reported (render options: rqdata). The iframe host is the evidence, never `grecaptcha` or
 * `g-recaptcha-response`: hCaptcha defines both itself (its recaptcha-compat mode), so a `.g-recaptcha`
 * container rendered by hCaptcha is reported here as kind 'hcaptcha'.
 */
import type { DetectedWidget } from '../types';
import type { DetectEnv } from '../vendor';
import { type HcaptchaFrameInfo, parseHcaptchaFrame } from './urls';

/** Widget ids are `hcaptcha:<hCaptcha's widget id>`, the same id the hook and the fields use. */
export const HCAPTCHA_PREFIX = 'hcaptcha:';

const isVisible = (el: Element) =>
  typeof (el as HTMLElement).checkVisibility === 'function' ? (el as HTMLElement).checkVisibility() : true;

interface Found {
  info: HcaptchaFrameInfo;
  frame: HTMLIFrameElement;
}

/** One entry per hCaptcha widget id, preferring its checkbox frame (it sits inside the container). */
function framesById(root: Document | ShadowRoot, base: string): Map<string, Found> {
  const byId = new Map<string, Found>();
  for (const frame of root.querySelectorAll<HTMLIFrameElement>('iframe[src*="hcaptcha"]')) {
    const info = parseHcaptchaFrame(frame.getAttribute('src') ?? '', base);
    if (!info) continue;
    const known = byId.get(info.id);
    if (!known || (known.info.frame !== 'checkbox' && info.frame === 'checkbox'))
      byId.set(info.id, { info, frame });
  }
  return byId;
}

/** All hCaptcha widgets under `root`. */
export function detectHcaptcha(root: Document | ShadowRoot, env: DetectEnv): DetectedWidget[] {
  const out: DetectedWidget[] = [];
  for (const [id, { info, frame }] of framesById(root, env.href)) {
    const widgetId = `${HCAPTCHA_PREFIX}${id}`;
    const facts = env.facts.get(widgetId);
    const container = info.frame === 'checkbox' ? frame.closest('[data-sitekey]') : null;
    const rqdata = facts?.rqdata ?? container?.getAttribute('data-rqdata') ?? undefined;
    const invisible = info.size === 'invisible' || container?.getAttribute('data-size') === 'invisible';
    const w: DetectedWidget = {
      widgetId,
      kind: 'hcaptcha',
      websiteKey: info.sitekey,
      visible: !invisible && info.frame === 'checkbox' && isVisible(frame),
    };
    if (rqdata) w.rqdata = rqdata;
    out.push(w);
  }
  return out;
}
