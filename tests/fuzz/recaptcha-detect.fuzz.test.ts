// @vitest-environment happy-dom
// Fuzzing the reCAPTCHA detector (lib/captcha/recaptcha/detect.ts) over generated documents: it never
// throws, finds nothing without Google's real anatomy (look-alike hosts and paths, captcha words,
// g-recaptcha classes, response textareas, forged hook facts), and among any amount of such noise finds a
// real widget exactly once with its own sitekey.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectRecaptcha } from '@/lib/captcha/recaptcha/detect';
import { widgetHtml } from '@/lib/captcha/recaptcha/test-dom';
import { WIDGET_KINDS } from '@/lib/captcha/types';
import type { DetectEnv, HookFacts } from '@/lib/captcha/vendor';
import { RUNS } from './runs';

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Hosts that look like Google's reCAPTCHA hosts but are not. */
const lookalikeHost = fc.constantFrom(
  'www.google.com.evil.test',
  'google.co',
  'www.gooogle.com',
  'recaptcha.net.evil.test',
  'evil.test',
  'www.google.com@evil.test',
  'xn--ggle-0nda.com',
  'hcaptcha.com',
  'challenges.cloudflare.com',
  'site.test',
);
/** Paths near the real ones. */
const path = fc.constantFrom(
  '/recaptcha/api2/anchor',
  '/recaptcha/enterprise/anchor',
  '/recaptcha/api.js',
  '/recaptcha/enterprise.js',
  '/recaptcha/api2/bframe',
  '/anchor',
  '/recaptcha/api2/anchorx',
  '/x/recaptcha/api2/anchor',
);
const query = fc
  .record({ k: fc.string({ maxLength: 45 }), size: fc.constantFrom('normal', 'invisible', 'compact', '') })
  .map((q) => `?ar=1&k=${encodeURIComponent(q.k)}&size=${q.size}`);
const lookalikeUrl = fc
  .tuple(fc.constantFrom('https://', 'http://', '//', ''), lookalikeHost, path, query)
  .map((p) => p.join(''));

/** One element with no real vendor anatomy (but every word and class a naive detector would match). */
const noiseElement = fc.oneof(
  lookalikeUrl.map(
    (u) => `<iframe src="${attr(u)}" name="a-${Math.abs(u.length)}" title="reCAPTCHA"></iframe>`,
  ),
  lookalikeUrl.map((u) => `<script src="${attr(u)}"></script>`),
  fc.string({ maxLength: 40 }).map((k) => `<div class="g-recaptcha" data-sitekey="${attr(k)}"></div>`),
  fc
    .nat(200_000)
    .map(
      (n) => `<textarea id="g-recaptcha-response${n ? `-${n}` : ''}" name="g-recaptcha-response"></textarea>`,
    ),
  fc
    .constantFrom('recaptcha', 'I am not a robot', 'captcha', 'grecaptcha.execute()', '___grecaptcha_cfg')
    .map((w) => `<p>${w}</p>`),
  // Google's own host, but not an anchor (the loader's bframe, other pages).
  fc
    .constantFrom(
      'https://www.google.com/recaptcha/api2/bframe?k=6LeNoAnchor0000000000000000000000',
      'https://www.google.com/search?q=recaptcha+anchor',
    )
    .map((u) => `<iframe src="${attr(u)}"></iframe>`),
  fc.string({ maxLength: 60 }).map((t) => `<span>${attr(t)}</span>`),
);
/** A document of noise, possibly nested in forms and divs. */
const noiseDoc = fc
  .array(noiseElement, { maxLength: 25 })
  .chain((els) =>
    fc
      .array(fc.constantFrom('form', 'div', 'section'), { maxLength: 3 })
      .map((wrappers) => wrappers.reduce((html, tag) => `<${tag}>${html}</${tag}>`, els.join(''))),
  );
/** Facts a page could forge over the bridge (the hook's view), including pending v3 executes. */
const forgedFacts = fc.array(
  fc.record(
    {
      widgetId: fc.oneof(
        fc.constantFrom('recaptcha:0', 'recaptcha:exec:1', 'recaptcha:exec:2'),
        fc.string({ minLength: 1, maxLength: 20 }),
      ),
      kind: fc.constantFrom(...WIDGET_KINDS),
      websiteKey: fc.string({ maxLength: 45 }),
      action: fc.string({ maxLength: 20 }),
      pendingExecute: fc.boolean(),
      hasCallback: fc.boolean(),
    },
    { requiredKeys: ['widgetId'] },
  ),
  { maxLength: 5 },
);

/** An inert document (no browsing context: its iframes and scripts are markup only, nothing loads). */
const parse = (html: string) => {
  const doc = document.implementation.createHTMLDocument('fuzz');
  doc.body.innerHTML = html;
  return doc;
};
const env = (facts: HookFacts[]): DetectEnv => ({
  href: 'https://site.test/page.html',
  title: 'Page',
  facts: new Map(facts.map((f) => [f.widgetId, f])),
});

describe('detectRecaptcha under fuzzing', () => {
  it('finds nothing, never throws, in documents without Google-hosted anatomy (even forged facts)', () => {
    fc.assert(
      fc.property(noiseDoc, forgedFacts, (html, facts) => {
        const doc = parse(html);
        expect(detectRecaptcha(doc, env(facts as HookFacts[]))).toEqual([]);
      }),
      { numRuns: RUNS.dom },
    );
  });

  it('a real widget amid noise is found exactly once, with its sitekey and nothing else', () => {
    const sitekey = fc.stringMatching(/^6L[\w-]{38}$/);
    fc.assert(
      fc.property(noiseDoc, noiseDoc, sitekey, fc.nat(30), forgedFacts, (before, after, key, id, facts) => {
        const doc = parse(before + widgetHtml({ id, sitekey: key }) + after);
        // The noise may hold response textareas with the widget's id: the one inside its wrapper wins.
        const found = detectRecaptcha(
          doc,
          env((facts as HookFacts[]).filter((f) => !String(f.widgetId).startsWith('recaptcha:exec:'))),
        );
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ kind: 'recaptcha-v2', websiteKey: key });
      }),
      { numRuns: RUNS.dom },
    );
  });
});
