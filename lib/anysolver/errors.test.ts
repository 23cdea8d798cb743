import { describe, expect, it } from 'vitest';
import { messages } from '@/lib/ui/test-i18n';
import { AnySolverError, describeError, ERROR_TABLE } from './errors';

describe('the error table', () => {
  it.each([
    ['ERROR_KEY_DOES_NOT_EXIST', 'account', false],
    ['ERROR_ZERO_BALANCE', 'account', false],
    ['ERROR_USER_BANNED', 'account', false],
    ['DOMAIN_BANNED', 'task', false],
    ['INVALID_TASK_DATA', 'task', false],
    ['TASK_NOT_SUPPORTED', 'task', false],
    ['CAPTCHA_UNSOLVABLE', 'task', false],
    ['TASK_TIMEOUT', 'task', false],
    ['TASK_NOT_FOUND', 'task', false],
    ['PROXY_CONNECTION_FAILED', 'task', false],
    ['IMAGE_CORRUPTED', 'task', false],
    ['IMAGE_TOO_LARGE', 'task', false],
    ['IMAGE_TOO_SMALL', 'task', false],
    ['INTERNAL_ERROR', 'transient', true],
    ['NETWORK_ERROR', 'transient', true],
    ['TIMEOUT', 'transient', true],
    ['BAD_RESPONSE', 'transient', true],
    ['INVALID_ENDPOINT', 'account', false],
    ['INVALID_KEY_FORMAT', 'account', false],
  ] as const)('%s: scope %s, retryable %s', (code, scope, retryable) => {
    expect(describeError(code)).toMatchObject({ scope, retryable });
  });

  it('lets only CAPTCHA_UNSOLVABLE and TASK_TIMEOUT be solved once more', () => {
    const resolvable = Object.entries(ERROR_TABLE)
      .filter(([, i]) => i.resolvable)
      .map(([c]) => c);
    expect(resolvable.sort()).toEqual(['CAPTCHA_UNSOLVABLE', 'TASK_TIMEOUT']);
  });

  it('has a plain-English message for every code in the catalogue, without jargon codes in it', () => {
    for (const code of Object.keys(ERROR_TABLE)) {
      const { notice } = describeError(code);
      expect(notice, code).toEqual({ key: `err_${code}` });
      const words = messages[notice.key]?.message;
      expect(words, code).toMatch(/^[A-Z].*\.$/);
      expect(words, code).not.toMatch(/[A-Z]{2,}_[A-Z]/);
    }
  });

  it('names an unknown code as data, and an unknown server error as an internal one', () => {
    expect(describeError('SOMETHING_NEW').notice).toEqual({ key: 'err_refused', params: ['SOMETHING_NEW'] });
    expect(describeError('SOMETHING_NEW', 2).notice).toEqual({ key: 'err_INTERNAL_ERROR' });
  });
});

describe('AnySolverError', () => {
  it('carries the API fields and the table verdict', () => {
    const e = AnySolverError.fromReply({
      errorId: 1,
      errorCode: 'ERROR_ZERO_BALANCE',
      errorDescription: 'Top up.',
    });
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({
      name: 'AnySolverError',
      errorId: 1,
      errorCode: 'ERROR_ZERO_BALANCE',
      description: 'Top up.',
      retryable: false,
      scope: 'account',
    });
  });

  it('names a missing code by its category', () => {
    expect(AnySolverError.fromReply({ errorId: 2 }).errorCode).toBe('INTERNAL_ERROR');
    expect(AnySolverError.fromReply({ errorId: 1, errorCode: null }).errorCode).toBe('UNKNOWN_ERROR');
  });

  it('cuts the client key out of a forwarded description', () => {
    const e = AnySolverError.fromReply(
      { errorId: 1, errorCode: 'X', errorDescription: 'key anysolver_abc bad; anysolver_abc' },
      'anysolver_abc',
    );
    expect(e.description).toBe('key [client key] bad; [client key]');
    expect(e.message).not.toContain('anysolver_abc');
  });

  it('from() keeps its own errors, reads replies, and never echoes other throwables', () => {
    const own = new AnySolverError('TIMEOUT', 'slow');
    expect(AnySolverError.from(own)).toBe(own);
    expect(AnySolverError.from({ errorId: 1, errorCode: 'DOMAIN_BANNED' }).errorCode).toBe('DOMAIN_BANNED');
    const wrapped = AnySolverError.from(new TypeError('fetch failed: {"clientKey":"anysolver_abc"}'));
    expect(wrapped).toMatchObject({ errorCode: 'NETWORK_ERROR', retryable: true });
    expect(wrapped.message).not.toContain('anysolver_abc');
  });
});
