/**
 * Settings export/import for the options page. The file is an envelope around the settings; the
 * client key goes in only when the user asks, and an import is validated with the settings schema
 * before anything is stored.
 */
import { z } from 'zod';
import { type Settings, settingsSchema } from '@/lib/settings';

export const SETTINGS_FILE_FORMAT = 'anysolver-settings';

const envelopeSchema = z.object({
  format: z.literal(SETTINGS_FILE_FORMAT),
  version: z.literal(1),
  settings: settingsSchema,
  clientKey: z.string().min(1).max(200).optional(),
});

/** The exported file's text. */
export function exportSettings(settings: Settings, clientKey?: string | null): string {
  const file = { format: SETTINGS_FILE_FORMAT, version: 1, settings, ...(clientKey ? { clientKey } : {}) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type ImportResult =
  | { ok: true; settings: Settings; clientKey?: string }
  | { ok: false; reason: 'notJson' | 'wrongFormat' | 'invalidField'; field?: string };

/** Parse and validate an exported file; on failure, which field was wrong. */
export function parseSettingsImport(text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'notJson' };
  }
  if (
    typeof raw !== 'object' ||
    raw === null ||
    (raw as { format?: unknown }).format !== SETTINGS_FILE_FORMAT
  ) {
    return { ok: false, reason: 'wrongFormat' };
  }
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: 'invalidField', field: issue?.path.map(String).join('.') || 'settings' };
  }
  return { ok: true, settings: parsed.data.settings, clientKey: parsed.data.clientKey };
}
