// The real-vendor rig: e2e/rig.mjs's browser (launch) with the vendors' REAL client scripts, read from the
// vendor corpus outside the repository (e2e/real/README.md), instead of the offline imitations. Vendor frame
// documents are our stubs (e2e/real/stubs, found by rig.mjs's vendorFile), fixture pages are e2e/real/pages.
// Every request is answered here: nothing reaches the network, and what no rule answers is logged.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { Frame, Page, Request, Route } from 'playwright-core';
import type {} from 'vitest';
import { ALT, EXT_DIR, type Harness, type LaunchOptions, launch, SITE, vendorFile } from '../rig.mjs';

/** What each test records for the summary (summary-reporter.ts). */
declare module 'vitest' {
  interface TaskMeta {
    real?: {
      detectMs?: number;
      fillMs?: number;
      notes?: string[];
      /** What differed from the render without the extension (empty: rendered the same). */
      renderDiffs?: string[];
      /** The first failure of the solving part, first line (undefined: solved as expected). */
      solveError?: string;
      /** Page-visible differences (no-trace tests). */
      traces?: string[];
    };
  }
}

export const REAL = import.meta.dirname;
export const PAGES = join(REAL, 'pages');
export const STUBS = join(REAL, 'stubs');
export const OUT = join(REAL, 'out');
export const CORPUS = resolve(process.env.VENDOR_CORPUS || join(homedir(), '.cache/vendor-corpus'));
export const RELEASE = 'rPvs0Nyx3sANE-ZHUN-0nM85';
export const RELEASE_URL = `https://www.gstatic.com/recaptcha/releases/${RELEASE}/recaptcha__en.js`;
export const GOOGLE_HOSTS = ['www.google.com', 'google.com', 'www.recaptcha.net', 'recaptcha.net'];

const FILES = {
  api: 'recaptcha-api.js',
  enterprise: 'recaptcha-enterprise.js',
  release: `recaptcha__en.${RELEASE}.js`,
  hcaptcha: 'hcaptcha-api.js',
  turnstile: 'turnstile-api.js',
} as const;

const ABSENT_HINT = 'get it with the steps of the vendor-corpus README (see e2e/real/README.md)';

/** Why the corpus cannot be used (a sentence for the user), or null when it is complete and consistent. */
export function corpusProblem(dir = CORPUS): string | null {
  if (!existsSync(dir)) return `The vendor corpus is absent: no folder ${dir} — ${ABSENT_HINT}.`;
  const missing = Object.values(FILES).filter((f) => !existsSync(join(dir, f)));
  if (missing.length)
    return `The vendor corpus at ${dir} is incomplete (missing ${missing.join(', ')}) — ${ABSENT_HINT}.`;
  // Self-check without keeping any hash here: the loaders' SRI must match the release's bytes.
  const release = readFileSync(join(dir, FILES.release));
  const sri = `sha384-${createHash('sha384').update(release).digest('base64')}`;
  for (const loader of [FILES.api, FILES.enterprise]) {
    if (!readFileSync(join(dir, loader), 'utf8').includes(`'${sri}'`)) {
      return (
        `The vendor corpus at ${dir} is inconsistent: ${loader}'s integrity does not match ` +
        `${FILES.release} — re-extract it (${ABSENT_HINT}).`
      );
    }
  }
  return null;
}

const corpusCache = new Map<string, string>();
const corpus = (name: string): string => {
  let text = corpusCache.get(name);
  if (text === undefined) {
    text = readFileSync(join(CORPUS, name), 'utf8');
    corpusCache.set(name, text);
  }
  return text;
};

/** A JS single-quoted literal for a query value the loader embeds (render key, onload name). */
const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const quote = (v: string) => `'${v.replace(/[\\']/g, '\\$&').replace(/[^\x20-\x7e]/g, unicodeEscape)}'`;

/**
 * Google's per-query loader, synthesized from the corpus' `render=onload` form as the vendor-corpus README
 * says: `render=<explicit|key>` replaces the pushed 'onload', `onload=<fn>` adds a push to cfg['onload'].
 * On the recaptcha.net hosts the API base points at the host the page used, as Google's own loader does.
 */
