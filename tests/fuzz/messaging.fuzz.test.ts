// Fuzzing the cross-context message schemas (lib/messaging.ts): whatever a compromised content script or
// a bug sends, safeParse never throws, and what it accepts is bounded (no megabytes stored, no unknown type).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WIDGET_KINDS } from '@/lib/captcha/types';
import { contentMessageSchema, detectedWidgetSchema, pageMessageSchema } from '@/lib/messaging';
import { widgetLike } from './arbitraries';
import { RUNS } from './runs';

describe('message schemas under fuzzing', () => {
  it('never throw, whatever arrives', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withBigInt: true }),
        (v) => {
          contentMessageSchema.safeParse(v);
          pageMessageSchema.safeParse(v);
          detectedWidgetSchema.safeParse(v);
        },
      ),
      { numRuns: RUNS.anything },
    );
  });

  it('accepted widgets:found messages are bounded: ≤ 50 widgets, strings within limits, known kinds', () => {
    const msg = fc.record({
      type: fc.constantFrom('widgets:found', 'widgets:gone', 'widget:expired', 'fill', 'key:save'),
      widgets: fc.array(widgetLike, { maxLength: 55 }),
      widgetIds: fc.array(fc.string({ maxLength: 205 }), { maxLength: 55 }),
      widgetId: fc.string({ maxLength: 205 }),
      vendors: fc.array(fc.string(), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(msg, (m) => {
        const parsed = contentMessageSchema.safeParse(m);
        if (!parsed.success) return;
        const d = parsed.data;
        expect(['widgets:found', 'widgets:gone', 'widget:expired', 'widget:fallback']).toContain(d.type);
        if (d.type === 'widgets:found') {
          expect(d.widgets.length).toBeLessThanOrEqual(50);
          for (const w of d.widgets) {
            expect(WIDGET_KINDS).toContain(w.kind);
            expect(w.widgetId.length).toBeGreaterThan(0);
            expect(w.widgetId.length).toBeLessThanOrEqual(200);
            expect(w.websiteKey.length).toBeLessThanOrEqual(200);
            expect((w.websiteURL ?? '').length).toBeLessThanOrEqual(2048);
            // zod strips what the schema does not know: nothing page-made rides along.
            expect(w).not.toHaveProperty('clientKey');
          }
          expect(JSON.stringify(d).length).toBeLessThan(50 * 2_100_000);
        }
        if (d.type === 'widgets:gone') expect(d.widgetIds.length).toBeLessThanOrEqual(50);
      }),
      { numRuns: RUNS.structured },
    );
  });

  it("a content script cannot speak the extension pages' protocol (and vice versa)", () => {
    const anyType = fc.constantFrom(
      'key:save',
      'key:clear',
      'key:status',
      'balance:get',
      'tab:state',
      'solve',
      'job:cancel',
      'site:pause',
      'history:clear',
      'data:clearAll',
      'widgets:found',
      'widgets:gone',
      'widget:expired',
      'widget:fallback',
    );
    const msg = fc.record({
      type: anyType,
      key: fc.string(),
      tabId: fc.integer(),
      jobId: fc.string(),
      widgets: fc.constant([]),
      widgetIds: fc.constant([]),
      widgetId: fc.constant('w'),
      vendors: fc.constant(['recaptcha']),
      origin: fc.webUrl(),
      paused: fc.boolean(),
    });
    fc.assert(
      fc.property(msg, (m) => {
        const asContent = contentMessageSchema.safeParse(m);
        const asPage = pageMessageSchema.safeParse(m);
        // No message is valid in both protocols: the sender check picks the schema, the type the handler.
        expect(asContent.success && asPage.success).toBe(false);
        if (asContent.success) expect(asContent.data.type).toMatch(/^(widgets?|vendor):/);
      }),
      { numRuns: RUNS.structured },
    );
  });
});
