// Which task types the sandbox accepts and the fields each needs. It mirrors the enabled rows of the
// task-type table (lib/anysolver/task-types.ts, from the vendor descriptors; a unit test keeps the two in
// step), so an unknown type is refused the way the real API refuses it: errorId 1, INVALID_TASK_DATA.

/** Task type → required string fields. */
export const TASK_REQUIREMENTS = Object.freeze({
  ReCaptchaV2TokenProxyLess: ['websiteURL', 'websiteKey'],
  ReCaptchaV2EnterpriseTokenProxyLess: ['websiteURL', 'websiteKey'],
  ReCaptchaV3TokenProxyLess: ['websiteURL', 'websiteKey'],
  ReCaptchaV3EnterpriseTokenProxyLess: ['websiteURL', 'websiteKey'],
  PopularCaptchaTokenProxyLess: ['websiteURL', 'websiteKey'],
  TurnstileTokenProxyLess: ['websiteURL', 'websiteKey'],
  TextRecognition: ['imageBase64'],
});

const IMAGE_URI = /^data:image\/(png|jpe?g|gif);base64,([A-Za-z0-9+/]+=*)$/;

/**
 * Validate a createTask `task`: null when acceptable, else `{ errorCode, errorDescription }`.
 * @param {unknown} task
 * @returns {{ errorCode: string, errorDescription: string } | null}
 */
export function checkTask(task) {
  if (!task || typeof task !== 'object' || typeof (/** @type {any} */ (task).type) !== 'string') {
    return { errorCode: 'INVALID_TASK_DATA', errorDescription: 'Missing task object or task.type.' };
  }
  const t = /** @type {Record<string, unknown>} */ (task);
  const required = /** @type {Record<string, string[]>} */ (TASK_REQUIREMENTS)[
    /** @type {string} */ (t.type)
  ];
  if (!required)
    return { errorCode: 'INVALID_TASK_DATA', errorDescription: `Unknown task type: ${String(t.type)}.` };
  for (const field of required) {
    if (typeof t[field] !== 'string' || !t[field]) {
      return { errorCode: 'INVALID_TASK_DATA', errorDescription: `Missing required field: ${field}.` };
    }
  }
  if (t.type === 'TextRecognition') {
    const match = IMAGE_URI.exec(/** @type {string} */ (t.imageBase64));
    if (!match)
      return {
        errorCode: 'IMAGE_CORRUPTED',
        errorDescription: 'imageBase64 must be a JPG, PNG or GIF data URI.',
      };
    if (Buffer.from(match[2] ?? '', 'base64').length < 100) {
      return { errorCode: 'IMAGE_TOO_SMALL', errorDescription: 'The image is smaller than 100 bytes.' };
    }
  }
  return null;
}
