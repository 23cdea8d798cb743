/**
 * The AnySolver API client: POST JSON, branch on errorId (HTTP is 200 even for errors [docs]),
 * per-request timeout, bounded retry with backoff for transient failures only.
 */
import type { z } from 'zod';
import { AnySolverError } from './errors';
import { createTaskReply, getBalanceReply, getTaskResultReply } from './schemas';
import type { AnySolverClient, RoutingOptions, TaskPayload, TaskResult } from './types';

export interface ClientOptions {
  /** Base URL, already validated by parseEndpoint. */
  endpoint: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  /** Extra attempts after the first, for retryable failures. */
  retries?: number;
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** The client key of a request body, to scrub from anything we surface. */
const secretOf = (body: object) =>
  'clientKey' in body && typeof body.clientKey === 'string' ? body.clientKey : undefined;

/**
 * The createTask request body, exactly as sent (the detector view copies it with the key replaced by a
 * placeholder, through this same function, so what it shows cannot drift from what is sent).
 */
export function createTaskBody(
  clientKey: string,
  task: TaskPayload,
  routing: RoutingOptions = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = { clientKey, task };
  // Only documented routing fields, and only when set: no unknown fields are sent.
  if (routing.selectionMode) body.selectionMode = routing.selectionMode;
  if (routing.keyPoolMode && routing.keyPoolMode !== 'all') body.keyPoolMode = routing.keyPoolMode;
  if (routing.provider) body.provider = routing.provider;
  return body;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Create a client bound to one endpoint. */
export function createAnySolverClient(options: ClientOptions): AnySolverClient {
  const {
    endpoint,
    fetch: doFetch = globalThis.fetch.bind(globalThis),
    timeoutMs = 15_000,
    retries = 2,
    backoffMs = 500,
    sleep = defaultSleep,
    random = Math.random,
  } = options;

  /** One POST, classified: a parsed reply, or an AnySolverError (retryable for transport problems). */
  async function postOnce<S extends z.ZodType>(path: string, body: object, schema: S): Promise<z.infer<S>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let text: string;
    try {
      const res = await doFetch(`${endpoint}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      text = await res.text();
    } catch {
      const aborted = controller.signal.aborted;
      throw new AnySolverError(
        aborted ? 'TIMEOUT' : 'NETWORK_ERROR',
        aborted ? `No reply within ${timeoutMs} ms.` : 'The request failed.',
      );
    } finally {
      clearTimeout(timer);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AnySolverError('BAD_RESPONSE', 'The reply was not JSON.');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new AnySolverError('BAD_RESPONSE', 'The reply did not have the documented shape.');
    const reply = parsed.data as { errorId: number; status?: string };
    // getTaskResult reports task failure with a status: that is a result, not a request error.
    if (reply.errorId !== 0 && reply.status === undefined)
      throw AnySolverError.fromReply(reply, secretOf(body));
    return parsed.data;
  }

  /**
   * POST with bounded retries. `paid` requests (createTask) are retried only when the API itself said it
   * failed (errorId 2): after a timeout, a dropped connection or an unreadable reply the task may exist
   * and be charged, and a retry would pay for it twice.
   */
  async function post<S extends z.ZodType>(
    path: string,
    body: object,
    schema: S,
    paid = false,
  ): Promise<z.infer<S>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await postOnce(path, body, schema);
      } catch (e) {
        if (!(e instanceof AnySolverError) || !e.retryable || attempt >= retries) throw e;
        if (paid && e.errorId !== 2) throw e;
        // Exponential backoff with jitter: 0.5–1.0 × backoffMs × 2^attempt.
        await sleep(backoffMs * 2 ** attempt * (0.5 + random() / 2));
      }
    }
  }

  return {
    async createTask(clientKey: string, task: TaskPayload, routing: RoutingOptions = {}) {
      const reply = await post(
        '/createTask',
        createTaskBody(clientKey, task, routing),
        createTaskReply,
        true,
      );
      if (!('taskId' in reply)) throw AnySolverError.fromReply(reply, clientKey);
      return reply.taskId;
    },
    async getTaskResult(clientKey: string, taskId: string): Promise<TaskResult> {
      const r = await post('/getTaskResult', { clientKey, taskId }, getTaskResultReply);
      // A reply about another task would hand one widget's token to another: refuse it.
      if (r.taskId && r.taskId !== taskId)
        throw new AnySolverError('BAD_RESPONSE', 'The reply was about another task.');
      const status = r.status ?? 'failed';
      const result: TaskResult = {
        status,
        taskId: r.taskId ?? taskId,
        cost: r.cost ?? undefined,
        taskType: r.taskType ?? undefined,
        provider: r.provider ?? undefined,
        solution: r.solution ?? null,
      };
      if (status === 'failed' || r.errorId !== 0) {
        const err = AnySolverError.fromReply(r, clientKey);
        result.status = 'failed';
        result.error = { errorId: r.errorId, errorCode: err.errorCode, description: err.description };
      } else if (status === 'ready' && !r.solution) {
        throw new AnySolverError('BAD_RESPONSE', 'A ready task had no solution.');
      }
      return result;
    },
    async getBalance(clientKey: string) {
      const reply = await post('/getBalance', { clientKey }, getBalanceReply);
      if (!('balance' in reply)) throw AnySolverError.fromReply(reply, clientKey);
      return reply.balance;
    },
  };
}
