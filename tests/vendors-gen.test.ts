import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate, readFolders, run } from '../scripts/vendors.mjs';

// The vendor lists are written from the vendor folders (scripts/vendors.mjs): adding a vendor is adding
// its folder. What the script reads of a folder, what it writes, and what it refuses.

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** A lib/captcha-like folder with `files` (path → source) in it. */
function tree(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'vendors-'));
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  return dir;
}

const vendorFile = (rank: number, ids: string[], tests: string) =>
  [
    `export const RANK = ${rank};`,
    ...ids.flatMap((id) => [`export const ${id}Kinds = {};`, `export const ${id}Vendor = {};`]),
    `export const ${tests}Tests = {};`,
  ].join('\n');

describe('readFolders + generate', () => {
  it('lists the vendors of every folder with a vendor.ts, folders by RANK, vendors in file order', () => {
    const folders = readFolders(
      tree({
        'zeta/vendor.ts': vendorFile(1, ['zOne', 'zTwo'], 'zeta'),
        'zeta/module.ts': 'export const zTwoModule = {};',
        'alpha/vendor.ts': vendorFile(2, ['alpha'], 'alpha'),
        'alpha/agent.ts': 'export const alphaAgent = {};',
        'alpha/agent.test.ts': 'export const alphaAgent = {};',
        'shared/util.ts': 'export const thingModule = {};', // no vendor.ts: not a vendor folder
      }),
    );
    expect(folders.map((f) => [f.name, f.rank, f.ids, f.tests])).toEqual([
      ['zeta', 1, ['zOne', 'zTwo'], 'zetaTests'],
      ['alpha', 2, ['alpha'], 'alphaTests'],
    ]);
    const out = generate(folders);
    expect(out['lib/captcha/vendors.ts']).toContain(
      'export const VENDORS = [zOneVendor, zTwoVendor, alphaVendor] as const;',
    );
    expect(out['lib/captcha/vendors.ts']).toContain(
      'export const VENDOR_KINDS = [zOneKinds, zTwoKinds, alphaKinds] as const;',
    );
    expect(out['lib/captcha/vendors.ts']).toContain(
      'export const VENDOR_TESTS = [zetaTests, alphaTests] as const;',
    );
    expect(out['lib/captcha/registry.ts']).toContain("import { zTwoModule } from './zeta/module';");
    expect(out['lib/captcha/registry.ts']).toContain('= [zTwoModule];');
    expect(out['lib/captcha/frame-agent/agents.ts']).toContain(
      "import { alphaAgent } from '../alpha/agent';",
    );
    expect(out['lib/captcha/frame-agent/agents.ts']).toContain('= [alphaAgent];');
  });

  it.each([
    ['no RANK', { 'a/vendor.ts': 'export const aKinds = {};\nexport const aVendor = {};' }, /no RANK/],
    [
      'two folders with one RANK',
      { 'a/vendor.ts': vendorFile(1, ['a'], 'a'), 'b/vendor.ts': vendorFile(1, ['b'], 'b') },
      /same RANK/,
    ],
    [
      'kinds without a descriptor',
      { 'a/vendor.ts': 'export const RANK = 1;\nexport const aKinds = {};\nexport const aTests = {};' },
      /aKinds has no aVendor/,
    ],
    [
      'a module of no vendor of the folder',
      { 'a/vendor.ts': vendorFile(1, ['a'], 'a'), 'a/m.ts': 'export const bModule = {};' },
      /bModule names no vendor/,
    ],
    [
      'no tests',
      { 'a/vendor.ts': 'export const RANK = 1;\nexport const aKinds = {};\nexport const aVendor = {};' },
      /Tests/,
    ],
  ])('refuses %s', (_, files, error) => {
    expect(() => readFolders(tree(files))).toThrow(error);
  });
});

describe('the committed lists', () => {
  it('are what the vendor folders make (npm run vendors writes nothing)', () => {
    expect(run({ check: true })).toEqual([]);
  });
});
