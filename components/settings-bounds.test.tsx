// @vitest-environment happy-dom
/**
 * The settings' bounds are data (SETTINGS_BOUNDS, SETTINGS_OPTIONS in lib/settings.ts): the schema
 * enforces exactly them and the forms offer exactly them, so the two cannot drift.
 */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  defaultSettings,
  type NumberBounds,
  SETTINGS_BOUNDS,
  SETTINGS_OPTIONS,
  type Settings,
  settingsSchema,
} from '@/lib/settings';
import { installI18n } from '@/lib/ui/test-i18n';
import { LimitsFields } from './LimitsFields';
import { PollingFields } from './PollingFields';
import { RoutingFields } from './RoutingFields';

beforeEach(() => installI18n());
afterEach(cleanup);

type Group = 'polling' | 'limits';
const numbers: Array<[string, Group | null, string, NumberBounds]> = [
  ...(['polling', 'limits'] as const).flatMap((g) =>
    Object.entries(SETTINGS_BOUNDS[g]).map(([k, b]): [string, Group, string, NumberBounds] => [
      `${g}.${k}`,
      g,
      k,
      b,
    ]),
  ),
  ['historyLimit', null, 'historyLimit', SETTINGS_BOUNDS.historyLimit],
];

/** Settings with one number leaf set. */
function withValue(group: Group | null, key: string, value: number): unknown {
  const d = defaultSettings() as unknown as Record<string, Record<string, unknown>>;
  return group ? { ...d, [group]: { ...d[group], [key]: value } } : { ...d, [key]: value };
}
const accepts = (group: Group | null, key: string, value: number) =>
  settingsSchema.safeParse(withValue(group, key, value)).success;

describe('the schema enforces the exported bounds', () => {
  it('covers every number setting (polling 3, limits 5, history 1)', () => {
    const leaves = Object.entries(defaultSettings()).flatMap(([k, v]) =>
      typeof v === 'number'
        ? [k]
        : typeof v === 'object' && v && !Array.isArray(v)
          ? Object.entries(v).flatMap(([c, cv]) => (typeof cv === 'number' ? [`${k}.${c}`] : []))
          : [],
    );
    expect(numbers.map(([path]) => path).sort()).toEqual(leaves.sort());
    expect(leaves).toHaveLength(9);
  });

  it.each(numbers)('%s: min, max, whole numbers and the default', (_path, group, key, b) => {
    expect(accepts(group, key, b.min)).toBe(true);
    expect(accepts(group, key, b.max)).toBe(true);
    const eps = b.int ? 1 : 0.001;
    expect(accepts(group, key, b.min - eps)).toBe(false);
    expect(accepts(group, key, b.max + eps)).toBe(false);
    expect(accepts(group, key, b.min + 0.5)).toBe(!b.int);
    const d = defaultSettings() as unknown as Record<string, Record<string, number>>;
    expect(group ? d[group]![key] : (d as unknown as Record<string, number>)[key]).toBe(b.default);
  });

  it('refuses every value outside the exported enums and accepts every one inside', () => {
    const d = defaultSettings();
    const routing = (r: Partial<Settings['routing']>) => ({ ...d, routing: { ...d.routing, ...r } });
    for (const m of SETTINGS_OPTIONS.selectionMode)
      expect(settingsSchema.safeParse(routing({ selectionMode: m })).success).toBe(true);
    for (const m of SETTINGS_OPTIONS.keyPoolMode)
      expect(settingsSchema.safeParse(routing({ keyPoolMode: m })).success).toBe(true);
    for (const mode of SETTINGS_OPTIONS.announceMode)
      expect(settingsSchema.safeParse({ ...d, announce: { mode, sites: [] } }).success).toBe(true);
    expect(settingsSchema.safeParse(routing({ selectionMode: 'x' as never })).success).toBe(false);
    expect(settingsSchema.safeParse(routing({ keyPoolMode: 'x' as never })).success).toBe(false);
    expect(settingsSchema.safeParse({ ...d, announce: { mode: 'x', sites: [] } }).success).toBe(false);
  });
});

describe('the forms offer the exported bounds', () => {
  const input = (id: string) => document.getElementById(id) as HTMLInputElement;

  it('polling fields: min, max and step in seconds', () => {
    render(<PollingFields settings={defaultSettings()} onChange={vi.fn()} />);
    const ids = { firstDelayMs: 'opt-first-delay', intervalMs: 'opt-interval', timeoutMs: 'opt-timeout' };
    for (const [key, id] of Object.entries(ids)) {
      const b = SETTINGS_BOUNDS.polling[key as keyof typeof ids];
      expect([input(id).min, input(id).max, input(id).step]).toEqual([
        String(b.min / 1000),
        String(b.max / 1000),
        String(b.step / 1000),
      ]);
    }
  });

  it('limit fields: min, max and step as stored', () => {
    render(<LimitsFields settings={defaultSettings()} onChange={vi.fn()} />);
    const ids = {
      dailySpendCapUsd: 'opt-cap',
      maxConcurrent: 'opt-concurrent',
      perTabPerMinute: 'opt-per-tab',
      perSitePerHour: 'opt-per-site',
      perSiteNoGesturePerHour: 'opt-per-site-unasked',
    };
    for (const [key, id] of Object.entries(ids)) {
      const b: NumberBounds = SETTINGS_BOUNDS.limits[key as keyof typeof ids];
      expect([input(id).min, input(id).max, input(id).step]).toEqual([
        String(b.min),
        String(b.max),
        String(b.step ?? 1),
      ]);
    }
  });

  it('routing: the selection modes offered are the schema’s', () => {
    render(<RoutingFields settings={defaultSettings()} onChange={vi.fn()} />);
    const offered = [...(document.getElementById('opt-selection') as HTMLSelectElement).options]
      .map((o) => o.value)
      .filter(Boolean);
    expect(offered).toEqual([...SETTINGS_OPTIONS.selectionMode]);
    const pools = [...(document.getElementById('opt-keypool') as HTMLSelectElement).options].map(
      (o) => o.value,
    );
    expect(pools).toEqual([...SETTINGS_OPTIONS.keyPoolMode]);
  });
});
