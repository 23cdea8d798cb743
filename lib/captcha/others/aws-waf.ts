/**
 * AWS WAF CAPTCHA, detected from the DOM: its script `https://<id>.<region>.captcha.awswaf.com/…/jsapi.js`
 * (or the challenge script on `*.token.awswaf.com`), and on its interstitial page the inline
 * `window.gokuProps = { key, iv, context }` a task needs. The solved token becomes the `aws-waf-token`
 * cookie through AWS's own script, so there is no field to fill. Task type unconfirmed (disabled).
 */
import type { DetectedWidget } from '../types';
import type { DetectEnv, VendorModule } from '../vendor';
import { onDomain, scriptUrls, servedFrom } from './dom';

const PREFIX = 'awswaf:';
/** Inline scripts longer than this are not AWS's interstitial (it is a few hundred bytes). */
const MAX_INLINE = 20_000;

/** `window.gokuProps = {...}` from an inline script, as strings; null when absent or malformed. */
export function parseGokuProps(text: string): Record<string, string> | null {
  const m = /gokuProps\s*=\s*(\{[^}]*\})/.exec(text);
  if (!m) return null;
  try {
    const obj = JSON.parse(m[1]!) as Record<string, unknown>;
    const out: Record<string, string> = {};
    for (const k of ['key', 'iv', 'context']) {
      const v = obj[k];
      if (typeof v === 'string' && v.length <= 2000) out[k] = v;
    }
    return out.key ? out : null;
  } catch {
    return null;
  }
}

function gokuPropsIn(root: Document | ShadowRoot): Record<string, string> | null {
  for (const s of root.querySelectorAll('script:not([src])')) {
    const text = s.textContent ?? '';
    if (text.length > MAX_INLINE || !text.includes('gokuProps')) continue;
    const props = parseGokuProps(text);
    if (props) return props;
  }
  return null;
}

/** One AWS WAF widget per frame: its scripts and, when present, the interstitial's gokuProps. */
export function detectAwsWaf(root: Document | ShadowRoot, env: DetectEnv): DetectedWidget[] {
  const urls = scriptUrls(root, 'awswaf.com', env.href).filter((u) => onDomain(u.hostname, 'awswaf.com'));
  const captcha = urls.find(
    (u) => onDomain(u.hostname, 'captcha.awswaf.com') && u.pathname.endsWith('/jsapi.js'),
  );
  const challenge = urls.find((u) => onDomain(u.hostname, 'token.awswaf.com') && u.pathname.endsWith('.js'));
  if (!captcha && !challenge) return [];
  const props = gokuPropsIn(root);
  const extra: Record<string, string> = { ...props };
  if (captcha) extra.captchaScript = captcha.href.slice(0, 2000);
  if (challenge) extra.challengeScript = challenge.href.slice(0, 2000);
  const key = props?.key;
  return [
    {
      widgetId: `${PREFIX}${(captcha ?? challenge)!.hostname}`.slice(0, 200),
      kind: 'aws-waf',
      // The key is often longer than a websiteKey may be: it always travels in extra.key.
      websiteKey: key && key.length <= 200 ? key : '',
      extra,
      visible: true,
    },
  ];
}

export const awsWafModule: VendorModule = {
  sniff: (el) => servedFrom(el, 'awswaf.com'),
  detect: detectAwsWaf,
  fill: () => false,
};
