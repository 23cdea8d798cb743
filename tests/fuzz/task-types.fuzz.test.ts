// Fuzzing buildTask (lib/anysolver/task-types.ts) with every widget the message schema lets through:
// never throws, never builds a task from an invalid URL or sitekey, sends only the row's fields, and every
// task it does build is one the API (the sandbox's rules) accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTask, TASK_TYPES } from '@/lib/anysolver/task-types';
import type { DetectedWidget } from '@/lib/captcha/types';
import { WIDGET_KINDS } from '@/lib/captcha/types';
import { detectedWidgetSchema } from '@/lib/messaging';
// @ts-expect-error plain-JS sandbox module without a declaration file (its rules mirror TASK_TYPES)
import { checkTask } from '../../sandbox/task-rules.mjs';
import { widgetLike } from './arbitraries';
import { RUNS } from './runs';

const RECAPTCHA_KEY = /^[\w-]{20,64}$/;
const HCAPTCHA_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TURNSTILE_KEY = /^(0x[\w-]{10,64}|[123]x0{20}[A-Z]{2})$/;

/** Sitekeys: valid ones of each vendor, near misses, and junk. */
const sitekey = fc.oneof(
  fc.stringMatching(RECAPTCHA_KEY),
  fc.uuid(),
  fc.stringMatching(/^0x[\w-]{10,64}$/),
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    '6Le'.padEnd(19, 'x'),
    '6Le'.padEnd(65, 'x'),
    '0x123',
    'javascript:alert(1)',
    '<img src=x>',
    '6Lc_x/../../',
    '1x00000000000000000000AA',
  ),
);
/** URLs: web URLs, other schemes, relative, junk. */
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'javascript:alert(1)',
    'data:text/html,x',
    'file:///etc/passwd',
    'chrome-extension://abc/popup.html',
    'about:blank',
    '/relative',
    '',
    'ftp://x.test/',
    'https://',
    'http://[::1',
    'blob:https://x.test/1',
  ),
  fc.string({ maxLength: 100 }),
);
/** Widgets of a known kind with the fields that matter set adversarially, then through the schema. */
const widget = fc.record(
  {
    widgetId: fc.string({ minLength: 1, maxLength: 50 }),
    kind: fc.constantFrom(...WIDGET_KINDS),
    websiteKey: sitekey,
    websiteURL: url,
    pageTitle: fc.string({ maxLength: 300 }),
    action: fc.oneof(fc.stringMatching(/^[\w/.-]{1,100}$/), fc.string({ maxLength: 200 })),
    cData: fc.string({ maxLength: 200 }),
    rqdata: fc.string({ maxLength: 200 }),
    apiDomain: fc.constantFrom('recaptcha.net', 'www.recaptcha.net', 'evil.test', 'google.com'),
    enterprisePayload: fc.record({
      s: fc.oneof(fc.string({ maxLength: 100 }), fc.stringMatching(/^[\w+/=.:-]{1,100}$/)),
    }),
    extra: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
    imageBase64: fc.oneof(
      fc.string({ maxLength: 50 }),
      fc.base64String({ minLength: 100, maxLength: 400 }).map((b) => `data:image/png;base64,${b}`),
    ),
  },
  { requiredKeys: ['widgetId', 'kind', 'websiteKey'] },
);

function validKey(kind: string, key: string): boolean {
  if (kind === 'hcaptcha') return HCAPTCHA_KEY.test(key) || RECAPTCHA_KEY.test(key);
  if (kind === 'turnstile') return TURNSTILE_KEY.test(key);
  return RECAPTCHA_KEY.test(key);
}

/** What buildTask may put in a task beyond the row's fields. */
const BASE_FIELDS = ['type', 'websiteURL', 'websiteKey', 'pageTitle'];

describe('buildTask under fuzzing', () => {
  it('never throws on any schema-valid widget', () => {
    fc.assert(
      fc.property(fc.oneof(widget, widgetLike), (raw) => {
        const parsed = detectedWidgetSchema.safeParse(raw);
        if (parsed.success) buildTask(parsed.data as DetectedWidget);
      }),
      { numRuns: RUNS.structured },
    );
  });

  it("ok only with an http(s) URL and a sitekey of the vendor's shape; a task the API accepts", () => {
    fc.assert(
      fc.property(widget, (raw) => {
        const parsed = detectedWidgetSchema.safeParse(raw);
        fc.pre(parsed.success);
        const w = parsed.data as DetectedWidget;
        const built = buildTask(w);
        if (!built.ok) return;
        const row = TASK_TYPES[w.kind];
        expect(row.enabled).toBe(true);
        expect(built.task.type).toBe(row.type);
        expect(checkTask(built.task)).toBeNull();
        if (w.kind === 'image-text') {
          expect(String(built.task.imageBase64)).toMatch(/^data:image\/(png|jpe?g|gif);base64,/);
          return;
        }
        const sent = new URL(String(built.task.websiteURL));
        expect(['http:', 'https:']).toContain(sent.protocol);
        expect(sent.hash).toBe('');
        expect(validKey(w.kind, String(built.task.websiteKey))).toBe(true);
        expect(String(built.task.pageTitle ?? '').length).toBeLessThanOrEqual(200);
        // Only the base fields and the row's own: nothing else the page supplied is forwarded.
        const allowed = new Set([...BASE_FIELDS, ...Object.keys(row.fields(w))]);
        for (const k of Object.keys(built.task)) expect(allowed.has(k)).toBe(true);
      }),
      { numRuns: RUNS.structured },
    );
  });

  it('never ok for an invalid URL or sitekey (garbage in, no task out)', () => {
    const garbage = fc.record({
      widgetId: fc.constant('w'),
      kind: fc.constantFrom(...WIDGET_KINDS.filter((k) => k !== 'image-text')),
      websiteKey: fc.string({ maxLength: 19 }),
      websiteURL: url,
    });
    fc.assert(
      fc.property(garbage, fc.constantFrom<'key' | 'url'>('key', 'url'), (w, broken) => {
        const widgetWith =
          broken === 'key'
            ? w
            : { ...w, websiteKey: 'a'.repeat(40), websiteURL: 'javascript:void(0)//https://x.test/' };
        // A 19-char key is too short for every vendor but Turnstile's test keys (which are 24 long).
        expect(buildTask(widgetWith as DetectedWidget).ok).toBe(false);
      }),
      { numRuns: RUNS.structured },
    );
  });
});
