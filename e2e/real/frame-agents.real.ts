// The frame agents (lib/captcha/<vendor>/agent.ts) against the vendors' REAL api.js, without the extension:
// Chromium loads a test page on https://site.test with the real Turnstile / hCaptcha api.js from the vendor
// corpus (outside the repository, e2e/real/README.md), the vendors' widget iframes are small stub documents
// that speak just enough of the frame protocol (Turnstile: init, watchdog food; hCaptcha: ready/loaded,
// site-setup), and our agent runs in an ISOLATED world of the vendor frame, as a content script would.
// It delivers a token through the vendor's own completion message; the real api.js must then fill the
// response fields, run the site's callback and answer getResponse() itself.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Frame, type Page } from 'playwright-core';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameWidget } from '../../lib/captcha/frame-agent/types';

const ROOT = resolve(import.meta.dirname, '../..');
const CORPUS = resolve(process.env.VENDOR_CORPUS || join(homedir(), '.cache/vendor-corpus'));
const SITE = 'https://site.test';
const TS_KEY = '1x00000000000000000000AA';
const HC_KEY = '10000000-ffff-ffff-ffff-000000000001';

/**
 * The agents as one script for a frame: each module transpiled to CommonJS behind a tiny require(), keyed
 * by the specifier the agents import it with.
 */
function agentScript(): string {
  const files = {
    '../frame-agent/types': 'lib/captcha/frame-agent/types.ts',
    './turnstile': 'lib/captcha/turnstile/agent.ts',
    './hcaptcha': 'lib/captcha/hcaptcha/agent.ts',
  };
  const mods = Object.entries(files).map(([specifier, file]) => {
    const src = readFileSync(join(ROOT, file), 'utf8');
    const js = ts.transpileModule(src, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    }).outputText;
    return `${JSON.stringify(specifier)}: function (exports, require) {\n${js}\n}`;
  });
  return `(() => {
    const defs = {${mods.join(',\n')}};
    const cache = {};
    const require = (n) => { if (!cache[n]) { cache[n] = {}; defs[n](cache[n], require); } return cache[n]; };
    return {
      turnstile: require('./turnstile').turnstileAgent,
      hcaptcha: require('./hcaptcha').hcaptchaAgent,
    };
  })()`;
}

/** Starts the agent in the frame: globalThis.__agent = { widget, changes, handle }; returns the widget. */
const bootAgent = (script: string, vendor: FrameWidget['vendor']) => `(() => {
  const agent = (${script})[${JSON.stringify(vendor)}];
  const widget = agent.parse(location.href);
  const state = { widget, changes: [], handle: null };
  if (widget) state.handle = agent.start(window, widget, (w) => state.changes.push(w));
  globalThis.__agent = state;
  return widget;
})()`;

// ---- stub vendor frames (ours: they imitate only the frame side of the protocol) -------------------------

/** Turnstile challenge frame: `init` (mode managed), answers the watchdog, records what the page sends,
 *  and asks for extraParams when the test calls __request() (the real frame asks by itself). */
const TURNSTILE_FRAME = `<!doctype html><title>turnstile stub</title><script>
  const seg = location.pathname.split('/');
  const fb = seg.findIndex((s) => s === 'fbE' || s === 'fbD');
  const widgetId = seg[fb - 3];
  const post = (m) => parent.postMessage({ source: 'cloudflare-challenge', widgetId, ...m }, '*');
  window.__seen = [];
  addEventListener('message', (e) => {
    const d = e.data;
    if (!d || d.source !== 'cloudflare-challenge' || d.widgetId !== widgetId) return;
    __seen.push(d.event);
    if (d.event === 'meow') post({ event: 'food', seq: d.seq });
  });
  window.__request = () => post({ event: 'requestExtraParams' });
  window.__post = (event) => post({ event });
  post({ event: 'init', mode: 'managed', nextRcV: '0/0' });
</script>`;

/** hCaptcha frames: the checkbox says checkbox-ready, answers site-setup with checkbox-loaded; the
 *  challenge frame says challenge-loaded and site-setup (what makes the widget ready for execute()). */
const HCAPTCHA_FRAME = `<!doctype html><title>hcaptcha stub</title><script>
  const q = new URLSearchParams(location.hash.slice(1));
  const id = q.get('id');
  const send = (label, contents) => {
    const message = { source: 'hcaptcha', label, id, ...(contents ? { contents } : {}) };
    parent.postMessage(JSON.stringify(message), '*');
  };
  window.__seen = [];
  addEventListener('message', (e) => {
    if (typeof e.data !== 'string' || e.data.indexOf('hcaptcha') < 0) return;
    const m = JSON.parse(e.data);
    if (m.id !== id) return;
    __seen.push(m.label);
    if (q.get('frame') === 'checkbox' && m.label === 'site-setup') send('checkbox-loaded', { x: 0, y: 0 });
  });
  if (q.get('frame') === 'checkbox') send('checkbox-ready');
  if (q.get('frame') === 'challenge') {
    send('challenge-loaded');
    send('site-setup', { ok: { features: {} } });
  }
</script>`;

