/**
 * hCaptcha frame agent: runs in the widget's CHALLENGE frame (`…/hcaptcha.html#frame=challenge&id=…`).
 * References are to hCaptcha's api.js (js.hcaptcha.com/1/api.js, minified; names as in that build):
 * the chat `Xt` (send/listen/answer/contact) and its dispatcher `Gt.handle`, the frames `xn`
 * (checkbox), `En` (invisible checkbox), `_n` (challenge), the widget `Cn` (initChallenge,
 * closeChallenge), `jn.render`, `jn.getResponse`, `qt` (execute).
 *
 * Why the challenge frame and not the checkbox frame: every widget has one (`Cn` always builds `_n`),
 * invisible ones have no checkbox chat at all (`En` loads `#frame=checkbox-invisible` without id or
 * sitekey); it is the frame the page tells about execute() and rqdata (`create-challenge`,
 * `challenge-data`), and the page's listener for the completion message sits on its chat.
 */
import {
  type AgentHandle,
  type AgentWindow,
  applyPatch,
  type FrameAgent,
  type FrameWidget,
  isToken,
} from '../frame-agent/types';

/** `Gt.handle` only looks at string messages containing "hcaptcha", JSON with `source: "hcaptcha"`. */
const SOURCE = 'hcaptcha';
/** Widget ids: a counter plus base36 random (`jn.render`: `On++ + Math.random().toString(36)…`). */
const WIDGET_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Sitekeys are UUIDs; allow other shapes but bound them. */
const SITEKEY = /^[A-Za-z0-9_-]{8,100}$/;
const MAX_RQDATA = 16_384;
const MAX_ACTION = 128;
/** create-challenge carries the page's telemetry manifest: big, but bounded. */
const MAX_MESSAGE = 2_000_000;
/**
 * Seconds until api.js expires the token we deliver (`closeChallenge`, case challenge-passed: a timer
 * that clears the response and runs expired-callback). hCaptcha tokens live 120 s.
 */
export const TOKEN_LIFETIME_S = 120;

const isHcaptchaHost = (h: string) => h === 'hcaptcha.com' || h.endsWith('.hcaptcha.com');

/**
 * `_n` loads `<assetUrl>/hcaptcha.html#frame=challenge&id=<id>&host=<host>&<config>`, the config
 * (`Le`, URI-encoded key=value) holding sitekey, size, theme, hl, origin… from the render params.
 * The checkbox frame (`xn`: `#frame=checkbox&…`) and the invisible one (`En`) are not ours.
 */
function parse(href: string): FrameWidget | null {
  try {
    const url = new URL(href);
    if (url.protocol !== 'https:' || !isHcaptchaHost(url.hostname)) return null;
    const hash = new URLSearchParams(url.hash.slice(1));
    const get = (k: string) => hash.get(k) ?? url.searchParams.get(k) ?? '';
    const widgetId = get('id');
    const websiteKey = get('sitekey');
    if (get('frame') !== 'challenge' || !WIDGET_ID.test(widgetId) || !SITEKEY.test(websiteKey)) return null;
    return {
      vendor: 'hcaptcha',
      widgetId,
      websiteKey,
      ...(get('size') === 'invisible' ? { invisible: true } : {}),
    };
  } catch {
    return null;
  }
}

function start(win: AgentWindow, widget: FrameWidget, onChange: (w: FrameWidget) => void): AgentHandle {
  let w: FrameWidget = { ...widget };
  let stopped = false;
  const update = (patch: Partial<FrameWidget>, always: boolean) => {
    w = applyPatch(w, patch, always, onChange);
  };
  const readParams = (c: Record<string, unknown>, patch: Partial<FrameWidget>) => {
    if (typeof c.rqdata === 'string' && c.rqdata && c.rqdata.length <= MAX_RQDATA) patch.rqdata = c.rqdata;
    if (typeof c.action === 'string' && c.action && c.action.length <= MAX_ACTION) patch.action = c.action;
  };
  const onMessage = (e: MessageEvent) => {
    try {
      // The page's chat posts to the iframe's contentWindow (`Xt._sendMessage`): from our parent.
      if (stopped || e.source !== win.parent) return;
      const raw: unknown = e.data;
      if (typeof raw !== 'string' || raw.length > MAX_MESSAGE || raw.indexOf(SOURCE) < 0) return;
      const d: unknown = JSON.parse(raw);
      if (!d || typeof d !== 'object') return;
      const m = d as Record<string, unknown>;
      if (m.source !== SOURCE || m.id !== w.widgetId || typeof m.label !== 'string') return;
      const c = m.contents && typeof m.contents === 'object' ? (m.contents as Record<string, unknown>) : {};
      const patch: Partial<FrameWidget> = {};
      if (m.label === 'create-challenge') {
        // `Cn.initChallenge` → `_n.setup`: sent when the page called hcaptcha.execute() (`qt`, after
        // the widget is ready), the user ticked the checkbox (`checkbox-selected`) or mode=auto;
        // contents carry `rqdata` and `action` from execute()'s options / the checkbox event.
        readParams(c, patch);
        patch.executed = true;
        update(patch, true);
      } else if (m.label === 'challenge-data') {
        // `jn.setData` → `_n.setData`: hcaptcha.setData(id, { rqdata }) before execute.
        readParams(c, patch);
        update(patch, false);
      }
    } catch {
      // never throw in a vendor frame
    }
  };
  win.addEventListener('message', onMessage);
  return {
    deliver(token: string): boolean {
      if (stopped || !isToken(token)) return false;
      try {
        // The real challenge frame reports the end of a challenge with `challenge-closed` (`re`) on
        // its chat; `Gt.handle` dispatches by widget id (any origin: `setTargetOrigin` is always '*')
        // to the challenge chat's listener → `Cn.closeChallenge`: event `challenge-passed` (`te`)
        // stores the response in both textareas (h-captcha-response, g-recaptcha-response unless
        // recaptchacompat=off) and the iframe attribute (`setResponse`: what getResponse reads), ticks
        // the checkbox, calls the callback (`onPass`, data-callback or the render option) and resolves
        // execute({ async: true }); `expiration` arms the expiry timer.
        const msg = {
          source: SOURCE,
          label: 'challenge-closed',
          id: w.widgetId,
          contents: { event: 'challenge-passed', response: token, expiration: TOKEN_LIFETIME_S },
        };
        win.parent.postMessage(JSON.stringify(msg), '*');
        return true;
      } catch {
        return false;
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        win.removeEventListener('message', onMessage);
      } catch {
        // ignore
      }
    },
  };
}

export const hcaptchaAgent: FrameAgent = { vendor: 'hcaptcha', parse, start };
