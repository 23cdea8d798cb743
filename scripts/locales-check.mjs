#!/usr/bin/env node
/**
 * Compares every public/_locales/<lang>/messages.json with the English one (the source of truth):
 * keys missing or extra, placeholders that differ, stray `$` signs Chrome would swallow, bad key names.
 * `node scripts/locales-check.mjs` prints what each locale lacks, with the English text to translate,
 * and exits 1 if anything is wrong; `--json` prints the same as JSON. lib/ui/locales.test.ts runs it too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOCALES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../public/_locales');
/** The languages the extension ships (docs/locales.md has the glossary of each). */
export const LOCALES = ['en', 'es', 'pt_BR', 'fr', 'de', 'it', 'ru', 'uk', 'tr', 'zh_CN', 'ja', 'ar'];

/**
 * The named placeholders a message uses ($NAME$), sorted, upper-cased (Chrome's names are case-insensitive).
 */
export const placeholdersOf = (message) =>
  [...message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1].toUpperCase()).sort();

/** A `$` that is neither `$$`, a `$NAME$` placeholder nor a `$1`…`$9` substitution: Chrome drops it. */
export const strayDollar = (message) =>
  /\$/.test(
    message
      .replace(/\$\$/g, '')
      .replace(/\$[A-Za-z0-9_]+\$/g, '')
      .replace(/\$[1-9]/g, ''),
  );

export function readCatalogue(locale, dir = LOCALES_DIR) {
  return JSON.parse(readFileSync(join(dir, locale, 'messages.json'), 'utf8'));
}

/** Problems of one locale against English: { missing, extra, placeholders, invalid }. */
export function compareLocale(en, other) {
  const missing = Object.keys(en).filter((k) => !(k in other));
  const extra = Object.keys(other).filter((k) => !(k in en));
  const placeholders = [];
  const invalid = [];
  for (const [key, entry] of Object.entries(other)) {
    if (!/^[A-Za-z0-9_]+$/.test(key)) invalid.push(`${key}: key must be [A-Za-z0-9_]`);
    if (typeof entry?.message !== 'string' || entry.message.trim() === '') {
      invalid.push(`${key}: empty or missing "message"`);
      continue;
    }
    if (strayDollar(entry.message)) invalid.push(`${key}: a lone $ (write $$ for a dollar sign)`);
    const names = placeholdersOf(entry.message);
    for (const name of names)
      if (!entry.placeholders?.[name.toLowerCase()])
        invalid.push(`${key}: $${name}$ has no "placeholders" entry`);
    const base = en[key];
    if (!base) continue;
    const want = placeholdersOf(base.message);
    const defs = (e) =>
      JSON.stringify(
        Object.entries(e.placeholders ?? {})
          .map(([n, p]) => [n.toLowerCase(), p.content])
          .sort(),
      );
    if (JSON.stringify(want) !== JSON.stringify(names) || defs(base) !== defs(entry))
      placeholders.push(`${key}: ${want.join(',') || '—'} in en, ${names.join(',') || '—'} here`);
  }
  return { missing, extra, placeholders, invalid };
}

/** Every locale folder found (and those expected but absent) against English. */
export function checkLocales(dir = LOCALES_DIR) {
  const en = readCatalogue('en', dir);
  const found = readdirSync(dir).filter((d) => d !== 'en');
  const report = {};
  for (const locale of [...new Set([...LOCALES.filter((l) => l !== 'en'), ...found])]) {
    if (!found.includes(locale)) {
      report[locale] = {
        missing: Object.keys(en),
        extra: [],
        placeholders: [],
        invalid: ['no messages.json'],
      };
      continue;
    }
    report[locale] = compareLocale(en, readCatalogue(locale, dir));
  }
  report.en = { missing: [], extra: [], placeholders: [], invalid: compareLocale(en, en).invalid };
  return { en, report };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { en, report } = checkLocales();
  const bad = Object.entries(report).filter(([, r]) => Object.values(r).some((l) => l.length));
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    for (const [locale, r] of Object.entries(report)) {
      if (!Object.values(r).some((l) => l.length)) {
        console.log(`${locale}: ok (${Object.keys(readCatalogue(locale)).length} keys)`);
        continue;
      }
      console.log(
        `${locale}: ${r.missing.length} missing, ${r.extra.length} extra, ${r.placeholders.length} ` +
          `placeholder mismatches, ${r.invalid.length} invalid`,
      );
      for (const k of r.missing) console.log(`  missing ${k}: ${JSON.stringify(en[k].message)}`);
      for (const k of r.extra) console.log(`  extra   ${k}`);
      for (const p of r.placeholders) console.log(`  placeholders ${p}`);
      for (const p of r.invalid) console.log(`  invalid ${p}`);
    }
  }
  process.exit(bad.length ? 1 : 0);
}
