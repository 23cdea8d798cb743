/**
 * The public shape of the AnySolver client (implemented in client.ts). Kept apart so the engine and
 * its tests can depend on the interface alone.
 */

/** A createTask `task` object: `type` plus the type-specific fields (built by task-types.ts). */
export interface TaskPayload {
  type: string;
  [field: string]: unknown;
}

/** Optional top-level createTask routing fields [docs]. */
export interface RoutingOptions {
  selectionMode?: 'autoCheapest' | 'autoFastest' | 'autoMostReliable' | 'priority';
  keyPoolMode?: 'all' | 'platformOnly';
  provider?: string;
}

export type TaskStatus = 'processing' | 'ready' | 'failed';

export interface TaskResult {
  status: TaskStatus;
  taskId?: string;
  /** USD, actual (present when ready or failed). */
  cost?: number;
  taskType?: string;
  provider?: string;
  /** Task-specific; `{ token }` for token tasks, `{ text }` for TextRecognition. */
  solution: Record<string, unknown> | null;
  /** Present when status is failed. */
  error?: { errorId: number; errorCode: string; description: string };
}

export interface AnySolverClient {
  /** Returns the task id. Throws AnySolverError. */
  createTask(clientKey: string, task: TaskPayload, routing?: RoutingOptions): Promise<string>;
  /** Throws AnySolverError for request-level errors (errorId ≠ 0 with no status, transport, parse). */
  getTaskResult(clientKey: string, taskId: string): Promise<TaskResult>;
  /** USD balance. Throws AnySolverError. */
  getBalance(clientKey: string): Promise<number>;
}
