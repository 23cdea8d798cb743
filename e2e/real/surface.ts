// What a page's own script can see of its environment, enumerated the ways pages and vendor scripts probe
// it (property enumeration of window and of each object in its prototype chain, `in`, typeof,
// Function.prototype.toString of vendor functions and of the built-ins a hook could wrap, the DOM, and
// CustomEvents on window/document). Compared with and without the extension: any difference is a trace.
// Shared by the real-vendor suite (e2e/real/no-trace.real.ts) and the normal one (e2e/no-trace.e2e.ts).
import type { Frame, Page } from 'playwright-core';

export interface Surface {
  /** Per object of window's prototype chain: own names, Object.keys, own symbols. */
  chain: Array<{ label: string; names: string[]; keys: string[]; symbols: string[] }>;
  /** `'x' in window`, Object.hasOwn(window, x) and typeof window.x for the vendor globals. */
  globals: Record<string, string>;
  /** Function.prototype.toString.call(fn) per vendor function path and per watched built-in. */
  sources: Record<string, string>;
  /**
   * Every element in document order (open shadow roots included): tag and attribute names (script src/href
   * kept).
   */
  dom: string[];
  /** document-level facts: doctype, documentElement attributes, document's own properties. */
  document: string[];
  /** CustomEvents the page observed (pages/observe.js), if it loads the observer. */
  events: string[];
}

/** Runs in the page. Self-contained: no closure over test code. */
function enumerate(): Surface {
  const w = window as unknown as Record<string, unknown>;
  const toSource = Function.prototype.toString;
  const chain: Surface['chain'] = [];
  const labelOf = (o: object, i: number) => {
    if (o === window) return 'window';
    if (o === Window.prototype) return 'Window.prototype';
    if (o === EventTarget.prototype) return 'EventTarget.prototype';
    if (o === Object.prototype) return 'Object.prototype';
    return i === 2 ? 'WindowProperties' : `prototype #${i}`;
  };
  let i = 0;
  for (let o: object | null = window; o; o = Object.getPrototypeOf(o), i++) {
    const names = Object.getOwnPropertyNames(o).filter((k) => !/^\d+$/.test(k));
    chain.push({
      label: labelOf(o, i),
      names: names.sort(),
      keys: Object.keys(o)
        .filter((k) => !/^\d+$/.test(k))
        .sort(),
      symbols: Object.getOwnPropertySymbols(o).map(String).sort(),
    });
  }
  const globals: Record<string, string> = {};
  for (const k of ['grecaptcha', 'hcaptcha', 'turnstile', '___grecaptcha_cfg']) {
    globals[k] = `in=${k in window} own=${Object.hasOwn(window, k)} typeof=${typeof w[k]}`;
  }
  const sources: Record<string, string> = {};
  const describe = (path: string, obj: unknown) => {
    if (!obj || (typeof obj !== 'object' && typeof obj !== 'function')) return;
    if (typeof obj === 'function') sources[path] = toSource.call(obj);
    for (const k of Object.getOwnPropertyNames(obj)) {
      const d = Object.getOwnPropertyDescriptor(obj, k);
      if (!d) continue;
      if (d.get) sources[`${path}.${k} (getter)`] = toSource.call(d.get);
      if (d.set) sources[`${path}.${k} (setter)`] = toSource.call(d.set);
      if (typeof d.value === 'function' && !/^(length|name|prototype|caller|arguments)$/.test(k)) {
        sources[`${path}.${k}`] = toSource.call(d.value);
      }
    }
  };
  const grecaptcha = w.grecaptcha as Record<string, unknown> | undefined;
  describe('grecaptcha', grecaptcha);
  describe('grecaptcha.enterprise', grecaptcha?.enterprise);
  describe('hcaptcha', w.hcaptcha);
  describe('turnstile', w.turnstile);
  // Built-ins a main-world hook could wrap: they must still read as native code.
  const builtins: Array<[string, unknown]> = [
    ['Function.prototype.toString', Function.prototype.toString],
    ['Object.defineProperty', Object.defineProperty],
    ['Object.getOwnPropertyDescriptor', Object.getOwnPropertyDescriptor],
    ['Element.prototype.attachShadow', Element.prototype.attachShadow],
    ['EventTarget.prototype.addEventListener', EventTarget.prototype.addEventListener],
    ['window.postMessage', window.postMessage],
    ['window.fetch', window.fetch],
    ['XMLHttpRequest.prototype.open', XMLHttpRequest.prototype.open],
    ['Document.prototype.createElement', Document.prototype.createElement],
    ['Node.prototype.appendChild', Node.prototype.appendChild],
    ['Node.prototype.insertBefore', Node.prototype.insertBefore],
    ['JSON.stringify', JSON.stringify],
    ['JSON.parse', JSON.parse],
    ['CustomEvent', CustomEvent],
    ['MutationObserver', MutationObserver],
  ];
  for (const [name, fn] of builtins) sources[`builtin ${name}`] = toSource.call(fn);

  const dom: string[] = [];
  const walk = (root: Document | ShadowRoot, prefix: string) => {
    for (const el of root.querySelectorAll('*')) {
      const attrs = [...el.attributes].map((a) => {
        if ((a.name === 'src' || a.name === 'href') && /^https?:/.test(a.value)) {
          const u = new URL(a.value);
          return `${a.name}=${u.host}${u.pathname}`;
        }
        return a.name;
      });
      dom.push(`${prefix}${el.localName}[${attrs.sort().join(' ')}]`);
      if (el.shadowRoot) walk(el.shadowRoot, `${prefix}${el.localName}>#shadow>`);
    }
  };
  walk(document, '');
  const documentFacts = [
    `doctype=${document.doctype?.name ?? ''}`,
    `html attributes=${[...document.documentElement.attributes].map((a) => a.name).join(' ')}`,
    `document own names=${Object.getOwnPropertyNames(document).sort().join(' ')}`,
    `document children=${[...document.childNodes].map((n) => n.nodeName).join(' ')}`,
  ];
  const obs = (window as unknown as { __obs?: { events: string[] } }).__obs;
  return { chain, globals, sources, dom, document: documentFacts, events: [...(obs?.events ?? [])] };
}

