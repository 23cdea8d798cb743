import { describe, expect, it } from 'vitest';
import { WIDGET_KINDS } from './captcha/types';
import {
  effectiveSettings,
  mergePatch,
  parseManaged,
  settingsLeaves,
  validatePatch,
  withoutLocked,
} from './managed';
import { managedSchema, type PolicySchema } from './managed-schema';
import { defaultSettings } from './settings';

const schema = managedSchema();

describe('parseManaged', () => {
  it('takes each valid leaf, locks exactly those, and keeps the key apart from the settings', () => {
    const m = parseManaged({
      clientKey: ' anysolver_policy_key ',
      autoSolve: false,
      polling: { timeoutMs: 60_000 },
      autoSolveKinds: { turnstile: false },
      sites: { deny: ['*.bank.test'] },
    });
    expect(m.clientKey).toBe('anysolver_policy_key');
    expect(m.settings).toEqual({
      autoSolve: false,
      polling: { timeoutMs: 60_000 },
      autoSolveKinds: { turnstile: false },
      sites: { deny: ['*.bank.test'] },
    });
    expect(m.locked.sort()).toEqual([
      'autoSolve',
      'autoSolveKinds.turnstile',
      'polling.timeoutMs',
      'sites.deny',
    ]);
    expect(m.invalid).toEqual([]);
    expect(JSON.stringify(m.settings)).not.toContain('policy_key');
  });

  it('refuses a bad value or an unknown name one leaf at a time: the rest applies', () => {
    const m = parseManaged({
      autoSolve: 'yes',
      polling: { timeoutMs: 5, intervalMs: 2000, nope: 1 },
      historyLimit: 3,
      colour: 'red',
      limits: 7,
      clientKey: 'short',
      showBadge: true,
    });
    expect(m.settings).toEqual({ polling: { intervalMs: 2000 }, showBadge: true });
    expect(m.locked.sort()).toEqual(['polling.intervalMs', 'showBadge']);
    expect(m.invalid.sort()).toEqual([
      'autoSolve',
      'clientKey',
      'colour',
      'historyLimit',
      'limits',
      'polling.nope',
      'polling.timeoutMs',
    ]);
    expect(m.clientKey).toBeUndefined();
  });

  it.each([undefined, null, 'text', 3, ['a']])(
    'reads %j (no policy, or garbage) as nothing managed',
    (raw) => {
      expect(parseManaged(raw)).toEqual({ settings: {}, locked: [], invalid: [] });
    },
  );
});

describe('the effective settings', () => {
  it('put managed leaves over the user’s, leaf by leaf inside a group', () => {
    const user = {
      ...defaultSettings(),
      autoSubmit: true,
      polling: { ...defaultSettings().polling, firstDelayMs: 4000 },
    };
    const eff = effectiveSettings(user, parseManaged({ autoSubmit: false, polling: { timeoutMs: 90_000 } }));
    expect(eff.autoSubmit).toBe(false);
    expect(eff.polling).toEqual({ ...user.polling, firstDelayMs: 4000, timeoutMs: 90_000 });
    expect(eff.limits).toEqual(user.limits);
  });

  it('a change keeps the user’s stored value for a managed leaf (the policy’s is never stored)', () => {
    const stored = { ...defaultSettings(), autoSolve: true };
    const managed = parseManaged({ autoSolve: false, polling: { adaptive: false } });
    // What a page would send: the effective settings with one field changed.
    const next = { ...effectiveSettings(stored, managed), showBadge: true };
    const kept = withoutLocked(next, stored, managed.locked);
    expect(kept.autoSolve).toBe(true);
    expect(kept.polling.adaptive).toBe(true);
    expect(kept.showBadge).toBe(true);
  });

  it('mergePatch sets optional routing leaves', () => {
    const { settings } = validatePatch({ routing: { selectionMode: 'autoFastest', provider: ' p1 ' } });
    expect(mergePatch(defaultSettings(), settings).routing).toEqual({
      keyPoolMode: 'all',
      selectionMode: 'autoFastest',
      provider: ' p1 ',
    });
  });
});

describe("the managed schema (the build's managed-schema.json: Chrome reads policy values with it)", () => {
  const jsonType = (v: unknown) =>
    Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer|number' : typeof v;
  const schemaLeaves = Object.entries(
    schema.properties as Record<string, { type: string; properties?: Record<string, { type: string }> }>,
  )
    .filter(([k]) => k !== 'clientKey')
    .flatMap(([k, v]) =>
      v.type === 'object'
        ? Object.entries(v.properties ?? {}).map(([c, cv]) => [`${k}.${c}`, cv.type])
        : [[k, v.type]],
    );

  it('names every setting and no other, plus clientKey', () => {
    expect(schemaLeaves.map(([p]) => p).sort()).toEqual(settingsLeaves().sort());
    expect(schema.properties?.clientKey?.type).toBe('string');
  });

  it('types each leaf as the settings schema does', () => {
    const defaults = defaultSettings() as unknown as Record<string, Record<string, unknown>>;
    for (const [path, type] of schemaLeaves) {
      const [head, child] = (path as string).split('.') as [string, string | undefined];
      const value = child === undefined ? defaults[head] : defaults[head]?.[child];
      if (value === undefined) {
        expect(type, path).toBe('string'); // routing.selectionMode / provider: optional strings
        continue;
      }
      expect(jsonType(value).split('|'), path).toContain(type);
    }
  });

  it('uses only the attributes Chrome accepts, and every kind and option the settings take', () => {
    const attributes = new Set<string>();
    const walk = (n: PolicySchema) => {
      for (const k of Object.keys(n)) attributes.add(k);
      if (n.items) walk(n.items);
      for (const c of Object.values(n.properties ?? {})) walk(c);
    };
    walk(schema);
    expect([...attributes].sort()).toEqual(['description', 'enum', 'items', 'properties', 'type']);
    expect(Object.keys(schema.properties?.autoSolveKinds?.properties ?? {})).toEqual([...WIDGET_KINDS]);
    expect(schema.properties?.routing?.properties?.selectionMode?.enum).toEqual([
      'autoCheapest',
      'autoFastest',
      'autoMostReliable',
      'priority',
    ]);
    expect(schema.properties?.announce?.properties?.mode?.enum).toEqual(['off', 'all', 'list']);
  });
});
