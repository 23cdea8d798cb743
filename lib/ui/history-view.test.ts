import { describe, expect, it } from 'vitest';
import { record, T0 } from './fixtures';
import { emptyFilter, filterHistory, nextSort, sortHistory } from './history-view';

const records = [
  record({ at: T0, origin: 'https://b.example', kind: 'hcaptcha', cost: 0.002, status: 'solved' }),
  record({
    at: T0 + 1,
    origin: 'https://a.example',
    kind: 'recaptcha-v2',
    cost: 0.001,
    status: 'failed',
    errorMessage: 'Captcha unsolvable',
  }),
  record({
    at: T0 + 2,
    origin: 'https://c.example',
    kind: 'turnstile',
    cost: 0.003,
    status: 'solved',
    provider: 'Other',
  }),
];

describe('filterHistory', () => {
  it.each([
    [{ text: 'a.example' }, ['https://a.example']],
    [{ text: 'UNSOLVABLE' }, ['https://a.example']],
    [{ text: 'other' }, ['https://c.example']],
    [{ status: 'solved' as const }, ['https://b.example', 'https://c.example']],
    [{ kind: 'hcaptcha' }, ['https://b.example']],
    [{ status: 'solved' as const, kind: 'hcaptcha', text: 'c.example' }, []],
    [{}, ['https://b.example', 'https://a.example', 'https://c.example']],
  ])('%o keeps %o', (f, origins) => {
    expect(filterHistory(records, { ...emptyFilter(), ...f }).map((r) => r.origin)).toEqual(origins);
  });
});

describe('sortHistory', () => {
  it.each([
    ['at', 'desc', [T0 + 2, T0 + 1, T0]],
    ['at', 'asc', [T0, T0 + 1, T0 + 2]],
    ['cost', 'desc', [T0 + 2, T0, T0 + 1]],
    ['origin', 'asc', [T0 + 1, T0, T0 + 2]],
    ['kind', 'asc', [T0, T0 + 1, T0 + 2]],
  ] as const)('by %s %s', (key, dir, order) => {
    expect(sortHistory(records, { key, dir }).map((r) => r.at)).toEqual(order);
  });

  it('does not reorder its input', () => {
    const copy = [...records];
    sortHistory(records, { key: 'cost', dir: 'asc' });
    expect(records).toEqual(copy);
  });

  it('flips on the same column and starts text columns ascending', () => {
    expect(nextSort({ key: 'at', dir: 'desc' }, 'at')).toEqual({ key: 'at', dir: 'asc' });
    expect(nextSort({ key: 'at', dir: 'desc' }, 'origin')).toEqual({ key: 'origin', dir: 'asc' });
    expect(nextSort({ key: 'origin', dir: 'asc' }, 'cost')).toEqual({ key: 'cost', dir: 'desc' });
  });
});
