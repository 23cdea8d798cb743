/**
 * The task-type table: which widget kind becomes which AnySolver task with which fields, gathered from the
 * vendor descriptors (each vendor folder's vendor.ts writes its rows, marked [docs] / [3p] / [guess] where
 * it writes them; lib/anysolver/task-fields.ts). buildTask checks what a page could have forged.
 */
import type { DetectedWidget, WidgetKind } from '../captcha/types';
import { VENDORS } from '../captcha/vendors';
import { RECAPTCHA_KEY, type TaskTypeRow } from './task-fields';
import type { TaskPayload } from './types';

const IMAGE_URI = /^data:image\/(png|jpe?g|gif);base64,[A-Za-z0-9+/]+=*$/;

/** Every kind's row (each descriptor's `tasks`; exactly one per kind, checked when it is declared). */
export const TASK_TYPES = Object.fromEntries(
  VENDORS.flatMap((v): Array<[string, TaskTypeRow]> => Object.entries(v.tasks)),
) as Record<WidgetKind, TaskTypeRow>;

/** Whether a kind can be solved (its task type is enabled in the table). */
export const isSolvableKind = (kind: WidgetKind): boolean => TASK_TYPES[kind].enabled;

/** Build the createTask `task` for a widget, after validating what a page could have forged. */
export function buildTask(
  widget: DetectedWidget,
): { ok: true; task: TaskPayload } | { ok: false; reason: string } {
  const row = Object.hasOwn(TASK_TYPES, widget.kind) ? TASK_TYPES[widget.kind] : undefined;
  if (!row) return { ok: false, reason: 'unknown captcha kind' };
  if (!row.enabled) return { ok: false, reason: 'unsupported' };
  if (row.input === 'image') {
    const img = widget.imageBase64 ?? '';
    // ≥ 100 bytes of image: IMAGE_TOO_SMALL otherwise [docs].
    if (!IMAGE_URI.test(img) || (img.length - img.indexOf(',') - 1) * 0.75 < 100)
      return { ok: false, reason: 'invalid image' };
    return { ok: true, task: { type: row.type, ...row.fields(widget) } };
  }
  let url: URL;
  try {
    url = new URL(widget.websiteURL ?? '');
  } catch {
    return { ok: false, reason: 'invalid websiteURL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: 'invalid websiteURL' };
  // Real pages pad sitekeys (' 6Ld…'); Google's script keeps the space, the API wants the key.
  const websiteKey = widget.websiteKey.trim();
  if (!(row.validKey ?? ((k: string) => RECAPTCHA_KEY.test(k)))(websiteKey))
    return { ok: false, reason: 'invalid sitekey' };
  url.hash = ''; // never leaves the page in the real world; may hold private state
  const task: TaskPayload = {
    type: row.type,
    websiteURL: url.href,
    websiteKey,
    ...(widget.pageTitle ? { pageTitle: widget.pageTitle.slice(0, 200) } : {}),
    ...row.fields(widget),
  };
  return { ok: true, task };
}

/** The token (or text answer) in a ready solution, or null when it has none. */
export function solutionToken(kind: WidgetKind, solution: Record<string, unknown> | null): string | null {
  if (!solution) return null;
  const pick = (k: string) =>
    typeof solution[k] === 'string' && solution[k] ? (solution[k] as string) : null;
  return kind === 'image-text' ? pick('text') : (pick('token') ?? pick('gRecaptchaResponse'));
}
