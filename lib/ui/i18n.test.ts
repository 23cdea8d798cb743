import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WIDGET_KINDS } from '@/lib/captcha/types';
import { createTranslator } from './i18n';
import { getMessage, messages } from './test-i18n';

const ROOT = resolve(import.meta.dirname, '../..');
const UI_DIRS = [
  'components',
  'entrypoints/popup',
  'entrypoints/options',
  'entrypoints/devtools',
  'entrypoints/devtools-panel',
  'lib/ui',
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the English catalogue (public/_locales/en/messages.json)', () => {
  it('has the keys the manifest uses', () => {
    expect(messages.extName?.message).toBe('AnySolver — CAPTCHA Solver');
    expect(messages.commandSolvePage?.message).toBe('Solve captchas on this page');
    expect(messages.extDescription?.message).toBeTruthy();
  });

  it('has every key the UI code asks for by name', () => {
    const used = new Set<string>();
    for (const file of UI_DIRS.flatMap((d) => sources(join(ROOT, d)))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !messages[k])).toEqual([]);
  });

  it('has every key the UI builds from a kind, status or routing value', () => {
    const statuses = [
      'detected',
      'queued',
      'creating',
      'polling',
      'solved',
      'failed',
      'expired',
      'cancelled',
      'undelivered',
    ];
    const built = [
      ...WIDGET_KINDS.map((k) => `kind_${k.replace(/-/g, '_')}`),
      ...statuses.map((s) => `word_${s}`),
      ...['default', 'autoCheapest', 'autoFastest', 'autoMostReliable', 'priority'].flatMap((m) => [
        `mode_${m}`,
        `modeHint_${m}`,
      ]),
      ...['all', 'platformOnly'].flatMap((m) => [`keyPool_${m}`, `keyPoolHint_${m}`]),
      ...['colTime', 'colSite', 'colKind', 'colStatus', 'colCost', 'colDuration'],
    ];
    expect(built.filter((k) => !messages[k])).toEqual([]);
  });

  it('defines every placeholder a message uses', () => {
    const broken = Object.entries(messages).filter(([, e]) =>
      [...e.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].some((m) => !e.placeholders?.[m[1]!.toLowerCase()]),
    );
    expect(broken.map(([k]) => k)).toEqual([]);
  });
});

describe('t', () => {
  const t = createTranslator(getMessage);
  it('fills placeholders in order and falls back to the key when a message is missing', () => {
    expect(t('historyShown', [3, 10])).toBe('Showing 3 of 10 tasks.');
    expect(t('statusSolving', 12)).toBe('Solving… 12 s');
    expect(t('no_such_key')).toBe('no_such_key');
  });
});
