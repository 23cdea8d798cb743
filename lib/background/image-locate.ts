/**
 * The frame's reply to `image:locate` (lib/messaging.ts LocateReply, made by lib/captcha/image/locate.ts),
 * parsed: the frame is page-influenced.
 */
import { z } from 'zod';

const box = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().nonnegative(),
  height: z.number().finite().nonnegative(),
});

export const locateReplySchema = z.union([
  z.object({
    ok: z.literal(true),
    src: z.string().max(4096),
    rect: box,
    viewport: z.object({
      width: z.number().positive().max(100_000),
      height: z.number().positive().max(100_000),
    }),
    unobstructed: z.boolean(),
    data: z.string().startsWith('data:image/').max(2_000_000).optional(),
  }),
  z.object({ ok: z.literal(false) }),
]);
