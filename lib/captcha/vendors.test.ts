import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindLabelKey, type VendorDescriptor, type VendorKinds, type VendorTests } from './descriptor';
import { frameAgents } from './frame-agent/agents';
import { FRAME_AGENT_MATCHES } from './frame-agent/matches';
import { vendorModules } from './registry';
import { WIDGET_KINDS } from './types';
import { VENDOR_KINDS, VENDOR_TESTS, VENDORS } from './vendors';

// The convention (scripts/vendors.mjs): every vendor folder's vendor.ts declares descriptors (`…Vendor`)
// and what tests they have (`…Tests`); the generated lists hold every descriptor, module and agent; every
// kind has a unit fixture with a detection test, a fill test, an e2e page an e2e test opens, and a label
// in every locale.
const root = resolve(import.meta.dirname, '..', '..');
const files = import.meta.glob<Record<string, unknown>>('./**/vendor.ts', { eager: true });
const exported = Object.values(files).flatMap((m) => Object.entries(m));
const descriptors = exported.filter(([k]) => k.endsWith('Vendor')).map(([, v]) => v as VendorDescriptor);
const tests: readonly VendorTests[] = VENDOR_TESTS;
const modules = import.meta.glob<Record<string, unknown>>(['./*/*.ts', '!./**/*.test.ts'], { eager: true });
/** What the vendor folders' own files export under a name ending in `suffix` (`…Module`, `…Agent`). */
const vendorFolders = new Set(Object.keys(files).map((path) => path.split('/').slice(0, -1).join('/')));
const exportedBy = (suffix: string) =>
  Object.entries(modules)
    .filter(([path]) => vendorFolders.has(path.split('/').slice(0, -1).join('/')))
    .flatMap(([, m]) =>
      Object.entries(m)
        .filter(([k]) => k.endsWith(suffix))
        .map(([, v]) => v),
    );
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const e2eSources = readdirSync(join(root, 'e2e'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.e2e.ts'))
  .map((f) => read(join('e2e', f)));
const locales = readdirSync(join(root, 'public/_locales'));

describe('vendor descriptors', () => {
  it('the lists hold every descriptor a vendor folder declares, once', () => {
    expect(descriptors.length).toBeGreaterThan(0);
    expect([...VENDORS].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [...descriptors].sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(new Set(VENDORS.map((v) => v.name)).size).toBe(VENDORS.length);
  });

  it("the content scripts' list is the small part of the same descriptors, in the same order", () => {
    expect(VENDOR_KINDS.length).toBe(VENDORS.length);
    VENDORS.forEach((v: VendorDescriptor, i) => {
      const k: VendorKinds = VENDOR_KINDS[i]!;
      expect([k.kinds, k.ownFrame, k.ownHost]).toEqual([v.kinds, v.ownFrame, v.ownHost]);
    });
  });

  it('no kind belongs to two vendors; the kind list is theirs in order', () => {
    expect(new Set(WIDGET_KINDS).size).toBe(WIDGET_KINDS.length);
    expect([...WIDGET_KINDS]).toEqual(VENDORS.flatMap((v) => v.kinds));
  });

  it('every folder declares its tests, and the generated lists hold them', () => {
    expect(new Set(tests).size).toBe(tests.length);
    expect(exported.filter(([k]) => k.endsWith('Tests')).map(([, v]) => v)).toEqual(
      expect.arrayContaining([...tests]),
    );
    expect(exported.filter(([k]) => k.endsWith('Tests'))).toHaveLength(tests.length);
  });

  it('every vendor not completed by the frame agent has an isolated-world module in the registry', () => {
    const isolated = VENDORS.filter((v: VendorDescriptor) => v.frames !== 'agent');
    expect(vendorModules).toHaveLength(isolated.length);
    expect(new Set(vendorModules).size).toBe(vendorModules.length);
    expect(new Set(exportedBy('Module'))).toEqual(new Set(vendorModules));
  });

  it('every vendor completed by the frame agent has its agent in the frame agents', () => {
    const agents = VENDORS.filter((v: VendorDescriptor) => v.frames === 'agent');
    expect(frameAgents.map((a) => a.vendor)).toEqual(agents.map((v) => v.name));
    expect(new Set(exportedBy('Agent'))).toEqual(new Set(frameAgents));
  });

  it('the frame agent runs exactly in the frames of the agent vendors', () => {
    expect(FRAME_AGENT_MATCHES.length).toBe(
      VENDORS.filter((v: VendorDescriptor) => v.frames === 'agent').reduce(
        (n, v: VendorDescriptor) => n + (v.hosts?.length ?? 0) + (v.domains?.length ?? 0),
        0,
      ),
    );
  });
});

describe.each(WIDGET_KINDS.map((k) => [k]))('kind %s', (kind) => {
  const declared = tests.filter((t) => kind in t.e2e || kind in t.unit);

  it('is declared by exactly one folder', () => {
    expect(declared).toHaveLength(1);
  });

  it('has a unit fixture and detection test, and a fill test', () => {
    const unit = declared[0]?.unit[kind];
    expect(unit, 'unit tests declared').toBeDefined();
    const detect = read(join('lib/captcha', unit!.detect));
    expect(detect).toContain(`'${kind}'`);
    const fill = read(join('lib/captcha', unit!.fill));
    expect(fill).toMatch(/\bit\([^)]*\b(fill|token|complet)/i);
  });

  it('has an e2e page that an e2e test opens', () => {
    const page = declared[0]?.e2e[kind];
    expect(page, 'e2e page declared').toBeDefined();
    expect(existsSync(join(root, 'e2e/fixtures', page!)), page).toBe(true);
    expect(
      e2eSources.some((src) => src.includes(page!)),
      `${page} opened by an e2e test`,
    ).toBe(true);
  });

  it('has a label in every locale', () => {
    const missing = locales.filter((l) => {
      const messages = JSON.parse(read(join('public/_locales', l, 'messages.json')));
      return !messages[kindLabelKey(kind)]?.message;
    });
    expect(missing).toEqual([]);
  });
});
