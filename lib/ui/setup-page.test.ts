import { describe, expect, it } from 'vitest';
import { readinessTitle, setupMessage } from './setup-page';

const hash = (v: unknown) => `#${encodeURIComponent(JSON.stringify(v))}`;

describe('the setup page hash', () => {
  it('no hash asks for readiness only', () => {
    expect(setupMessage('')).toEqual({ type: 'setup:status' });
    expect(setupMessage('#')).toEqual({ type: 'setup:status' });
  });

  it('a config object becomes setup:apply with exactly its fields', () => {
    expect(setupMessage(hash({ clientKey: 'k_12345678', settings: { autoSolve: false } }))).toEqual({
      type: 'setup:apply',
      clientKey: 'k_12345678',
      settings: { autoSolve: false },
    });
    expect(setupMessage(hash({ settings: {} }))).toEqual({ type: 'setup:apply', settings: {} });
  });

  it.each([
    ['not JSON', '#{oops'],
    ['bad escape', '#%E0%A4%A'],
    ['an array', hash([1])],
    ['a string', hash('k')],
    ['an unknown field', hash({ clientKey: 'k_12345678', key: 'x' })],
    ['a non-string key', hash({ clientKey: 5 })],
    ['settings not an object', hash({ settings: [] })],
  ])('%s is refused (null)', (_what, h) => {
    expect(setupMessage(h)).toBeNull();
  });

  it('titles: ready, or the error code', () => {
    expect(readinessTitle({ ready: true })).toBe('anysolver:ready');
    expect(readinessTitle({ ready: false, code: 'NO_KEY' })).toBe('anysolver:error:NO_KEY');
    expect(readinessTitle({ ready: false })).toBe('anysolver:error:UNKNOWN');
  });
});
