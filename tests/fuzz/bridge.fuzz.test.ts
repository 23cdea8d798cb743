// Fuzzing the isolated ↔ main bridge parsers (lib/captcha/bridge.ts): whatever a page dispatches, they
// never throw, and what they accept is bounded, typed, and carries no key they do not know.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDown, parseFacts, parseUp } from '@/lib/captcha/bridge';
import { WIDGET_KINDS } from '@/lib/captcha/types';
import { RUNS } from './runs';

const FACT_KEYS = [
  'widgetId',
  'kind',
  'websiteKey',
  'action',
  'cData',
  's',
  'rqdata',
  'containerId',
  'hasCallback',
  'pendingExecute',
];
const LIMITS: Record<string, number> = {
  widgetId: 200,
  websiteKey: 200,
  action: 200,
  cData: 2000,
  s: 8000,
  rqdata: 8000,
  containerId: 200,
};

/** Objects shaped like facts, with each field sometimes right, sometimes wrong-typed or oversized. */
const factsLike = fc.record(
  {
    widgetId: fc.oneof(
      fc.string({ maxLength: 210 }),
      fc.integer(),
      fc.constant(''),
      fc.constant('x'.repeat(201)),
    ),
    kind: fc.oneof(fc.constantFrom(...WIDGET_KINDS), fc.string(), fc.constant(null)),
    websiteKey: fc.oneof(fc.string({ maxLength: 220 }), fc.integer()),
    action: fc.oneof(fc.string(), fc.array(fc.string())),
    s: fc.oneof(fc.string(), fc.constant('s'.repeat(8001))),
    hasCallback: fc.oneof(fc.boolean(), fc.string()),
    pendingExecute: fc.oneof(fc.boolean(), fc.integer()),
    clientKey: fc.string(),
    __proto__: fc.object(),
    constructor: fc.anything(),
  },
  { requiredKeys: [] },
);

/**
 * Invariants of accepted facts: only known keys, strings within bounds, a known kind, booleans as booleans.
 */
function checkFacts(f: Record<string, unknown>) {
  for (const k of Object.keys(f)) expect(FACT_KEYS).toContain(k);
  expect(typeof f.widgetId).toBe('string');
  expect((f.widgetId as string).length).toBeGreaterThan(0);
  for (const [k, max] of Object.entries(LIMITS)) {
    if (f[k] === undefined) continue;
    expect(typeof f[k]).toBe('string');
    expect((f[k] as string).length).toBeLessThanOrEqual(max);
  }
  if (f.kind !== undefined) expect(WIDGET_KINDS).toContain(f.kind);
  for (const k of ['hasCallback', 'pendingExecute'])
    if (f[k] !== undefined) expect(typeof f[k]).toBe('boolean');
}

describe('bridge parsers under fuzzing', () => {
  it('parseDown never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (v) => void parseDown(v)),
      { numRuns: RUNS.structured },
    );
  });

  it('parseUp / parseDown / parseFacts never throw on anything', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withNullPrototype: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withSparseArray: true,
        }),
        (v) => {
          parseUp(v);
          if (typeof v === 'string') parseDown(v);
          parseFacts(v);
        },
      ),
      { numRuns: RUNS.anything },
    );
  });

  it('accepted up messages are facts within bounds or a bounded fallback, nothing else', () => {
    const up = fc.oneof(
      fc.record({
        t: fc.constantFrom('facts', 'fallback', 'token', 'hello', 'fill'),
        facts: factsLike,
        widgetId: fc.string({ maxLength: 210 }),
      }),
      fc.record({ t: fc.constant('facts'), facts: factsLike }),
    );
    fc.assert(
      fc.property(up, (m) => {
        // What crosses the bridge is JSON: parse what the page could really send.
        const msg = parseUp(JSON.parse(JSON.stringify(m)));
        if (!msg) return;
        expect(['facts', 'fallback']).toContain(msg.t);
        if (msg.t === 'facts') checkFacts(msg.facts as unknown as Record<string, unknown>);
        else expect(msg.widgetId.length).toBeLessThanOrEqual(200);
      }),
      { numRuns: RUNS.structured },
    );
  });

  it('parseFacts is idempotent and drops unknown keys', () => {
    fc.assert(
      fc.property(factsLike, (f) => {
        const once = parseFacts(f);
        if (!once) return;
        checkFacts(once as unknown as Record<string, unknown>);
        expect(parseFacts(once)).toEqual(once);
        expect(once).not.toHaveProperty('clientKey');
      }),
      { numRuns: RUNS.structured },
    );
  });

  it('down messages: a token only with a bounded widget id and a non-empty token ≤ 50 000 chars', () => {
    const down = fc.record(
      {
        t: fc.constantFrom('token', 'release', 'hello', 'solve', 'facts'),
        widgetId: fc.oneof(fc.string({ maxLength: 210 }), fc.integer()),
        token: fc.oneof(fc.string(), fc.constant(''), fc.constant('t'.repeat(50_001)), fc.integer()),
      },
      { requiredKeys: ['t'] },
    );
    fc.assert(
      fc.property(down, (m) => {
        const msg = parseDown([m.t, m.widgetId, m.token].filter((x) => x !== undefined).join('\n'));
        if (!msg) return;
        expect(Object.keys(msg).sort()).toEqual(
          msg.t === 'token' ? ['t', 'token', 'widgetId'] : msg.t === 'release' ? ['t', 'widgetId'] : ['t'],
        );
        if (msg.t === 'token') {
          expect(msg.token.length).toBeGreaterThan(0);
          expect(msg.token.length).toBeLessThanOrEqual(50_000);
        }
      }),
      { numRuns: RUNS.structured },
    );
  });
});
