/**
 * The one error type of the AnySolver client, and the table of known error codes
 * (the AnySolver API notes, "Error codes seen"): whether each is retryable, and what to tell the user.
 */

export type ErrorScope = 'account' | 'task' | 'transient';

export interface ErrorInfo {
  /** Retry the same request (bounded, with backoff). */
  retryable: boolean;
  /** The task may be solved once more (a new createTask), e.g. the provider could not solve it. */
  resolvable: boolean;
  scope: ErrorScope;
  userMessage: string;
}

const info = (scope: ErrorScope, userMessage: string, retryable = false, resolvable = false): ErrorInfo => ({
  scope,
  userMessage,
  retryable,
  resolvable,
});

/** Known codes. Codes are an open set: anything else falls back to its errorId category. */
export const ERROR_TABLE: Record<string, ErrorInfo> = {
  ERROR_KEY_DOES_NOT_EXIST: info(
    'account',
    'Your AnySolver client key was not recognised. Check it in the options page.',
  ),
  ERROR_ZERO_BALANCE: info(
    'account',
    'Your AnySolver balance is empty. Top up your account to keep solving.',
  ),
  ERROR_USER_BANNED: info('account', 'Your AnySolver account is suspended. Contact AnySolver support.'),
  DOMAIN_BANNED: info('task', 'AnySolver refuses captchas from this site.'),
  INVALID_TASK_DATA: info('task', 'AnySolver rejected the captcha details sent for this widget.'),
  TASK_NOT_SUPPORTED: info(
    'task',
    'No AnySolver provider supports this captcha type with the chosen routing.',
  ),
  CAPTCHA_UNSOLVABLE: info('task', 'The captcha could not be solved (you were not charged).', false, true),
  TASK_TIMEOUT: info('task', 'Solving took too long and timed out.', false, true),
  TASK_NOT_FOUND: info('task', 'AnySolver no longer knows this task (it expired).'),
  PROXY_CONNECTION_FAILED: info('task', 'AnySolver could not connect through the configured proxy.'),
  IMAGE_CORRUPTED: info('task', 'The captcha image could not be read.'),
  IMAGE_TOO_LARGE: info('task', 'The captcha image is too large.'),
  IMAGE_TOO_SMALL: info('task', 'The captcha image is too small.'),
  INTERNAL_ERROR: info('transient', 'AnySolver had an internal error. Try again in a moment.', true),
  // Our own codes for what the API never says.
  NETWORK_ERROR: info('transient', 'Could not reach the AnySolver API. Check your connection.', true),
  TIMEOUT: info('transient', 'The AnySolver API did not answer in time.', true),
  BAD_RESPONSE: info('transient', 'The AnySolver API sent a reply that could not be read.', true),
  INVALID_ENDPOINT: info('account', 'The API endpoint setting is not valid.'),
  INVALID_KEY_FORMAT: info('account', 'That does not look like an AnySolver client key.'),
  NO_KEY: info('account', 'No AnySolver client key is saved yet. Add it in the popup or the options page.'),
};

/** What is known of an error code; unknown codes are judged by their errorId category. */
export function describeError(code: string, errorId = 1): ErrorInfo {
  const known = ERROR_TABLE[code];
  if (known) return known;
  if (errorId === 2) return info('transient', 'AnySolver had an internal error. Try again in a moment.', true);
  return info('task', `AnySolver refused the task (${code || 'unknown error'}).`);
}

/** An error from the AnySolver API or from talking to it. Never carries the client key. */
export class AnySolverError extends Error {
  readonly errorId: number;
  readonly errorCode: string;
  readonly description: string;
  readonly retryable: boolean;
  readonly resolvable: boolean;
  readonly scope: ErrorScope;
  readonly userMessage: string;

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
    this.userMessage = known.userMessage;
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
