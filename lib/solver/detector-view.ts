/**
 * What the detector view (the DevTools panel) shows of a tab's jobs (pure): each job as stored, without
 * an image's bytes, and the createTask body the engine sends for it, built by the same functions
 * (buildTask, createTaskBody) with the client key replaced by a placeholder — the key never leaves the
 * background.
 */
import { createTaskBody } from '../anysolver/client';
import { buildTask } from '../anysolver/task-types';
import type { RoutingOptions } from '../anysolver/types';
import type { Job } from './jobs';

/** Stands for the client key in every body the detector view shows or copies. */
export const REDACTED_KEY = '<redacted>';

/** A job's createTask body (key redacted), or why the engine would not send one. */
export type DetectorRequest = { ok: true; body: Record<string, unknown> } | { ok: false; reason: string };

export interface DetectorJob {
  /** The job as stored; an image captcha's `imageBase64` is left out (its size is `imageBytes`). */
  job: Job;
  imageBytes?: number;
  request: DetectorRequest;
}

/** A job for the view: its request built as the engine builds it, with `routing` as set now. */
export function detectorJob(job: Job, routing: RoutingOptions): DetectorJob {
  const built = buildTask(job.widget);
  // An image captcha's task carries the image read from the screen when the task starts (image-flow.ts):
  // megabytes the view does not need and, before the start, an image the engine has not read yet.
  const request: DetectorRequest =
    job.kind === 'image-text'
      ? { ok: false, reason: 'image' }
      : built.ok
        ? { ok: true, body: createTaskBody(REDACTED_KEY, built.task, routing) }
        : { ok: false, reason: built.reason };
  const image = job.widget.imageBase64;
  if (image === undefined) return { job, request };
  const { imageBase64: _bytes, ...widget } = job.widget;
  return { job: { ...job, widget }, imageBytes: image.length, request };
}
