/**
 * The catalogues: every locale has exactly English's keys with the same placeholders; every key the
 * code asks for (t('…'), the engine's notices, the manifest's __MSG_…__) exists; and no words in the
 * pages' markup bypass the catalogue. `node scripts/locales-check.mjs` lists what a locale lacks.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { checkLocales, LOCALES, placeholdersOf, strayDollar } from '../../scripts/locales-check.mjs';
import { ERROR_TABLE } from '../anysolver/errors';
import { catalogue, messages } from './test-i18n';

const ROOT = resolve(import.meta.dirname, '../..');
const files = (dir: string, ext: RegExp): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, ext);
    return ext.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
const rel = (path: string) => path.slice(ROOT.length + 1);

describe('the locales', () => {
  const { report } = checkLocales();

  it('ship the twelve languages of issue 14', () => {
    expect(LOCALES).toEqual(['en', 'es', 'pt_BR', 'fr', 'de', 'it', 'ru', 'uk', 'tr', 'zh_CN', 'ja', 'ar']);
    expect(readdirSync(join(ROOT, 'public/_locales')).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has every key of en and no other', (locale) => {
    expect({ missing: report[locale]!.missing, extra: report[locale]!.extra }).toEqual({
      missing: [],
      extra: [],
    });
  });

  it.each(LOCALES)('%s uses the same placeholders as en, defined, with no lone $', (locale) => {
    expect({ placeholders: report[locale]!.placeholders, invalid: report[locale]!.invalid }).toEqual({
      placeholders: [],
      invalid: [],
    });
  });

  it('the check itself catches a missing key, an extra one, a changed placeholder and a lone $', async () => {
    const { compareLocale } = await import('../../scripts/locales-check.mjs');
    const en = {
      a: { message: 'Spent $SPENT$', placeholders: { spent: { content: '$1' } } },
      b: { message: 'Hello' },
    };
    const other = {
      a: { message: 'Gastado $COST$', placeholders: { cost: { content: '$1' } } },
      c: { message: 'Costs 5$' },
    };
    expect(compareLocale(en, other)).toEqual({
      missing: ['b'],
      extra: ['c'],
      placeholders: ['a: SPENT in en, COST here'],
      invalid: ['c: a lone $ (write $$ for a dollar sign)'],
    });
    expect(placeholdersOf('$A$ and $b$')).toEqual(['A', 'B']);
    expect(strayDollar('$$1.00 and $1')).toBe(false);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s is translated, not a copy of English', (locale) => {
    const cat = catalogue(locale);
    // Brand and vendor names (reCAPTCHA v2, AWS WAF…) and pure placeholders stay as they are.
    const same = Object.keys(messages).filter(
      (k) => cat[k]?.message === messages[k]!.message && /[a-z]{3} [a-z]{3}/i.test(messages[k]!.message),
    );
    expect(same.filter((k) => !k.startsWith('kind_'))).toEqual([]);
  });
});

describe('keys the code asks for', () => {
  const code = ['lib', 'components', 'entrypoints'].flatMap((d) => files(join(ROOT, d), /\.tsx?$/));

  it('every t(…) key and every notice key written in the code exists in en', () => {
    const used = new Map<string, string>();
    for (const file of code) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) used.set(m[1]!, rel(file));
      // Notices and keys built by the engine and the badge: 'err_…', 'note_…', 'badge…' literals.
      for (const m of text.matchAll(/'((?:err|note)_[A-Za-z0-9_]+|badge[A-Z][A-Za-z]+|twoSentences)'/g))
        used.set(m[1]!, rel(file));
      // The image flow's fail('CODE') is `err_CODE`.
      for (const m of text.matchAll(/\bfail\('([A-Z_]+)'\)/g)) used.set(`err_${m[1]}`, rel(file));
    }
    expect(used.size).toBeGreaterThan(120);
    expect([...used].filter(([k]) => !messages[k])).toEqual([]);
  });

  it('every API error code, hold reason and limit has its words', () => {
    const keys = [
      ...Object.keys(ERROR_TABLE).map((c) => `err_${c}`),
      ...['unsupported', 'manual', 'off'].map((h) => `note_${h}`),
      ...['RATE_LIMITED_TAB', 'RATE_LIMITED_SITE', 'RATE_LIMITED_EMBEDDED', 'DAILY_CAP_REACHED'].map(
        (c) => `err_${c}`,
      ),
      'err_refused',
    ];
    expect(keys.filter((k) => !messages[k])).toEqual([]);
  });

  it('the manifest and the pages name only keys that exist (__MSG_…__)', () => {
    const sources = [join(ROOT, 'wxt.config.ts'), ...files(join(ROOT, 'entrypoints'), /\.html$/)];
    const used = sources.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1]!),
    );
    expect(new Set(used)).toEqual(new Set(['extName', 'extDescription', 'commandSolvePage']));
    expect(used.filter((k) => !messages[k])).toEqual([]);
  });
});

describe('the pages’ markup', () => {
  // Attributes a person reads or hears, and our components' text props (Switch hint, Section intro).
  const SPOKEN = new Set([
    'title',
    'aria-label',
    'aria-description',
    'placeholder',
    'alt',
    'label',
    'value',
    'hint',
    'intro',
  ]);
  const words = (s: string) => /\p{L}{2,}/u.test(s);

  /** Literal words in JSX: text between tags, and string attributes people read. */
  function literals(file: string): string[] {
    const src = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TSX,
    );
    const found: string[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isJsxText(n) && words(n.text)) found.push(n.text.trim());
      if (ts.isJsxAttribute(n) && SPOKEN.has(n.name.getText())) {
        const init = n.initializer;
        const lit = init && ts.isJsxExpression(init) ? init.expression : init;
        if (lit && (ts.isStringLiteral(lit) || ts.isNoSubstitutionTemplateLiteral(lit)) && words(lit.text))
          found.push(`${n.name.getText()}="${lit.text}"`);
      }
      ts.forEachChild(n, visit);
    };
    visit(src);
    return found.map((f) => `${rel(file)}: ${f}`);
  }

  it('has no literal words in components/ or entrypoints/: every string comes from _locales', () => {
    const tsx = ['components', 'entrypoints'].flatMap((d) => files(join(ROOT, d), /\.tsx$/));
    expect(tsx.length).toBeGreaterThan(20);
    expect(tsx.flatMap(literals)).toEqual([]);
  });

  it('the scan sees words in text and spoken attributes, not symbols or numbers', () => {
    const tmp = join(ROOT, 'node_modules/.locales-scan.tsx');
    writeFileSync(
      tmp,
      `export const A = () => <p title="Close" aria-label={'Menu'} class="x">Hello {n} ▲ 12 %</p>;`,
    );
    try {
      expect(literals(tmp).map((l) => l.split(': ')[1])).toEqual([
        'title="Close"',
        'aria-label="Menu"',
        'Hello',
      ]);
    } finally {
      rmSync(tmp);
    }
  });
});

describe('the pages’ CSS works right-to-left', () => {
  const css = ['components', 'entrypoints'].flatMap((d) => files(join(ROOT, d), /\.css$/));

  it('uses logical sides only: no left/right, no margin or padding with different left and right', () => {
    expect(css.length).toBeGreaterThanOrEqual(3);
    const bad: string[] = [];
    for (const file of css) {
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const m of text.matchAll(/[^;{}]*\b(left|right)\b[^;{}]*/g))
        bad.push(`${rel(file)}: ${m[0].trim()}`);
      for (const m of text.matchAll(/\b(margin|padding|inset|border-width|border-radius)\s*:\s*([^;]+);/g)) {
        const v = m[2]!.trim().split(/\s+/);
        // Four values: top right bottom left; border-radius: top-left top-right bottom-right bottom-left.
        const asymmetric =
          m[1] === 'border-radius'
            ? v.length > 1 && (v[0] !== v[1] || v[2] !== (v[3] ?? v[1]))
            : v.length === 4 && v[1] !== v[3];
        if (asymmetric) bad.push(`${rel(file)}: ${m[0]}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
