// The real-vendor rig for Firefox ESR: e2e/firefox/rig.mjs's browser (the built Firefox MV3 extension over
// WebDriver BiDi, every https host through the rig's local TLS proxy) with a resolver that answers like the
// Chromium real-vendor rig (e2e/real/real-rig.ts): the fixture pages of e2e/real/pages on site.test and
// other.test, Google's per-query loaders synthesized from the vendor corpus (googleLoader), the release at
// RELEASE_URL (with CORS, the loader asks for it with SRI), hCaptcha's and Turnstile's real api.js, and our
// stubs (e2e/real/stubs) for the vendor frame documents. Nothing reaches the network; what no rule answers
// is recorded.
//
// Form posts: the proxy hands its resolver the method and headers but drains the body, so `/__post`
// answers 307 to a collector on 127.0.0.1 (loopback bypasses the proxy); a 307 keeps the method and the
// body, so the browser posts the same form again there, and the collector records its fields.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import type { ProxyResolver, ProxyResponse } from '../../firefox/proxy.mjs';
import {
  ALT,
  FIREFOX,
  FIREFOX_EXT_DIR,
  type FirefoxHarness,
  type FirefoxLaunchOptions,
  launch,
  SITE,
} from '../../firefox/rig.mjs';
import { vendorFile } from '../../rig.mjs';
import {
  CORPUS,
  corpusProblem,
  GOOGLE_HOSTS,
  googleLoader,
  normalize,
  type Observed,
  PAGES,
  RELEASE,
  RELEASE_URL,
  STUBS,
  VENDOR_GLOBALS,
} from '../real-rig';

export { ALT, SITE };

/** Why this suite cannot run here (a sentence), or null. Never throws: a missing piece skips the suite. */
export function skipReason(): string | null {
  const corpus = corpusProblem();
  if (corpus) return `Firefox real-vendor cases skipped: ${corpus}`;
  if (!existsSync(FIREFOX))
    return (
      `Firefox real-vendor cases skipped: no Firefox at ${FIREFOX} (apt-get install -y firefox-esr, ` +
      `or set FIREFOX_PATH).`
    );
  return null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.json': 'application/json',
};
const JS = TYPES['.js']!;
const HTML = TYPES['.html']!;

const corpusCache = new Map<string, string>();
/** A vendor file of the corpus (read once; never copied anywhere). */
const corpus = (name: string): string => {
  let text = corpusCache.get(name);
  if (text === undefined) {
    text = readFileSync(join(CORPUS, name), 'utf8');
    corpusCache.set(name, text);
  }
  return text;
};

