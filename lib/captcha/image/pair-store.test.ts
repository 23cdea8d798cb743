import { describe, expect, it } from 'vitest';
import { MAX_ORIGINS, MAX_PAIRS_PER_ORIGIN, pairsFor, parsePairs, rememberPair } from './pair-store';

const pair = (n: number) => ({ img: `#img${n}`, input: `#in${n}` });

describe('image pair store', () => {
  it('remembers newest first per origin and replaces a pair with the same answer field', () => {
    let map = rememberPair({}, 'https://a.test', pair(1));
    map = rememberPair(map, 'https://a.test', pair(2));
    map = rememberPair(map, 'https://a.test', { img: '#new', input: '#in1' });
    expect(pairsFor(map, 'https://a.test')).toEqual([{ img: '#new', input: '#in1' }, pair(2)]);
    expect(pairsFor(map, 'https://b.test')).toEqual([]);
  });

  it('caps pairs per origin and origins (the least recently marked origin goes first)', () => {
    let map = {};
    for (let i = 0; i < MAX_PAIRS_PER_ORIGIN + 3; i++) map = rememberPair(map, 'https://a.test', pair(i));
    expect(pairsFor(map, 'https://a.test')).toHaveLength(MAX_PAIRS_PER_ORIGIN);
    expect(pairsFor(map, 'https://a.test')[0]).toEqual(pair(MAX_PAIRS_PER_ORIGIN + 2));
    for (let i = 0; i < MAX_ORIGINS; i++) map = rememberPair(map, `https://o${i}.test`, pair(i));
    expect(Object.keys(map)).toHaveLength(MAX_ORIGINS);
    expect(pairsFor(map, 'https://a.test')).toEqual([]); // oldest dropped
    map = rememberPair(map, 'https://o0.test', pair(9)); // touching an origin makes it newest
    map = rememberPair(map, 'https://new.test', pair(1));
    expect(pairsFor(map, 'https://o0.test')).toHaveLength(2);
    expect(pairsFor(map, 'https://o1.test')).toEqual([]);
  });

  it.each([
    null,
    undefined,
    'x',
    { 'https://a.test': [{ img: 1 }] },
    { 'https://a.test': [{ img: '', input: 'x' }] },
  ])('a corrupt stored value reads as empty: %j', (raw) => {
    expect(parsePairs(raw)).toEqual({});
  });

  it('reads a valid stored value back', () => {
    expect(parsePairs({ 'https://a.test': [pair(1)] })).toEqual({ 'https://a.test': [pair(1)] });
  });
});