export function googleLoader(kind: 'api' | 'enterprise', url: URL): string {
  const text = corpus(FILES[kind]);
  // The statement that pushes 'onload' onto the config's `render` list: `(<cfg>['render']=…).push('onload');`
  const renderPush = /\((\w+)\[(['"])render\2\][^;]*?\.push\((['"])onload\3\);/;
  const found = renderPush.exec(text);
  if (!found) throw new Error(`${FILES[kind]}: no render push to rewrite`);
  const cfg = found[1]!;
  const render = url.searchParams.get('render');
  const onload = url.searchParams.get('onload');
  let push = render ? `(${cfg}['render']=${cfg}['render']||[]).push(${quote(render)});` : found[0];
  if (onload) push += `(${cfg}['onload']=${cfg}['onload']||[]).push(${quote(onload)});`;
  let out = text.slice(0, found.index) + push + text.slice(found.index + found[0].length);
  if (url.hostname.endsWith('recaptcha.net')) {
    out = out.replace(
      /(['"])https:\/\/www\.google\.com\/recaptcha\//,
      '$1https://www.recaptcha.net/recaptcha/',
    );
  }
  return out;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.json': 'application/json',
};
const JS = TYPES['.js']!;

/** What answers a vendor URL: the corpus (loaders, release) or one of our stubs; null when nothing does. */
function vendorAnswer(
  url: URL,
): { body: string | Buffer; contentType: string; headers?: Record<string, string> } | null {
  const host = url.hostname;
  if (GOOGLE_HOSTS.includes(host)) {
    if (url.pathname === '/recaptcha/api.js') return { body: googleLoader('api', url), contentType: JS };
    if (url.pathname === '/recaptcha/enterprise.js')
      return { body: googleLoader('enterprise', url), contentType: JS };
  }
  if (url.href.split('?')[0] === RELEASE_URL) {
    // The loader sets crossOrigin='anonymous' and an SRI hash: without CORS the script is refused.
    return { body: corpus(FILES.release), contentType: JS, headers: { 'access-control-allow-origin': '*' } };
  }
  if (host === 'js.hcaptcha.com' && url.pathname === '/1/api.js')
    return { body: corpus(FILES.hcaptcha), contentType: JS };
  if (host === 'challenges.cloudflare.com' && url.pathname === '/turnstile/v0/api.js') {
    return { body: corpus(FILES.turnstile), contentType: JS };
  }
  // Frame documents: our stubs, laid out as e2e/real/stubs/<host>/<path> (rig.mjs's host aliases apply).
  const isVendorHost =
    GOOGLE_HOSTS.includes(host) || host.endsWith('.hcaptcha.com') || host === 'challenges.cloudflare.com';
  const file = isVendorHost ? vendorFile(url.href, STUBS) : null;
  if (file) return { body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'text/plain' };
  return null;
}

/** String literals of the built main-world script that look like event names: what a page reading the
 * public package could listen for (the no-trace checks listen for them on window and document). */
export function extensionEventNames(extDir = EXT_DIR): string[] {
  const names = new Set<string>();
  const dir = join(extDir, 'content-scripts');
  if (!existsSync(dir)) return [];
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.js')) continue;
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/["'`]([a-z][\w-]*:[a-z][\w-]*)["'`]/gi)) names.add(m[1]!);
  }
  return [...names].sort();
}

/** The page-side observer every fixture page loads first (`/observe.js`), with the event names to hear. */
function observeScript(eventNames: string[]): string {
  const listen = `;window.__obs.listen(${JSON.stringify(eventNames)});\n`;
  return `${readFileSync(join(PAGES, 'observe.js'), 'utf8')}\n${listen}`;
}

export interface Post {
  url: string;
  at: number;
  fields: Record<string, string>;
}

export interface RealHarness {
  h: Harness;
  extension: boolean;
  /** Forms posted to `/__post` on either fixture origin. */
  posts: Post[];
  /** Requests no rule answered (aborted as offline). */
  unanswered: string[];
  /** Console lines per page (frames included), `type: text`. */
  consoleOf(page: Page): string[];
  open(path: string, opts?: { alt?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** Launch a browser (with or without the built extension) that serves the real vendor scripts. */
export async function launchReal(
  opts: LaunchOptions & { extension: boolean; eventNames?: string[] },
): Promise<RealHarness> {
  const { extension, eventNames = [], ...launchOpts } = opts;
  const h = await launch({ ...launchOpts, extensionDir: extension ? undefined : '' });
  const posts: Post[] = [];
  const unanswered: string[] = [];
  const consoles = new WeakMap<Page, string[]>();
  const observe = observeScript(eventNames);

  const handle = async (route: Route, request: Request) => {
    const url = new URL(request.url());
    if (!/^https?:$/.test(url.protocol) || url.hostname === '127.0.0.1' || url.hostname === 'localhost') {
      return route.fallback(); // rig.mjs lets these through (extension pages, the sandbox)
    }
    if (url.origin === SITE || url.origin === ALT) {
      if (url.pathname === '/__post') {
        const fields = Object.fromEntries(new URLSearchParams(request.postData() ?? '')) as Record<
          string,
          string
        >;
        posts.push({ url: url.href, at: Date.now(), fields });
        return route.fulfill({
          status: 200,
          contentType: TYPES['.html'],
          body: '<!doctype html><title>posted</title><p>posted</p>',
        });
      }
      if (url.pathname === '/observe.js')
        return route.fulfill({ status: 200, contentType: JS, body: observe });
      const file = join(PAGES, decodeURIComponent(url.pathname));
      if (file.startsWith(PAGES) && existsSync(file) && statSync(file).isFile()) {
        return route.fulfill({
          status: 200,
          contentType: TYPES[extname(file)] ?? 'text/plain',
          body: readFileSync(file),
        });
      }
      return route.fulfill({ status: 404, body: 'not found' });
    }
    const answer = vendorAnswer(url);
    if (answer) return route.fulfill({ status: 200, ...answer });
    unanswered.push(`${request.method()} ${url.origin}${url.pathname}`);
    return route.abort('internetdisconnected');
  };
  // Registered after rig.mjs's offline route, so it is asked first; it falls back only for non-web URLs.
  await h.context.route('**/*', handle);

  return {
    h,
    extension,
    posts,
    unanswered,
    consoleOf: (page) => consoles.get(page) ?? [],
    async open(path, o) {
      const page = await h.context.newPage();
      const lines: string[] = [];
      consoles.set(page, lines);
      page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
      page.setDefaultTimeout(10_000);
      await page.goto(h.fixtureUrl(path, o));
      return page;
    },
    close: () => h.close(),
  };
}

// ---------------------------------------------------------------------------------------------------
// What a site can see: snapshots compared with and without the extension.

/** Random parts of vendor ids and URLs, so two renders of one page compare equal. */
export const normalize = (s: string): string =>
  s
    .replace(/closure_(lm|uid)_\d+/g, 'closure_$1_*')
    .replace(/cf-chl-widget-[a-z0-9]+/gi, 'cf-chl-widget-*')
    .replace(/^([ac])-[a-z0-9]+$/i, '$1-*')
    .replace(/\b(g-recaptcha-response|h-captcha-response)-[a-z0-9]{6,}\b/gi, '$1-*')
    .replace(/\/cdn-cgi\/challenge-platform\/.*$/, '/cdn-cgi/challenge-platform/…');

export interface Snapshot {
  /** Every frame below the page (frame tree, closed shadow roots included): host+path | name. */
  frames: string[];
  /** Response fields (document and open shadow roots): tag name=… id=…. */
  fields: string[];
  /** Own property names of window (no indices). */
  globals: string[];
  /** `in window` for the vendor globals. */
  ins: Record<string, boolean>;
}

export const VENDOR_GLOBALS = [
  'grecaptcha',
  'hcaptcha',
  'turnstile',
  '___grecaptcha_cfg',
  '__google_recaptcha_client',
  '__recaptcha_api',
];

const frameLabel = (f: Frame) => {
  let where = f.url();
  try {
    const u = new URL(where);
    where = u.protocol.startsWith('http')
      ? `${u.host}${u.pathname}`
      : u.protocol === 'about:'
        ? where
        : `${u.protocol}…`;
  } catch {}
  return `${normalize(where)} | ${normalize(f.name())}`;
};

export async function snapshot(page: Page, root: Frame = page.mainFrame()): Promise<Snapshot> {
  const frames = page
    .frames()
    .filter((f) => f !== root && isBelow(f, root))
    .map(frameLabel)
    .sort();
  const inPage = await root.evaluate((vendorGlobals) => {
    const out: string[] = [];
    const walk = (r: Document | ShadowRoot) => {
      for (const el of r.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('textarea, input')) {
        const name = el.getAttribute('name') ?? '';
        if (/response/i.test(name) || /response/i.test(el.id))
          out.push(`${el.localName} name=${name} id=${el.id}`);
      }
      for (const el of r.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return {
      fields: out,
      globals: Object.getOwnPropertyNames(window).filter((k) => !/^\d+$/.test(k)),
      ins: Object.fromEntries(vendorGlobals.map((k) => [k, k in window])),
    };
  }, VENDOR_GLOBALS);
  return {
    frames,
    fields: inPage.fields.map(normalize).sort(),
    globals: inPage.globals.map(normalize).sort(),
    ins: inPage.ins,
  };
}

const isBelow = (f: Frame, root: Frame) => {
  for (let p = f.parentFrame(); p; p = p.parentFrame()) if (p === root) return true;
  return false;
};

/** Human-readable differences between two snapshots (empty when the site rendered the same). */
export function diffSnapshots(without: Snapshot, withExt: Snapshot): string[] {
  const out: string[] = [];
  const setDiff = (what: string, a: string[], b: string[]) => {
    const missing = a.filter((x) => !b.includes(x));
    const added = b.filter((x) => !a.includes(x));
    if (missing.length) out.push(`${what} missing with the extension: ${missing.join(', ')}`);
    if (added.length) out.push(`${what} added by the extension: ${added.join(', ')}`);
  };
  setDiff('frames', without.frames, withExt.frames);
  setDiff('response fields', without.fields, withExt.fields);
  setDiff('window globals', without.globals, withExt.globals);
  for (const k of Object.keys(without.ins)) {
    if (without.ins[k] !== withExt.ins[k])
      out.push(`'${k}' in window: ${without.ins[k]} without, ${withExt.ins[k]} with the extension`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Observables.

/** The sandbox's record of the task it created for `websiteKey` (compared trimmed), with epoch times. */
// biome-ignore lint/suspicious/noExplicitAny: the sandbox is plain JS
export function sandboxTask(h: Harness, websiteKey: string): any {
  for (const t of h.sandbox.tasks.values()) if (String(t.task.websiteKey).trim() === websiteKey) return t;
  return undefined;
}

/** When (epoch ms) the sandbox received the createTask for `websiteKey` (compared trimmed). */
export function createdAt(h: Harness, websiteKey: string): number | undefined {
  return h.sandbox.requests.find(
    (r: { path: string; body?: { task?: { websiteKey?: string } } }) =>
      r.path === '/createTask' && String(r.body?.task?.websiteKey).trim() === websiteKey,
  )?.at;
}

/** When (epoch ms) the extension first polled the task of `websiteKey` and got it ready (the token). */
export function deliveredAt(h: Harness, websiteKey: string): number | undefined {
  const taskId = sandboxTask(h, websiteKey)?.taskId;
  if (!taskId) return undefined;
  return h.sandbox.requests.find(
    (r: { path: string; body?: { taskId?: string }; reply?: { status?: string } }) =>
      r.path === '/getTaskResult' && r.body?.taskId === taskId && r.reply?.status === 'ready',
  )?.at;
}

/** The page observer's record (pages/observe.js). */
export interface Observed {
  dcl: number;
  events: string[];
  /** Type and detail of the events heard (diagnostics). */
  heard: string[];
  filled: Record<string, { at: number; value: string }>;
  marks: Record<string, number>;
}
export const observed = (frame: Page | Frame): Promise<Observed> =>
  frame.evaluate(() => {
    const o = (window as unknown as { __obs: Observed }).__obs;
    return JSON.parse(
      JSON.stringify({ dcl: o.dcl, events: o.events, heard: o.heard, filled: o.filled, marks: o.marks }),
    );
  });
