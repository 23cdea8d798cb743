/** zod schemas for every AnySolver request and reply [docs]. Replies are parsed, never trusted. */
import { z } from 'zod';

const errorFields = {
  errorId: z.number().int(),
  errorCode: z.string().nullish(),
  errorDescription: z.string().nullish(),
};

export const createTaskRequest = z.object({
  clientKey: z.string().min(1),
  task: z.looseObject({ type: z.string().min(1) }),
  selectionMode: z.enum(['autoCheapest', 'autoFastest', 'autoMostReliable', 'priority']).optional(),
  keyPoolMode: z.enum(['all', 'platformOnly']).optional(),
  provider: z.string().optional(),
});

export const createTaskReply = z.union([
  z.object({ ...errorFields, errorId: z.literal(0), taskId: z.string().min(1) }),
  z.object({ ...errorFields, errorId: z.number().int().min(1) }),
]);

/** Solutions are task-specific; keep unknown fields ({ token } for token tasks, { text } for images). */
export const solutionSchema = z.looseObject({
  token: z.string().optional(),
  gRecaptchaResponse: z.string().optional(),
  userAgent: z.string().optional(),
  rqtoken: z.string().optional(),
  text: z.string().optional(),
});

export const getTaskResultReply = z.object({
  ...errorFields,
  status: z.enum(['processing', 'ready', 'failed']).optional(),
  taskId: z.string().nullish(),
  cost: z.number().nullish(),
  taskType: z.string().nullish(),
  provider: z.string().nullish(),
  solution: solutionSchema.nullish(),
});

export const getBalanceReply = z.union([
  z.object({ ...errorFields, errorId: z.literal(0), balance: z.number() }),
  z.object({ ...errorFields, errorId: z.number().int().min(1) }),
]);