// ---- test pages ---------------------------------------------------------------------------------------

const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>frame agents</title>
<script>window.__calls = []; const record = (name) => (token) => __calls.push([name, token]);
window.onTs = record('onTs'); window.onHc = record('onHc');</script></head><body>
<form id="f">${body}</form></body></html>`;

const TS_API = 'https://challenges.cloudflare.com/turnstile/v0/api.js';
const HC_API = 'https://js.hcaptcha.com/1/api.js';
const PAGES: Record<string, string> = {
  '/ts-implicit.html': page(
    `<div class="cf-turnstile" data-sitekey="${TS_KEY}" data-callback="onTs" data-action="login" ` +
      `data-cdata="cd-1"></div>
     <script src="${TS_API}"></script>`,
  ),
  '/ts-explicit.html': page(
    `<div id="box"></div>
     <script>window.onload2 = () => {
       window.__id = turnstile.render('#box', {
         sitekey: '${TS_KEY}', action: 'signup', cData: 'c2', callback: record('render-cb'),
       });
     };</script>
     <script src="${TS_API}?render=explicit&onload=onload2"></script>`,
  ),
  '/ts-execute.html': page(
    `<div id="box"></div>
     <script>window.onload2 = () => {
       window.__id = turnstile.render('#box', {
         sitekey: '${TS_KEY}', execution: 'execute', callback: record('render-cb'),
       });
     };</script>
     <script src="${TS_API}?render=explicit&onload=onload2"></script>`,
  ),
  '/ts-compat.html': page(
    `<div class="g-recaptcha" data-sitekey="${TS_KEY}" data-callback="onTs"></div>
     <script src="${TS_API}?compat=recaptcha"></script>`,
  ),
  '/hc-checkbox.html': page(
    `<div class="h-captcha" data-sitekey="${HC_KEY}" data-callback="onHc"></div>
     <script src="${HC_API}?hl=en"></script>`,
  ),
  '/hc-invisible.html': page(
    `<div id="hc" class="h-captcha" data-sitekey="${HC_KEY}" data-size="invisible" data-callback="onHc"></div>
     <script src="${HC_API}?hl=en"></script>`,
  ),
};

// ---- the browser ----------------------------------------------------------------------------------------

let browser: Browser;
let context: BrowserContext;
const unanswered: string[] = [];
const script = agentScript();
const corpusFile = (f: string) => readFileSync(join(CORPUS, f), 'utf8');
const hasCorpus = ['turnstile-api.js', 'hcaptcha-api.js'].every((f) => existsSync(join(CORPUS, f)));

beforeAll(async () => {
  if (!hasCorpus) return;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  context = await browser.newContext();
  const html = (body: string) => ({ status: 200, contentType: 'text/html; charset=utf-8', body });
  const js = (body: string) => ({ status: 200, contentType: 'text/javascript; charset=utf-8', body });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const at = `${url.origin}${url.pathname}`;
    if (url.origin === SITE && PAGES[url.pathname]) return route.fulfill(html(PAGES[url.pathname]!));
    if (at === TS_API) return route.fulfill(js(corpusFile('turnstile-api.js')));
    if (at === HC_API) return route.fulfill(js(corpusFile('hcaptcha-api.js')));
    if (url.hostname === 'challenges.cloudflare.com' && url.pathname.includes('/turnstile/if/'))
      return route.fulfill(html(TURNSTILE_FRAME));
    if (url.hostname === 'newassets.hcaptcha.com' && url.pathname.endsWith('/hcaptcha.html'))
      return route.fulfill(html(HCAPTCHA_FRAME));
    unanswered.push(url.href);
    return route.abort();
  });
});

afterAll(async () => {
  await browser?.close();
  if (unanswered.length) console.log('frame-agents: unanswered requests', unanswered);
});

/** Evaluate in an isolated world of `frame` (a content script's world), through CDP. */
async function isolatedWorld(p: Page, frame: Frame): Promise<(expression: string) => Promise<unknown>> {
  // Vendor frames are cross-site: out-of-process frames with their own CDP target (else the page's).
  const cdp = await context.newCDPSession(frame).catch(() => context.newCDPSession(p));
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as {
    frameTree: { frame: { id: string; url: string; urlFragment?: string }; childFrames?: unknown[] };
  };
  type Node = { frame: { id: string; url: string; urlFragment?: string }; childFrames?: Node[] };
  const find = (n: Node): string | null =>
    `${n.frame.url}${n.frame.urlFragment ?? ''}` === frame.url() || n.frame.url === frame.url()
      ? n.frame.id
      : ((n.childFrames ?? []).map(find).find(Boolean) ?? null);
  const frameId = find(frameTree as Node);
  if (!frameId) throw new Error(`no CDP frame for ${frame.url()}`);
  const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
    frameId,
    worldName: 'anysolver-frame-agent',
  })) as { executionContextId: number };
  return async (expression: string) => {
    const r = (await cdp.send('Runtime.evaluate', {
      expression,
      contextId: executionContextId,
      returnByValue: true,
      awaitPromise: true,
    })) as {
      result: { value: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (r.exceptionDetails)
      throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
}

async function frameMatching(p: Page, test: (url: string) => boolean): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    const f = p.frames().find((fr) => test(fr.url()));
    if (f) {
      await f.waitForLoadState('load');
      return f;
    }
    await p.waitForTimeout(100);
  }
  throw new Error(`no frame among ${p.frames().map((f) => f.url())}`);
}

interface AgentState {
  widget: FrameWidget | null;
  changes: FrameWidget[];
}
const state = (world: (e: string) => Promise<unknown>) =>
  world('({ widget: __agent.widget, changes: __agent.changes })') as Promise<AgentState>;
const deliver = (world: (e: string) => Promise<unknown>, token: string) =>
  world(`__agent.handle.deliver(${JSON.stringify(token)})`) as Promise<boolean>;
const calls = (p: Page) => p.evaluate(() => (window as unknown as { __calls: [string, string][] }).__calls);
const waitCalls = (p: Page) =>
  p.waitForFunction(() => (window as unknown as { __calls: unknown[] }).__calls.length > 0, undefined, {
    timeout: 5000,
  });
const values = (p: Page, selector: string) =>
  p.evaluate((s) => [...document.querySelectorAll<HTMLInputElement>(s)].map((e) => e.value), selector);

const turnstileFrame = (p: Page) => frameMatching(p, (u) => u.includes('/turnstile/if/'));

describe.skipIf(!hasCorpus)('frame agents on the real api.js', () => {
  it('Turnstile implicit (data-callback): params learnt passively, token through complete', async () => {
    const p = await context.newPage();
    await p.goto(`${SITE}/ts-implicit.html`);
    const frame = await turnstileFrame(p);
    const world = await isolatedWorld(p, frame);
    const widget = (await world(bootAgent(script, 'turnstile'))) as FrameWidget;
    expect(widget).toMatchObject({ vendor: 'turnstile', websiteKey: TS_KEY });
    expect(widget.widgetId).toMatch(/^[a-z0-9]{5}$/);
    // A content script's world: the frame's own globals are not visible from it.
    expect(await world('typeof window.__request')).toBe('undefined');
    // The "real" frame asks for its params now: the agent only listens to the answer.
    await frame.evaluate(() => (window as unknown as { __request(): void }).__request());
    await p.waitForTimeout(900);
    const s = await state(world);
    expect(s.changes.at(-1)).toMatchObject({ action: 'login', cData: 'cd-1', executed: true });
    // One request only (the frame's): the agent did not ask again. Watchdog pings were answered.
    const seen = (await frame.evaluate(() => (window as unknown as { __seen: string[] }).__seen)) as string[];
    expect(seen.filter((e) => e === 'extraParams')).toHaveLength(1);
    expect(seen).toContain('meow');

    const token = '0.ts-implicit.TOKEN';
    expect(await deliver(world, token)).toBe(true);
    await waitCalls(p);
    expect(await calls(p)).toEqual([['onTs', token]]);
    expect(await values(p, 'input[name="cf-turnstile-response"]')).toEqual([token]);
    expect(
      await p.evaluate(() =>
        (window as unknown as { turnstile: { getResponse(): string } }).turnstile.getResponse(),
      ),
    ).toBe(token);
    // The form carries it.
    expect(await p.evaluate(() => new FormData(document.forms[0]!).get('cf-turnstile-response'))).toBe(token);
    // A completed widget is no longer watched (`Ur` skips it): the frame could go quiet now.
    const meows = async () =>
      ((await frame.evaluate(() => (window as unknown as { __seen: string[] }).__seen)) as string[]).filter(
        (e) => e === 'meow',
      ).length;
    const before = await meows();
    await p.waitForTimeout(2000);
    expect(await meows()).toBe(before);
    await p.close();
  });

  it('Turnstile explicit with callback: the agent asks for params the frame did not get', async () => {
    const p = await context.newPage();
    await p.goto(`${SITE}/ts-explicit.html`);
    const frame = await turnstileFrame(p);
    const world = await isolatedWorld(p, frame);
    await world(bootAgent(script, 'turnstile'));
    await p.waitForTimeout(900);
    const s = await state(world);
    expect(s.changes.find((c) => c.action)).toMatchObject({ action: 'signup', cData: 'c2' });
    expect(s.changes.at(-1)?.executed).toBe(true);
    const token = '0.ts-explicit.TOKEN';
    expect(await deliver(world, token)).toBe(true);
    await waitCalls(p);
    expect(await calls(p)).toEqual([['render-cb', token]]);
    const got = await p.evaluate(() => {
      const w = window as unknown as { turnstile: { getResponse(id?: string): string }; __id: string };
      return [w.turnstile.getResponse(w.__id), w.turnstile.getResponse()];
    });
    expect(got).toEqual([token, token]);
    expect(await values(p, 'input[name="cf-turnstile-response"]')).toEqual([token]);
    await p.close();
  });

  it('Turnstile execution=execute: the frame learns of execute(), then delivery works', async () => {
    const p = await context.newPage();
    await p.goto(`${SITE}/ts-execute.html`);
    const frame = await turnstileFrame(p);
    const world = await isolatedWorld(p, frame);
    await world(bootAgent(script, 'turnstile'));
    await frame.evaluate(() => (window as unknown as { __request(): void }).__request());
    await p.waitForTimeout(900);
    expect((await state(world)).changes.some((c) => c.executed)).toBe(false);
    await p.evaluate(() => {
      const w = window as unknown as { turnstile: { execute(id: string): void }; __id: string };
      w.turnstile.execute(w.__id);
    });
    await p.waitForTimeout(200);
    expect((await state(world)).changes.at(-1)?.executed).toBe(true);
    const token = '0.ts-execute.TOKEN';
    expect(await deliver(world, token)).toBe(true);
    await waitCalls(p);
    expect(await calls(p)).toEqual([['render-cb', token]]);
    await p.close();
  });

  it('Turnstile compat=recaptcha: cf- and g-recaptcha-response, grecaptcha.getResponse', async () => {
    const p = await context.newPage();
    await p.goto(`${SITE}/ts-compat.html`);
    const frame = await turnstileFrame(p);
    const world = await isolatedWorld(p, frame);
    await world(bootAgent(script, 'turnstile'));
    await frame.evaluate(() => (window as unknown as { __request(): void }).__request());
    const token = '0.ts-compat.TOKEN';
    expect(await deliver(world, token)).toBe(true);
    await waitCalls(p);
    expect(await calls(p)).toEqual([['onTs', token]]);
    expect(await values(p, 'input[name="cf-turnstile-response"]')).toEqual([token]);
    expect(await values(p, 'input[name="g-recaptcha-response"]')).toEqual([token]);
    expect(
      await p.evaluate(() =>
        (window as unknown as { grecaptcha: { getResponse(): string } }).grecaptcha.getResponse(),
      ),
    ).toBe(token);
    await p.close();
  });

  it('Turnstile: a completion posted by the page itself (not the vendor) is ignored by api.js', async () => {
    // Sanity check of the premise: only the frame's origin can complete a widget.
    const p = await context.newPage();
    await p.goto(`${SITE}/ts-implicit.html`);
    const frame = await turnstileFrame(p);
    const world = await isolatedWorld(p, frame);
    const widget = (await world(bootAgent(script, 'turnstile'))) as FrameWidget;
    await p.evaluate((id) => {
      window.postMessage(
        { source: 'cloudflare-challenge', widgetId: id, event: 'complete', token: 'forged' },
        '*',
      );
    }, widget.widgetId);
    await p.waitForTimeout(300);
    expect(await calls(p)).toEqual([]);
    await p.close();
  });

  it('Turnstile, a known hazard: the real frame, running its challenge, can wipe our token', async () => {
    // api.js's `interactiveTimeout` (and `fail`) handlers empty the response fields whatever came
    // before: after delivering, the real frame must not be left to time out (see the lead's notes).
    const p = await context.newPage();
    await p.goto(`${SITE}/ts-implicit.html`);
    const frame = await turnstileFrame(p);
    const world = await isolatedWorld(p, frame);
    await world(bootAgent(script, 'turnstile'));
    await frame.evaluate(() => (window as unknown as { __request(): void }).__request());
    expect(await deliver(world, '0.ts-wiped.TOKEN')).toBe(true);
    await waitCalls(p);
    expect(await values(p, 'input[name="cf-turnstile-response"]')).toEqual(['0.ts-wiped.TOKEN']);
    await frame.evaluate(() =>
      (window as unknown as { __post(e: string): void }).__post('interactiveTimeout'),
    );
    await p.waitForTimeout(300);
    expect(await values(p, 'input[name="cf-turnstile-response"]')).toEqual(['']);
    await p.close();
  });

  it('hCaptcha checkbox: challenge-passed: both textareas, data-callback, getResponse, tick', async () => {
    const p = await context.newPage();
    await p.goto(`${SITE}/hc-checkbox.html`);
    const challenge = await frameMatching(p, (u) => u.includes('#frame=challenge'));
    const checkbox = await frameMatching(p, (u) => u.includes('#frame=checkbox&'));
    // The agent works in the challenge frame; the checkbox frame is not its.
    const cbWorld = await isolatedWorld(p, checkbox);
    expect(await cbWorld(bootAgent(script, 'hcaptcha'))).toBeNull();
    const world = await isolatedWorld(p, challenge);
    const widget = (await world(bootAgent(script, 'hcaptcha'))) as FrameWidget;
    const iframeId = await p.evaluate(() =>
      document.querySelector('iframe[data-hcaptcha-widget-id]')?.getAttribute('data-hcaptcha-widget-id'),
    );
    expect(widget).toEqual({ vendor: 'hcaptcha', widgetId: iframeId, websiteKey: HC_KEY });
    await p.waitForTimeout(300);
    const token = 'P1_eyJ0eXAiOiJKV1Qi.hc-checkbox.TOKEN';
    expect(await deliver(world, token)).toBe(true);
    await waitCalls(p);
    expect(await calls(p)).toEqual([['onHc', token]]);
    expect(await values(p, 'textarea[name="h-captcha-response"]')).toEqual([token]);
    expect(await values(p, 'textarea[name="g-recaptcha-response"]')).toEqual([token]);
    const api = await p.evaluate(() => {
      const w = window as unknown as {
        hcaptcha: { getResponse(id?: string): string };
        grecaptcha: { getResponse(): string };
      };
      return [w.hcaptcha.getResponse(), w.grecaptcha.getResponse()];
    });
    expect(api).toEqual([token, token]);
    await p.waitForTimeout(200);
    const seen = (await checkbox.evaluate(
      () => (window as unknown as { __seen: string[] }).__seen,
    )) as string[];
    expect(seen).toContain('checkbox-tick');
    await p.close();
  });

  it('hCaptcha invisible: rqdata, execute({ async }) reaches the frame, delivery resolves it', async () => {
    const p = await context.newPage();
    await p.goto(`${SITE}/hc-invisible.html`);
    const challenge = await frameMatching(p, (u) => u.includes('#frame=challenge'));
    const world = await isolatedWorld(p, challenge);
    const widget = (await world(bootAgent(script, 'hcaptcha'))) as FrameWidget;
    expect(widget).toMatchObject({ vendor: 'hcaptcha', websiteKey: HC_KEY, invisible: true });
    await p.waitForTimeout(300);
    expect((await state(world)).changes).toEqual([]);
    await p.evaluate(() => {
      const w = window as unknown as {
        hcaptcha: { setData(d: object): void; execute(o: object): Promise<{ response: string }> };
        __calls: [string, string][];
      };
      w.hcaptcha.setData({ rqdata: 'rq-from-setData' });
      w.hcaptcha.execute({ async: true }).then((r) => w.__calls.push(['promise', r.response]));
    });
    await p.waitForTimeout(300);
    const s = await state(world);
    expect(s.changes.at(-1)).toMatchObject({ executed: true, rqdata: 'rq-from-setData', invisible: true });
    const token = 'P1_eyJ0eXAiOiJKV1Qi.hc-invisible.TOKEN';
    expect(await deliver(world, token)).toBe(true);
    await p.waitForFunction(
      () => (window as unknown as { __calls: unknown[] }).__calls.length >= 2,
      undefined,
      { timeout: 5000 },
    );
    expect(await calls(p)).toEqual([
      ['onHc', token],
      ['promise', token],
    ]);
    expect(await values(p, 'textarea[name="h-captcha-response"]')).toEqual([token]);
    expect(
      await p.evaluate(() =>
        (window as unknown as { hcaptcha: { getResponse(): string } }).hcaptcha.getResponse(),
      ),
    ).toBe(token);
    await p.close();
  });
});
