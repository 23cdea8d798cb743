import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFiles, lineWidth, longLines, MAX_WIDTH } from '../scripts/line-width.mjs';

// The line-width check of `npm run check`: what it counts as a column and which files it reads.

describe('lineWidth', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['  // é', 6],
    ['e\u0301', 1], // a combining accent takes no column
    ['日本語', 6], // wide characters take two
    ['ｱ', 1], // halfwidth katakana takes one
    ['🙂', 2], // one code point, two UTF-16 units, two columns
    ['مرحبا', 5],
  ])('%j is %i columns', (line, width) => {
    expect(lineWidth(line)).toBe(width);
  });
});

describe('longLines', () => {
  it('lists only the lines over the limit, numbered from 1, with their width', () => {
    const text = ['a'.repeat(MAX_WIDTH), 'b'.repeat(MAX_WIDTH + 1), '', `${'c'.repeat(MAX_WIDTH)}d`].join(
      '\n',
    );
    expect(longLines(text)).toEqual([
      { line: 2, width: MAX_WIDTH + 1 },
      { line: 4, width: MAX_WIDTH + 1 },
    ]);
  });

  it('does not count a CRLF line ending as a column', () => {
    expect(longLines(`${'x'.repeat(MAX_WIDTH)}\r\n${'y'.repeat(MAX_WIDTH)}\r\n`)).toEqual([]);
  });

  it('takes another limit', () => {
    expect(longLines('12345\n123456', 5)).toEqual([{ line: 2, width: 6 }]);
  });
});

describe('checkFiles', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  it('reads tracked and new source files, skips other kinds, ignored and deleted files', () => {
    dir = mkdtempSync(join(tmpdir(), 'line-width-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    const long = `// ${'x'.repeat(MAX_WIDTH)}\n`;
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, '.gitignore'), 'out/\n');
    writeFileSync(join(dir, 'src/tracked.ts'), `ok\n${long}`);
    writeFileSync(join(dir, 'src/gone.ts'), long);
    git('add', '.');
    unlinkSync(join(dir, 'src/gone.ts'));
    writeFileSync(join(dir, 'src/new.mjs'), long);
    writeFileSync(join(dir, 'src/notes.md'), long);
    writeFileSync(join(dir, 'src/ok.tsx'), 'short\n');
    writeFileSync(join(dir, 'out/built.js'), long);
    const found = checkFiles(dir).sort((a, b) => a.file.localeCompare(b.file));
    expect(found).toEqual([
      { file: 'src/new.mjs', line: 1, width: MAX_WIDTH + 3 },
      { file: 'src/tracked.ts', line: 2, width: MAX_WIDTH + 3 },
    ]);
    expect(checkFiles(dir, ['src/tracked.ts'])).toEqual([
      { file: 'src/tracked.ts', line: 2, width: MAX_WIDTH + 3 },
    ]);
  });

  it('outside a git checkout, walks the folder but skips dot-folders, dependencies and build output', () => {
    dir = mkdtempSync(join(tmpdir(), 'line-width-'));
    const long = `// ${'x'.repeat(MAX_WIDTH)}\n`;
    for (const folder of ['src', 'node_modules/dep', '.output', 'bench/out']) {
      mkdirSync(join(dir, folder), { recursive: true });
    }
    writeFileSync(join(dir, 'src/a.ts'), long);
    writeFileSync(join(dir, 'src/b.md'), long);
    writeFileSync(join(dir, 'node_modules/dep/c.js'), long);
    writeFileSync(join(dir, '.output/d.js'), long);
    writeFileSync(join(dir, 'bench/out/e.mjs'), long);
    writeFileSync(join(dir, 'bench/f.mjs'), long);
    const files = checkFiles(dir).map((hit) => hit.file);
    expect(files.sort()).toEqual(['bench/f.mjs', 'src/a.ts']);
    expect(checkFiles(dir, ['bench']).map((hit) => hit.file)).toEqual(['bench/f.mjs']);
  });
});