/** Random parts of vendor-generated names and ids, and closure's per-load counters. */
const stable = (s: string) =>
  s
    .replace(/closure_(lm|uid)_\d+/g, 'closure_$1_*')
    .replace(/cf-chl-widget-[a-z0-9]+/gi, 'cf-chl-widget-*')
    .replace(/\/cdn-cgi\/challenge-platform\/\S*/g, '/cdn-cgi/challenge-platform/…');

export async function pageSurface(target: Page | Frame): Promise<Surface> {
  const s = await target.evaluate(enumerate);
  const fix = (list: string[]) => list.map(stable);
  return {
    chain: s.chain.map((c) => ({ ...c, names: fix(c.names), keys: fix(c.keys), symbols: c.symbols })),
    globals: s.globals,
    sources: s.sources,
    dom: fix(s.dom),
    // Named frames are exposed as document/window properties: reCAPTCHA names its frames a-<random>.
    document: s.document.map((d) => stable(d).replace(/\b([ac])-[a-z0-9]{8,}\b/g, '$1-*')),
    events: s.events,
  };
}

const short = (s: string | undefined) =>
  s === undefined ? '(absent)' : JSON.stringify(s.length > 90 ? `${s.slice(0, 90)}…` : s);

/** The kinds of difference, in the order they are reported. */
export const SURFACE_PARTS = [
  'window and its prototype chain (own names, keys, symbols)',
  "vendor globals ('x' in window, own, typeof)",
  'Function.prototype.toString of vendor functions and built-ins',
  'DOM and document',
  'CustomEvents on window/document',
] as const;
export type SurfaceDiff = Record<(typeof SURFACE_PARTS)[number], string[]>;

/** Every difference a page could observe, as sentences per kind (all empty: no trace). */
export function diffSurfaces(without: Surface, withExt: Surface): SurfaceDiff {
  const [chainPart, globalsPart, sourcesPart, domPart, eventsPart] = SURFACE_PARTS;
  const out = Object.fromEntries(SURFACE_PARTS.map((p) => [p, [] as string[]])) as SurfaceDiff;
  const multiset = (part: keyof SurfaceDiff, what: string, a: string[], b: string[]) => {
    const count = (l: string[]) =>
      l.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
    const ca = count(a);
    const cb = count(b);
    const missing = [...ca].filter(([x, n]) => (cb.get(x) ?? 0) < n).map(([x]) => x);
    const added = [...cb].filter(([x, n]) => (ca.get(x) ?? 0) < n).map(([x]) => x);
    if (added.length) out[part].push(`${what}: added with the extension: ${added.join(', ')}`);
    if (missing.length) out[part].push(`${what}: missing with the extension: ${missing.join(', ')}`);
  };
  const labels = [...new Set([...without.chain, ...withExt.chain].map((c) => c.label))];
  for (const label of labels) {
    const a = without.chain.find((c) => c.label === label);
    const b = withExt.chain.find((c) => c.label === label);
    if (!a || !b) {
      out[chainPart].push(`${label} is in the chain only ${a ? 'without' : 'with'} the extension`);
      continue;
    }
    multiset(chainPart, `Object.getOwnPropertyNames(${label})`, a.names, b.names);
    multiset(chainPart, `Object.keys(${label})`, a.keys, b.keys);
    multiset(chainPart, `own symbols of ${label}`, a.symbols, b.symbols);
  }
  for (const k of Object.keys(without.globals)) {
    if (without.globals[k] !== withExt.globals[k]) {
      out[globalsPart].push(
        `window.${k}: ${without.globals[k]} without, ${withExt.globals[k]} with the extension`,
      );
    }
  }
  for (const k of [...new Set([...Object.keys(without.sources), ...Object.keys(withExt.sources)])].sort()) {
    if (without.sources[k] !== withExt.sources[k]) {
      out[sourcesPart].push(
        `${k}: ${short(without.sources[k])} without, ${short(withExt.sources[k])} with the extension`,
      );
    }
  }
  multiset(domPart, 'elements', without.dom, withExt.dom);
  multiset(domPart, 'document', without.document, withExt.document);
  multiset(eventsPart, 'events', without.events, withExt.events);
  return out;
}

/** One soft expectation per kind, so a failure lists every kind of trace at once. */
export function expectNoTrace(
  diff: SurfaceDiff,
  soft: (actual: unknown, message: string) => { toEqual(expected: unknown): void },
  context = '',
): void {
  for (const part of SURFACE_PARTS) soft(diff[part], `${part}${context}`).toEqual([]);
}
