/**
 * Managed configuration (`storage.managed`: a Chrome policy through managed-schema.json, written by
 * lib/managed-schema.ts; Firefox's policies.json → 3rdparty → Extensions) and the automation setup page's
 * config share one shape: the settings tree of lib/settings.ts, any subset of its leaves, plus
 * `clientKey`. Pure functions here; lib/storage.ts reads the managed area and merges.
 */
import { type Settings, settingsSchema } from './settings';

/** A subset of the settings' leaves, as nested objects (what a policy or a setup config gives). */
export type SettingsPatch = {
  [K in keyof Settings]?: Settings[K] extends unknown[]
    ? Settings[K]
    : Settings[K] extends object
      ? Partial<Settings[K]>
      : Settings[K];
};

/** What the administrator set: the key (never shown), the valid settings leaves, and what was refused. */
export interface ManagedConfig {
  clientKey?: string;
  settings: SettingsPatch;
  /** Dotted paths of the settings leaves the policy sets (shown locked): `autoSolve`, `polling.timeoutMs`. */
  locked: string[];
  /** Dotted paths the policy set to a value the schema refuses, or that no setting has (ignored). */
  invalid: string[];
}

export const emptyManaged = (): ManagedConfig => ({ settings: {}, locked: [], invalid: [] });

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Settings whose value is an object of leaves (one level: the schema has no deeper nesting), from the
 * schema's defaults so a new group cannot be forgotten here.
 */
const GROUPS = new Set(
  Object.entries(settingsSchema.parse({}) as Record<string, unknown>)
    .filter(([, v]) => isObject(v))
    .map(([k]) => k),
);

/** The dotted path of every settings leaf (from the defaults, so the schema is the one source). */
export function settingsLeaves(): string[] {
  const defaults = settingsSchema.parse({}) as Record<string, unknown>;
  // routing's optional fields have no default value: name them from the schema's shape.
  const routing = Object.keys(settingsSchema.shape.routing.unwrap().shape);
  return Object.entries(defaults).flatMap(([k, v]) =>
    k === 'routing'
      ? routing.map((r) => `routing.${r}`)
      : GROUPS.has(k) && isObject(v)
        ? Object.keys(v).map((c) => `${k}.${c}`)
        : [k],
  );
}

/**
 * Split a patch object into its leaves: `[['polling.timeoutMs', 60000], ...]`; unknown paths are kept for the
 * caller to refuse.
 */
function leavesOf(patch: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(patch).flatMap(
    ([k, v]): Array<[string, unknown]> =>
      GROUPS.has(k) && isObject(v)
        ? Object.entries(v).map(([c, cv]): [string, unknown] => [`${k}.${c}`, cv])
        : [[k, v]],
  );
}

/** Set one leaf on a copy of `settings` (by dotted path). */
function withLeaf(settings: Settings, path: string, value: unknown): Record<string, unknown> {
  const [head, child] = path.split('.') as [string, string | undefined];
  const base = settings as unknown as Record<string, unknown>;
  if (child === undefined) return { ...base, [head]: value };
  return { ...base, [head]: { ...(base[head] as Record<string, unknown>), [child]: value } };
}

/** The value at a dotted path. */
function leafValue(settings: Settings, path: string): unknown {
  const [head, child] = path.split('.') as [string, string | undefined];
  const top = (settings as unknown as Record<string, unknown>)[head];
  return child === undefined ? top : isObject(top) ? top[child] : undefined;
}

/**
 * Validate a patch leaf by leaf against the schema (over the defaults): each leaf is accepted or refused
 * on its own, so one bad value in a policy does not drop the others. Unknown paths are refused.
 */
export function validatePatch(raw: Record<string, unknown>): {
  settings: SettingsPatch;
  paths: string[];
  invalid: string[];
} {
  const known = new Set(settingsLeaves());
  const defaults = settingsSchema.parse({});
  const settings: Record<string, unknown> = {};
  const paths: string[] = [];
  const invalid: string[] = [];
  for (const [path, value] of leavesOf(raw)) {
    const parsed =
      known.has(path) && value !== undefined
        ? settingsSchema.safeParse(withLeaf(defaults, path, value))
        : null;
    // The parsed value (trimmed, defaulted), not the raw one.
    if (!parsed?.success) {
      invalid.push(path);
      continue;
    }
    const [head, child] = path.split('.') as [string, string | undefined];
    const clean = leafValue(parsed.data, path);
    if (child === undefined) settings[head] = clean;
    else settings[head] = { ...(settings[head] as Record<string, unknown> | undefined), [child]: clean };
    paths.push(path);
  }
  return { settings: settings as SettingsPatch, paths, invalid };
}

/** Parse what `storage.managed.get()` returned (anything: a policy is typed by the admin). */
export function parseManaged(raw: unknown): ManagedConfig {
  if (!isObject(raw)) return emptyManaged();
  const { clientKey, ...rest } = raw;
  const { settings, paths, invalid } = validatePatch(rest);
  const key = typeof clientKey === 'string' ? clientKey.trim() : '';
  if (clientKey !== undefined && !isClientKey(key)) invalid.push('clientKey');
  return { ...(isClientKey(key) ? { clientKey: key } : {}), settings, locked: paths, invalid };
}

/** The key format the key form accepts (the API decides whether it is valid). */
export const isClientKey = (key: string): boolean => /^[\w.-]{8,200}$/.test(key);

/** Apply a patch's leaves over complete settings (the result is valid: each leaf was validated). */
export function mergePatch(base: Settings, patch: SettingsPatch): Settings {
  let out = base;
  for (const [path, value] of leavesOf(patch as Record<string, unknown>))
    out = withLeaf(out, path, value) as unknown as Settings;
  return out;
}

/** The effective settings: the user's, with every managed leaf over them (managed values win). */
export const effectiveSettings = (user: Settings, managed: ManagedConfig): Settings =>
  mergePatch(user, managed.settings);

/**
 * A change the user (or a setup config) makes, with the managed leaves put back to the user's own stored
 * values: the stored settings keep only what the user chose, so removing a policy restores them.
 */
export function withoutLocked(next: Settings, userStored: Settings, locked: readonly string[]): Settings {
  let out = next;
  for (const path of locked) out = withLeaf(out, path, leafValue(userStored, path)) as unknown as Settings;
  return out;
}
