/**
 * Find Turnstile widgets. The iframe normally sits in a CLOSED shadow root (unreachable from the DOM),
 * so a widget is found by the hidden response input Turnstile leaves in the light DOM; its sitekey,
 * action and cData come from the main-world hook (explicit `turnstile.render` options), the container's
 * `data-*` attributes (implicit rendering), or, when an older embed left the iframe reachable, the iframe
 * URL's path. In recaptcha-compat mode (`.g-recaptcha`, `grecaptcha === turnstile`) it is still Turnstile.
 */
import type { DetectedWidget } from '../types';
import type { DetectEnv, HookFacts } from '../vendor';
import { cfIdOf, containerOf, responseInputs, TURNSTILE_PREFIX } from './dom';
import { sitekeyFromFrame } from './urls';

const isVisible = (el: Element) =>
  typeof (el as HTMLElement).checkVisibility === 'function' ? (el as HTMLElement).checkVisibility() : true;

/** Facts for the widget: by its id, else by the id of its container (reported by the render hook). */
function factsFor(env: DetectEnv, widgetId: string, container: Element | null): HookFacts | undefined {
  const direct = env.facts.get(widgetId);
  if (direct) return direct;
  const containerId = container?.id;
  if (!containerId) return undefined;
  for (const f of env.facts.values()) {
    if (f.widgetId.startsWith(TURNSTILE_PREFIX) && f.containerId === containerId) return f;
  }
  return undefined;
}

/** The sitekey in the URL of the widget's own iframe, when it is reachable (no or open shadow root). */
function frameSitekey(root: Document | ShadowRoot, cfId: string, base: string): string | null {
  const frame = root.querySelector<HTMLIFrameElement>(`iframe#${CSS.escape(cfId)}`);
  return frame ? sitekeyFromFrame(frame.getAttribute('src') ?? '', base) : null;
}

/** All Turnstile widgets under `root` whose sitekey is known. */
export function detectTurnstile(root: Document | ShadowRoot, env: DetectEnv): DetectedWidget[] {
  const out: DetectedWidget[] = [];
  for (const input of responseInputs(root)) {
    const cfId = cfIdOf(input)!;
    const widgetId = `${TURNSTILE_PREFIX}${cfId}`;
    if (out.some((w) => w.widgetId === widgetId)) continue;
    const container = containerOf(input);
    const facts = factsFor(env, widgetId, container);
    const data = (name: string) => container?.getAttribute(`data-${name}`) || undefined;
    const websiteKey = facts?.websiteKey ?? data('sitekey') ?? frameSitekey(root, cfId, env.href);
    // Without a sitekey there is nothing to solve yet: the hook reports it right after render.
    if (!websiteKey) continue;
    const action = facts?.action ?? data('action');
    const cData = facts?.cData ?? data('cdata');
    const w: DetectedWidget = {
      widgetId,
      kind: 'turnstile',
      websiteKey,
      visible: data('size') !== 'invisible' && isVisible(input.parentElement ?? input),
    };
    if (action) w.action = action;
    if (cData) w.cData = cData;
    out.push(w);
  }
  return out;
}