/** Event-name-like literals of the built content side: the page observer listens for them (diagnostics). */
export function extensionEventNames(extDir = FIREFOX_EXT_DIR): string[] {
  const names = new Set<string>();
  if (!existsSync(extDir)) return [];
  for (const f of readdirSync(extDir)) {
    if (!f.endsWith('.js') || f === 'background.js') continue;
    const text = readFileSync(join(extDir, f), 'utf8');
    for (const m of text.matchAll(/["'`]([a-z][\w-]*:[a-z][\w-]*)["'`]/gi)) names.add(m[1]!);
  }
  return [...names].sort();
}

/**
 * A document with empty response fields and no vendor script, on either fixture origin at
 * `/__replaced.html`: what a frame is navigated to in the documentId case (its fields must stay empty).
 */
export const REPLACED_DOC = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>replaced</title>
<script src="/observe.js"></script>
</head><body>
<form id="login" action="/__post" method="post">
  <textarea id="g-recaptcha-response" name="g-recaptcha-response" style="display:none"></textarea>
  <input type="hidden" name="cf-turnstile-response" value="">
  <button id="go" type="submit">Log in</button>
</form>
</body></html>
`;

export interface Post {
  /** The URL the page posted to (before the 307). */
  url: string;
  at: number;
  fields: Record<string, string>;
}

/** The loopback server the 307 sends posts to. */
async function startPostCollector(posts: Post[]) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST') {
        const fields = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        posts.push({ url: u.searchParams.get('from') ?? '', at, fields });
      }
      res.writeHead(200, { 'content-type': HTML, 'cache-control': 'no-store' });
      res.end('<!doctype html><title>posted</title><p>posted</p>');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const text = (body: string | Buffer, contentType: string, headers: Record<string, string> = {}) =>
  ({ status: 200, headers: { 'content-type': contentType, ...headers }, body }) satisfies ProxyResponse;

/** What answers a vendor URL: the corpus (loaders, release, api.js) or one of our stubs; null otherwise. */
export function vendorAnswer(url: URL): ProxyResponse | null {
  const host = url.hostname;
  if (GOOGLE_HOSTS.includes(host)) {
    if (url.pathname === '/recaptcha/api.js') return text(googleLoader('api', url), JS);
    if (url.pathname === '/recaptcha/enterprise.js') return text(googleLoader('enterprise', url), JS);
  }
  if (url.href.split('?')[0] === RELEASE_URL) {
    // The loader sets crossOrigin='anonymous' and an SRI hash: without CORS the script is refused.
    return text(corpus(`recaptcha__en.${RELEASE}.js`), JS, { 'access-control-allow-origin': '*' });
  }
  if (host === 'js.hcaptcha.com' && url.pathname === '/1/api.js') return text(corpus('hcaptcha-api.js'), JS);
  if (host === 'challenges.cloudflare.com' && url.pathname === '/turnstile/v0/api.js')
    return text(corpus('turnstile-api.js'), JS);
  const isVendorHost =
    GOOGLE_HOSTS.includes(host) || host.endsWith('.hcaptcha.com') || host === 'challenges.cloudflare.com';
  const file = isVendorHost ? vendorFile(url.href, STUBS) : null;
  if (file) return text(readFileSync(file), TYPES[extname(file)] ?? 'text/plain');
  return null;
}

export interface RealFirefox {
  h: FirefoxHarness;
  extension: boolean;
  /** Forms posted to `/__post` on either fixture origin (via the 307 to the collector). */
  posts: Post[];
  /** Requests no rule answered (dropped: a network error, as offline). */
  unanswered: string[];
  /** Console lines and page errors per page, `type: text`. */
  consoleOf(page: Page): string[];
  /** A new tab on a fixture page (e2e/real/pages), its load event waited for. */
  open(path: string, opts?: { alt?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** Firefox ESR, with or without the built extension, serving the real vendor scripts. */
export async function launchRealFirefox(
  opts: Omit<FirefoxLaunchOptions, 'resolve' | 'extensionDir'> & {
    extension: boolean;
    eventNames?: string[];
  },
): Promise<RealFirefox> {
  const { extension, eventNames = [], ...launchOpts } = opts;
  const posts: Post[] = [];
  const unanswered: string[] = [];
  const collector = await startPostCollector(posts);
  const listen = `;window.__obs.listen(${JSON.stringify(eventNames)});\n`;
  const observe = `${readFileSync(join(PAGES, 'observe.js'), 'utf8')}\n${listen}`;

  const resolve: ProxyResolver = (raw, request) => {
    const url = new URL(raw);
    if (url.origin === SITE || url.origin === ALT) {
      if (url.pathname === '/__post') {
        if (request.method !== 'POST') return { status: 405, body: 'POST only' };
        return {
          status: 307,
          headers: { location: `${collector.url}/__post?from=${encodeURIComponent(url.href)}` },
          body: '',
        };
      }
      if (url.pathname === '/observe.js') return text(observe, JS);
      if (url.pathname === '/__replaced.html') return text(REPLACED_DOC, HTML);
      const file = join(PAGES, decodeURIComponent(url.pathname));
      if (file.startsWith(PAGES) && existsSync(file) && statSync(file).isFile())
        return text(readFileSync(file), TYPES[extname(file)] ?? 'text/plain');
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
    }
    const answer = vendorAnswer(url);
    if (answer) return answer;
    unanswered.push(`${request.method} ${url.origin}${url.pathname}`);
    return null;
  };

  let h: FirefoxHarness;
  try {
    h = await launch({
      ...launchOpts,
      resolve,
      extensionDir: extension ? undefined : null,
      // A secure page posting to http://127.0.0.1 (the collector) must not be held by a warning page.
      prefs: { 'security.warn_submit_secure_to_insecure': false, ...launchOpts.prefs },
    });
  } catch (e) {
    await collector.close();
    throw e;
  }
  const consoles = new WeakMap<Page, string[]>();
  return {
    h,
    extension,
    posts,
    unanswered,
    consoleOf: (page) => consoles.get(page) ?? [],
    async open(path, o) {
      const page = await h.browser.newPage();
      const lines: string[] = [];
      consoles.set(page, lines);
      page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => lines.push(`pageerror: ${e instanceof Error ? e.message : String(e)}`));
      page.setDefaultTimeout(15_000);
      await page.goto(h.fixtureUrl(path, o));
      return page;
    },
    async close() {
      await h.close();
      await collector.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// What a site can see, with and without the extension (a simpler snapshot than the Chromium suite's).

export interface Snapshot {
  /** Every frame below the page (BiDi's browsing-context tree: cross-origin and closed shadow roots too). */
  frames: string[];
  /** Response fields (document and open shadow roots): tag name=… id=…. */
  fields: string[];
  /** Own property names of window (no indices). */
  globals: string[];
  /** `in window` for the vendor globals. */
  ins: Record<string, boolean>;
}

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
  return normalize(where);
};

const isBelow = (f: Frame, root: Frame) => {
  for (let p = f.parentFrame(); p; p = p.parentFrame()) if (p === root) return true;
  return false;
};

export async function snapshot(page: Page, root: Frame = page.mainFrame()): Promise<Snapshot> {
  const frames = page
    .frames()
    .filter((f) => f !== root && isBelow(f, root))
    .map(frameLabel)
    .sort();
  const inPage = await root.evaluate((vendorGlobals: string[]) => {
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

/** The page observer's record (e2e/real/pages/observe.js). */
export const observed = (frame: Page | Frame): Promise<Observed> =>
  frame.evaluate(() => {
    const o = (window as unknown as { __obs: Observed }).__obs;
    return JSON.parse(
      JSON.stringify({ dcl: o.dcl, events: o.events, heard: o.heard, filled: o.filled, marks: o.marks }),
    );
  });
