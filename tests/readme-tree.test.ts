import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README's architecture tree against the real folders: every path it lists exists, and every folder a
// newcomer looks for is in it. Its format: one entry per line, two spaces of indent per level, a folder
// ends with `/`; a description follows after two or more spaces, and wraps onto lines indented by 20+.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The folders whose subfolders (two levels down) must all be in the tree. */
const ROOTS = ['lib', 'entrypoints', 'components', 'e2e', 'tests', 'sandbox', 'scripts', 'bench', 'docs'];
/** Folders of fixtures grouped by vendor or case: the tree names their parent only. */
const GROUPED = ['e2e/fixtures/'];
const CONTINUATION_INDENT = 20;

/** The code block under `## Architecture`. */
function architectureBlock(readme: string): string {
  const section = readme.split(/^## Architecture\n/m)[1];
  const block = section?.match(/^```\n([\s\S]*?)^```$/m)?.[1];
  if (!block) throw new Error('README.md: no ``` block under "## Architecture"');
  return block;
}

/** The paths a tree lists (`lib/captcha/content/`, `lib/messaging.ts`), in order. */
function treePaths(block: string): string[] {
  const paths: string[] = [];
  const parents: string[] = [];
  block.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const indent = line.length - line.trimStart().length;
    if (indent >= CONTINUATION_INDENT) return;
    const entry = line.match(/^( *)(\S+)(?: {2,}\S.*)?$/);
    if (!entry || indent % 2 !== 0 || indent / 2 > parents.length) {
      throw new Error(`architecture tree, line ${index + 1}: not "<indent><name>  <description>": ${line}`);
    }
    const name = entry[2]!;
    parents.length = indent / 2;
    const path = parents.join('') + name;
    paths.push(path);
    if (path.endsWith('/')) parents.push(name);
  });
  return paths;
}

/** The folders, two levels under `roots`, that hold a tracked (or new, not ignored) file. */
function realFolders(roots: string[]): string[] {
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', ...roots],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter((f) => f && existsSync(join(ROOT, f)));
  const folders = new Set<string>();
  for (const file of files) {
    const parts = file.split('/').slice(0, -1);
    for (let depth = 1; depth <= Math.min(parts.length, 3); depth++) {
      folders.add(`${parts.slice(0, depth).join('/')}/`);
    }
  }
  return [...folders].filter((f) => !GROUPED.some((g) => f.startsWith(g) && f !== g)).sort();
}

describe('treePaths', () => {
  it('nests entries by indent, skips wrapped descriptions, keeps files and folders apart', () => {
    const block = [
      'lib/                top',
      '  captcha/          detectors',
      '                    wrapped description/ not an entry',
      '    content/        the loop',
      '  messaging.ts      messages',
      'e2e/',
      '  rig.mjs',
    ].join('\n');
    expect(treePaths(block)).toEqual([
      'lib/',
      'lib/captcha/',
      'lib/captcha/content/',
      'lib/messaging.ts',
      'e2e/',
      'e2e/rig.mjs',
    ]);
  });

  it.each([
    ['an odd indent', 'lib/\n   captcha/  x'],
    ['a level skipped', 'lib/\n    captcha/  x'],
    ['one space before the description', 'lib/ top'],
  ])('rejects %s', (_, block) => {
    expect(() => treePaths(block)).toThrow(/architecture tree, line 2|architecture tree, line 1/);
  });
});

describe('README architecture tree', () => {
  const listed = treePaths(architectureBlock(readFileSync(join(ROOT, 'README.md'), 'utf8')));

  it('lists only paths that exist, folders as folders', () => {
    const wrong = listed.filter((path) => {
      const full = join(ROOT, path);
      return !existsSync(full) || statSync(full).isDirectory() !== path.endsWith('/');
    });
    expect(wrong).toEqual([]);
  });

  it('lists every folder two levels under lib/, entrypoints/, e2e/, tests/ and the others', () => {
    const missing = realFolders(ROOTS).filter((folder) => !listed.includes(folder));
    expect(missing).toEqual([]);
  });

  it('names the top-level folders and the cross-context contracts', () => {
    expect(listed).toEqual(expect.arrayContaining([...ROOTS.map((r) => `${r}/`), 'lib/messaging.ts']));
  });
});
