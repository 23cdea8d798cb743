import { describe, expect, it } from 'vitest';
import { OPTIONS_SECTIONS, sectionAt, sectionFromHash } from './options-sections';
import { messages } from './test-i18n';

const ids = OPTIONS_SECTIONS.map((s) => s.id);

describe('options sections', () => {
  it('has a unique id and an English title for every section', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of OPTIONS_SECTIONS) expect(messages[s.title]?.message, s.title).toBeTruthy();
  });

  it.each([
    ['#history', 'history'],
    ['history', 'history'],
    ['#sites', 'sites'],
    ['', null],
    ['#', null],
    ['#nope', null],
    ['#history-h', null],
    ['#%E0%A4%A', null],
  ])('reads the hash %j as %j', (hash, id) => {
    expect(sectionFromHash(hash, ids)).toBe(id);
  });

  const tops = [
    { id: 'a', top: -900 },
    { id: 'b', top: -20 },
    { id: 'c', top: 180 },
    { id: 'd', top: 700 },
  ];
  it.each([
    [100, false, 'b'],
    [180, false, 'c'],
    [-950, false, 'a'],
    [100, true, 'd'],
  ])('with the line at %d (bottom: %s) reads %s', (line, atBottom, id) => {
    expect(sectionAt(tops, line, atBottom)).toBe(id);
  });

  it('reads nothing before any section is laid out', () => {
    expect(sectionAt([], 100, false)).toBeUndefined();
  });
});
