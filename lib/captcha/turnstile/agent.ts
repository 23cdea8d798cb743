/**
 * Turnstile frame agent: runs in the challenge frame on challenges.cloudflare.com. References are to
 * Cloudflare's api.js (turnstile/v0/api.js, pretty-printed): the frame URL builder `wt`, the page's
 * message handler `C` (`switch (a.event)`), the origin check `Wr`, the success path `n` → `xr`.
 */
import {
  type AgentHandle,
  type AgentWindow,
  applyPatch,
  type FrameAgent,
  type FrameWidget,
  isToken,
} from '../frame-agent/types';

/** api.js's message tag (`P = "cloudflare-challenge"`); the page ignores messages without it. */
const SOURCE = 'cloudflare-challenge';
/** The hosts `Wr` accepts messages from (and `xt` builds frame URLs on). */
const HOSTS = ['challenges.cloudflare.com', 'challenges-staging.cloudflare.com'];
/** Widget ids are 5 random [a-z0-9] (`l` in `Mt`); allow some slack. */
const WIDGET_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** api.js's own sitekey check (`Yt`). */
const SITEKEY = /^[0-9A-Za-z_-]{3,100}$/;
/** api.js's limits for render params (`ut`: action, `st`: cData); longer values are ignored, not cut. */
const ACTION = /^[a-z0-9_-]{0,32}$/i;
const CDATA = /^[a-z0-9_=-]{0,255}$/i;
/** chlPageData is opaque and unchecked by api.js: bound it. */
const MAX_PAGE_DATA = 8192;
/** How long to wait for the page's `extraParams` (answering the real frame) before asking ourselves. */
export const EXTRA_PARAMS_WAIT_MS = 500;

/**
 * `wt` builds `<origin>/cdn-cgi/challenge-platform/h/<x>/turnstile/if/ov2/av0/rcv<rcV>/<widgetId>/
 * <sitekey>/<theme>/<fbE|fbD>/<size>/<language>/[?query]`. rcV is `"0/0"` at first (`Y`) and the
 * frame's `nextRcV` after a reload, so it spans a varying number of segments: anchor on the
 * feedback segment (`fbE`/`fbD`) instead and read the widget id and sitekey just before it.
 * Sizes (`k`): normal, compact, flexible, invisible. (Turnstile's real "invisible" is a sitekey
 * mode the frame learns from Cloudflare, not from the URL: `invisible` here only reflects the size.)
 * The feedback frame (`At`: `…/feedback-reports/<id>/…`) has no `/turnstile/if/` and is not ours.
 */
function parse(href: string): FrameWidget | null {
  try {
    const url = new URL(href);
    if (url.protocol !== 'https:' || !HOSTS.includes(url.hostname)) return null;
    const seg = url.pathname.split('/');
    const t = seg.indexOf('turnstile');
    if (t < 0 || seg[t + 1] !== 'if') return null;
    let fb = seg.length - 1;
    while (fb >= t + 5 && seg[fb] !== 'fbE' && seg[fb] !== 'fbD') fb--;
    if (fb < t + 5) return null;
    const widgetId = seg[fb - 3] ?? '';
    const websiteKey = seg[fb - 2] ?? '';
    if (!WIDGET_ID.test(widgetId) || !SITEKEY.test(websiteKey)) return null;
    return {
      vendor: 'turnstile',
      widgetId,
      websiteKey,
      ...(seg[fb + 1] === 'invisible' ? { invisible: true } : {}),
    };
  } catch {
    return null;
  }
}

function start(win: AgentWindow, widget: FrameWidget, onChange: (w: FrameWidget) => void): AgentHandle {
  let w: FrameWidget = { ...widget };
  let stopped = false;
  let gotParams = false;
  const post = (event: string, extra?: { token: string }): boolean => {
    try {
      // The real frame posts to the page with '*' too: the page's origin is not in our URL.
      win.parent.postMessage({ source: SOURCE, widgetId: w.widgetId, event, ...extra }, '*');
      return true;
    } catch {
      return false;
    }
  };
  const update = (patch: Partial<FrameWidget>, always: boolean) => {
    w = applyPatch(w, patch, always, onChange);
  };
  const onMessage = (e: MessageEvent) => {
    try {
      // The page's api.js posts to the frame's contentWindow, so its messages come from our parent.
      if (stopped || e.source !== win.parent) return;
      const d: unknown = e.data;
      if (!d || typeof d !== 'object') return;
      const m = d as Record<string, unknown>;
      if (m.source !== SOURCE || m.widgetId !== w.widgetId) return;
      if (m.event === 'extraParams') {
        // `case "requestExtraParams"`: the page answers with the widget's action, cData and
        // chlPageData (render params or data-action / data-cdata), then flushes queued events.
        gotParams = true;
        const patch: Partial<FrameWidget> = {};
        if (typeof m.action === 'string' && m.action && ACTION.test(m.action)) patch.action = m.action;
        if (typeof m.cData === 'string' && m.cData && CDATA.test(m.cData)) patch.cData = m.cData;
        if (typeof m.chlPageData === 'string' && m.chlPageData && m.chlPageData.length <= MAX_PAGE_DATA)
          patch.chlPageData = m.chlPageData;
        // It also says `execution`: with "render" (the default) the widget runs at once — the page
        // queued an `execute` for us at render, which we miss when we start after that flush.
        if (m.execution === 'render') patch.executed = true;
        update(patch, false);
      } else if (m.event === 'execute') {
        // `execute` (`oe.EXECUTE`): queued at render with execution=render and flushed after
        // extraParams (`f`), or posted by turnstile.execute(); execute() may also set action/cData
        // (`p`), which the page then only reports on the next extraParams.
        update({ executed: true }, true);
      }
      // 'meow' (watchcat, `Ur`) is answered with 'food' by the real frame, 'init' is the page's echo
      // of the frame's own init: neither is ours to answer.
    } catch {
      // never throw in a vendor frame
    }
  };
  win.addEventListener('message', onMessage);
  // The real frame asks for extraParams itself; when we came too late to see the answer, ask once.
  // (The page answers every request, and flushes its queued events with the first one.)
  let timer = win.setTimeout(() => {
    if (stopped || gotParams) return;
    post('requestExtraParams');
    // No answer at all: api.js failed in its own handler (seen: a widget rendered inside an open shadow
    // root makes its page-path walk throw), so no execute will ever be flushed to the frame. The widget
    // was rendered with the default execution=render: treat it as asked for, without action/cData.
    timer = win.setTimeout(() => {
      if (!stopped && !gotParams) update({ executed: true }, false);
    }, EXTRA_PARAMS_WAIT_MS * 2);
  }, EXTRA_PARAMS_WAIT_MS);
  return {
    deliver(token: string): boolean {
      // `case "complete"`: sets the widget's response to `token`; without `sToken` (clearance
      // redemption, `e`) it runs `n`: fills cf-turnstile-response (and g-recaptcha-response with
      // compat=recaptcha, cf_challenge_response for legacy keys) via `xr`, then the callback.
      if (stopped || !isToken(token)) return false;
      return post('complete', { token });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        win.clearTimeout(timer);
        win.removeEventListener('message', onMessage);
      } catch {
        // ignore
      }
    },
  };
}

export const turnstileAgent: FrameAgent = { vendor: 'turnstile', parse, start };
