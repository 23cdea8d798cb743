// Types of the plain-JS sandbox (server.mjs), for the TypeScript tests, e2e suite and bench.

export interface SandboxTaskPayload {
  type: string;
  [field: string]: unknown;
}

export interface SandboxTask {
  taskId: string;
  task: SandboxTaskPayload;
  createdAt: number;
  /** When the task becomes ready (or failed), epoch ms. */
  readyAt: number;
  /** When it actually settled (first poll or timer at/after readyAt). */
  settledAt?: number;
  /** First poll that returned the solution. */
  deliveredAt?: number;
  status: 'processing' | 'ready' | 'failed';
  fail: boolean;
  cost: number;
  polls: number;
  /** `sandbox.<taskId>.<websiteKey>.<random>` */
  token: string;
  /** TextRecognition answer: `sandbox-<last 6 of taskId>` */
  text: string;
  routing: { selectionMode?: string; keyPoolMode?: string; provider?: string };
}

export type FaultKind =
  | { type: 'error'; errorId?: number; errorCode?: string; errorDescription?: string }
  | { type: 'garbage' }
  | { type: 'http'; status?: number }
  | { type: 'delay'; ms: number }
  | { type: 'drop' }
  | { type: 'fail-task' }
  /** Reply with exactly this JSON body (HTTP 200): replays documented shapes verbatim. */
  | { type: 'reply'; body: unknown };

export interface FaultSpec {
  path?: '/createTask' | '/getTaskResult' | '/getBalance';
  times?: number;
  kind: FaultKind;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** client key → USD balance. Default `{ anysolver_sandbox_demo_key: 5 }`. */
  keys?: Record<string, number>;
  solveMs?: number | ((task: SandboxTaskPayload) => number);
  cost?: number | ((task: SandboxTaskPayload) => number);
  retentionMs?: number;
  /** Probability (0–1) that a task fails with CAPTCHA_UNSOLVABLE. */
  failRate?: number;
  log?: boolean;
  /** Request log length (oldest dropped). Default 10 000. */
  maxRequests?: number;
  /** Clock (epoch ms). Default Date.now. */
  now?: () => number;
  random?: () => number;
}

export interface SandboxRequest {
  /** Epoch ms (from the sandbox clock). */
  at: number;
  path: string;
  // biome-ignore lint/suspicious/noExplicitAny: whatever the client sent
  body: any;
  reply: unknown;
}

export interface Sandbox {
  url: string;
  port: number;
  /** Every API request received (control calls excluded), client keys included: do not print. */
  requests: SandboxRequest[];
  tasks: Map<string, SandboxTask>;
  /** The request log with client keys replaced by `[redacted]`. */
  requestsRedacted(): SandboxRequest[];
  setBalance(key: string, usd: number): void;
  getBalance(key: string): number | undefined;
  fault(spec: FaultSpec): void;
  clearFaults(): void;
  setSolveMs(v: number | ((task: SandboxTaskPayload) => number)): void;
  /** Make a task ready now; false when the id is unknown. */
  markReady(taskId: string): boolean;
  /** Called when a task settles (ready or failed); returns an unsubscribe function. */
  onReady(listener: (task: SandboxTask) => void): () => void;
  close(): Promise<void>;
}

export const TASK_REQUIREMENTS: Readonly<Record<string, readonly string[]>>;
export function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
