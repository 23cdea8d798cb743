/** Shared fast-check generators of the fuzz suite. */
import fc from 'fast-check';
import { WIDGET_KINDS } from '@/lib/captcha/types';

/** Widgets near the schema's edges: wrong kinds, oversized strings, extra fields, wrong types. */
export const widgetLike = fc.record(
  {
    widgetId: fc.oneof(fc.string({ maxLength: 205 }), fc.constant(''), fc.integer()),
    kind: fc.oneof(fc.constantFrom(...WIDGET_KINDS), fc.string()),
    websiteKey: fc.oneof(
      fc.string({ maxLength: 70 }),
      fc.stringMatching(/^[\w-]{20,64}$/),
      fc.constant('k'.repeat(201)),
    ),
    websiteURL: fc.oneof(fc.webUrl(), fc.string(), fc.constant(`https://x.test/${'a'.repeat(2050)}`)),
    pageTitle: fc.string({ maxLength: 310 }),
    action: fc.string({ maxLength: 210 }),
    enterprisePayload: fc.oneof(fc.record({ s: fc.string() }), fc.string(), fc.constant(null)),
    extra: fc.dictionary(fc.string({ maxLength: 70 }), fc.oneof(fc.string(), fc.integer())),
    imageBase64: fc.string(),
    visible: fc.oneof(fc.boolean(), fc.string()),
    clientKey: fc.string(),
  },
  { requiredKeys: [] },
);
