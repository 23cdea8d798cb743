/**
 * The one error type of the AnySolver client, and the table of known error codes
 * (the AnySolver API notes, "Error codes seen"): whether each is retryable, and what to tell the user.
 */
import type { Notice } from '../notice';

export type ErrorScope = 'account' | 'task' | 'transient';

export interface ErrorInfo {
  /** Retry the same request (bounded, with backoff). */
  retryable: boolean;
  /** The task may be solved once more (a new createTask), e.g. the provider could not solve it. */
  resolvable: boolean;
  scope: ErrorScope;
  /** What to tell the user: `err_<CODE>` in public/_locales, rendered by the page that shows it. */
  notice: Notice;
}

const info = (scope: ErrorScope, retryable = false, resolvable = false) => ({ scope, retryable, resolvable });

/** Known codes. Codes are an open set: anything else falls back to its errorId category. */
export const ERROR_TABLE: Record<string, Omit<ErrorInfo, 'notice'>> = {
  ERROR_KEY_DOES_NOT_EXIST: info('account'),
  ERROR_ZERO_BALANCE: info('account'),
  ERROR_USER_BANNED: info('account'),
  DOMAIN_BANNED: info('task'),
  INVALID_TASK_DATA: info('task'),
  TASK_NOT_SUPPORTED: info('task'),
  CAPTCHA_UNSOLVABLE: info('task', false, true),
  TASK_TIMEOUT: info('task', false, true),
  TASK_NOT_FOUND: info('task'),
  PROXY_CONNECTION_FAILED: info('task'),
  IMAGE_CORRUPTED: info('task'),
  IMAGE_TOO_LARGE: info('task'),
  IMAGE_TOO_SMALL: info('task'),
  INTERNAL_ERROR: info('transient', true),
  // Our own codes for what the API never says.
  NETWORK_ERROR: info('transient', true),
  TIMEOUT: info('transient', true),
  BAD_RESPONSE: info('transient', true),
  INVALID_ENDPOINT: info('account'),
  INVALID_KEY_FORMAT: info('account'),
  NO_KEY: info('account'),
};

/** The message key of a known code (every ERROR_TABLE code has one in every locale). */
export const errorKey = (code: string) => `err_${code}`;

/** What is known of an error code; unknown codes are judged by their errorId category. */
export function describeError(code: string, errorId = 1): ErrorInfo {
  const known = ERROR_TABLE[code];
  if (known) return { ...known, notice: { key: errorKey(code) } };
  if (errorId === 2) return { ...info('transient', true), notice: { key: errorKey('INTERNAL_ERROR') } };
  // The raw code is shown as data: the page says "AnySolver refused the task (CODE)." in its language.
  return { ...info('task'), notice: { key: 'err_refused', params: [code || '?'] } };
}

/** An error from the AnySolver API or from talking to it. Never carries the client key. */
export class AnySolverError extends Error {
  readonly errorId: number;
  readonly errorCode: string;
  readonly description: string;
  readonly retryable: boolean;
  readonly resolvable: boolean;
  readonly scope: ErrorScope;
  readonly notice: Notice;

  constructor(errorCode: string, description: string, errorId = 0) {
    const known = describeError(errorCode, errorId);
    super(`${errorCode}: ${description}`);
    this.name = 'AnySolverError';
    this.errorId = errorId;
    this.errorCode = errorCode;
    this.description = description;
    this.retryable = known.retryable;
    this.resolvable = known.resolvable;
    this.scope = known.scope;
    this.notice = known.notice;
  }

  /** Classify anything caught while talking to the API: kept as is, an error reply, or a network failure. */
  static from(value: unknown): AnySolverError {
    if (value instanceof AnySolverError) return value;
    if (value && typeof value === 'object' && typeof (value as { errorId?: unknown }).errorId === 'number') {
      return AnySolverError.fromReply(value as { errorId: number });
    }
    // Never echo the caught value: a thrown fetch error can quote the request, and with it the key.
    return new AnySolverError('NETWORK_ERROR', 'The request failed.');
  }

  /** From an API reply's error fields; `secret` (the client key) is cut out of a forwarded description. */
  static fromReply(
    reply: { errorId: number; errorCode?: string | null; errorDescription?: string | null },
    secret?: string,
  ): AnySolverError {
    const code = reply.errorCode || (reply.errorId === 2 ? 'INTERNAL_ERROR' : 'UNKNOWN_ERROR');
    let description = (reply.errorDescription || 'No description.').slice(0, 500);
    if (secret) description = description.split(secret).join('[client key]');
    return new AnySolverError(code, description, reply.errorId);
  }
}
