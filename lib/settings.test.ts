import { describe, expect, it } from 'vitest';
import { DEFAULT_ENDPOINT, defaultSettings, settingsSchema } from './settings';

describe('settings schema', () => {
  it('fills every default from an empty object', () => {
    const s = defaultSettings();
    expect(s.endpoint).toBe(DEFAULT_ENDPOINT);
    expect(s.autoSolve).toBe(true);
    expect(s.autoSubmit).toBe(false);
    expect(s.autoSolveKinds['recaptcha-v2']).toBe(true);
    expect(s.polling).toEqual({ firstDelayMs: 3000, intervalMs: 2500, timeoutMs: 120_000, adaptive: true });
    expect(s.limits.dailySpendCapUsd).toBe(1);
  });

  it('keeps stored values and adds defaults that appeared later', () => {
    const s = settingsSchema.parse({ autoSubmit: true, limits: { maxConcurrent: 2 } });
    expect(s.autoSubmit).toBe(true);
    expect(s.limits).toEqual({
      dailySpendCapUsd: 1,
      maxConcurrent: 2,
      perTabPerMinute: 6,
      perSitePerHour: 30,
      perSiteNoGesturePerHour: 10,
    });
  });

  it.each([
    [{ polling: { intervalMs: 10 } }],
    [{ limits: { dailySpendCapUsd: -1 } }],
    [{ routing: { selectionMode: 'cheapest' } }],
  ])('refuses out-of-range values %j', (bad) => {
    expect(settingsSchema.safeParse(bad).success).toBe(false);
  });
});
