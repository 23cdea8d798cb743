/**
 * The frame agent's wiring inside a vendor's widget frame (entrypoints/frame-agent.ts): pick the
 * agent whose frame this is, report the widget to the background once the page has asked for a token,
 * deliver the token the background sends through the vendor's own protocol, and say when the frame goes.
 *
 * When a widget is reported: a visible hCaptcha checkbox at once (auto-solve, as a checkbox on screen);
 * an invisible hCaptcha only after the page's execute; Turnstile once the page has sent `execute`
 * (at render by default, or on turnstile.execute() with execution=execute). A new execute after a
 * delivered token asks for a fresh one (`widget:expired`).
 */
import type { ContentMessage } from '../../messaging';
import type { RuntimePort } from '../content/runtime-port';
import type { DetectedWidget } from '../types';
import type { AgentWindow, FrameAgent, FrameWidget } from './types';

export interface FrameAgentDeps {
  win: AgentWindow & {
    addEventListener(t: 'pagehide', f: () => void): void;
    /** The frame's transient user activation (a click in the widget): the report's `gesture`. */
    navigator?: { userActivation?: { isActive: boolean } };
  };
  agents: readonly FrameAgent[];
  port: RuntimePort;
}

/** The widget id the background knows this widget by (unique within the vendor frame). */
const idOf = (w: FrameWidget) => `${w.vendor}:${w.widgetId}`;

function toDetected(w: FrameWidget): DetectedWidget {
  const d: DetectedWidget = {
    widgetId: idOf(w),
    kind: w.vendor,
    websiteKey: w.websiteKey,
    visible: !w.invisible,
  };
  if (w.action) d.action = w.action;
  if (w.cData) d.cData = w.cData;
  if (w.rqdata) d.rqdata = w.rqdata;
  return d;
}

/** How long a report waits for parameters that follow the request (see onChange). */
export const REPORT_DELAY_MS = 50;

const wantsToken = (w: FrameWidget) => (w.vendor === 'hcaptcha' && !w.invisible) || w.executed === true;

/** Start the agent for this frame, if it is a widget frame; returns false when it is not. */
export function runFrameAgent(d: FrameAgentDeps): boolean {
  let widget: FrameWidget | null = null;
  let agent: FrameAgent | undefined;
  for (const a of d.agents) {
    widget = a.parse(d.win.location.href);
    if (widget) {
      agent = a;
      break;
    }
  }
  if (!agent || !widget) return false;
  const send = (m: ContentMessage) => void d.port.send(m);
  let reported = '';
  let delivered = false;
  let latest: FrameWidget | null = null;
  let timer: unknown = null;
  const flush = () => {
    timer = null;
    if (!latest) return;
    const found = toDetected(latest);
    const json = JSON.stringify(found);
    if (json === reported) return;
    reported = json;
    const gesture = d.win.navigator?.userActivation?.isActive === true;
    send({ type: 'widgets:found', widgets: [found], ...(gesture ? { gesture } : {}) });
  };
  const onChange = (w: FrameWidget) => {
    if (!wantsToken(w)) return;
    latest = w;
    if (delivered) {
      // The page asks again (reset, expiry, a second submit): a token is single-use.
      delivered = false;
      reported = JSON.stringify(toDetected(w));
      send({ type: 'widget:expired', widgetId: idOf(w) });
      return;
    }
    // Params can follow the request by a message (hCaptcha runs calls queued before the widget was
    // ready last-first: create-challenge, then challenge-data with the rqdata): report a moment later.
    if (timer === null) timer = d.win.setTimeout(flush, REPORT_DELAY_MS);
  };
  const handle = agent.start(d.win, widget, onChange);
  onChange(widget);
  d.port.listen((msg) => {
    const m = msg as { type?: unknown; widgetId?: unknown; token?: unknown } | null;
    if (!m || m.type !== 'fill' || m.widgetId !== idOf(widget) || typeof m.token !== 'string')
      return undefined;
    delivered = handle.deliver(m.token);
    return delivered;
  });
  d.win.addEventListener('pagehide', () => {
    handle.stop();
    if (timer !== null) d.win.clearTimeout(timer);
    if (reported) send({ type: 'widgets:gone', widgetIds: [idOf(widget)] });
  });
  return true;
}
