#!/usr/bin/env node
/**
 * Fails on any line wider than 110 columns (Biome's lineWidth) in the repo's .ts/.tsx/.mjs/.mts/.js
 * files. Biome's formatter wraps code but leaves long comments, strings and test names alone: this
 * catches those. Part of `npm run check`.
 *
 * `node scripts/line-width.mjs [path…]` checks the git-tracked (and new, not ignored) files, or only
 * those under the given paths, prints `file:line: N columns` for each offender, and exits 1 if any.
 * Every tracked file is checked, e2e/fixtures included: the vendor imitations there are our own code.
 * The real vendor corpus (e2e/real/README.md) is kept outside the repo, so it is never listed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAX_WIDTH = 110;
export const EXTENSIONS = ['ts', 'tsx', 'mjs', 'mts', 'js'];

/** Code points shown two columns wide (East Asian Wide and Fullwidth, emoji), as a terminal shows them. */
const WIDE = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

/** Columns a line takes: one per code point, two for a wide one, zero for a combining mark. */
export function lineWidth(line) {
  let width = 0;
  for (const char of line) {
    const code = char.codePointAt(0);
    if (/\p{Mn}/u.test(char)) continue;
    width += WIDE.some(([from, to]) => code >= from && code <= to) ? 2 : 1;
  }
  return width;
}

/** The lines of `text` wider than `max` columns: 1-based line numbers and their widths. */
export function longLines(text, max = MAX_WIDTH) {
  const found = [];
  text.split('\n').forEach((raw, index) => {
    const width = lineWidth(raw.replace(/\r$/, ''));
    if (width > max) found.push({ line: index + 1, width });
  });
  return found;
}

/** Outside a git checkout (a sources zip): every file but dot-folders, dependencies and build output. */
function walk(root, dir) {
  return readdirSync(resolve(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir === '.' ? entry.name : `${dir}/${entry.name}`;
    if (!entry.isDirectory()) return [path];
    if (entry.name.startsWith('.') || ['node_modules', 'bench/out', 'e2e/out'].includes(path)) return [];
    return walk(root, path);
  });
}

/** The repo's source files (tracked, or new and not ignored) under `paths`, relative to `root`. */
export function sourceFiles(root, paths = []) {
  if (!existsSync(resolve(root, '.git'))) {
    const ext = new RegExp(`\\.(${EXTENSIONS.join('|')})$`);
    const inPaths = (file) =>
      !paths.length || paths.some((p) => file === p || file.startsWith(`${p.replace(/\/$/, '')}/`));
    return walk(root, '.').filter((file) => ext.test(file) && inPaths(file));
  }
  const out = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...(paths.length ? paths : ['.'])],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const ext = new RegExp(`\\.(${EXTENSIONS.join('|')})$`);
  // A tracked file deleted in the work tree is still listed by --cached.
  return [...new Set(out.split('\0'))].filter((file) => ext.test(file) && existsSync(resolve(root, file)));
}

/** Every offender under `paths`, as `{ file, line, width }`. */
export function checkFiles(root, paths = [], max = MAX_WIDTH) {
  return sourceFiles(root, paths).flatMap((file) =>
    longLines(readFileSync(resolve(root, file), 'utf8'), max).map((hit) => ({ file, ...hit })),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const offenders = checkFiles(root, process.argv.slice(2));
  for (const { file, line, width } of offenders) console.log(`${file}:${line}: ${width} columns`);
  if (offenders.length > 0) {
    console.error(`line-width: ${offenders.length} line(s) wider than ${MAX_WIDTH} columns`);
    process.exit(1);
  }
}
