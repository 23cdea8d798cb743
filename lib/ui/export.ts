/** History export (CSV and JSON) and the Blob + <a download> save used by the options page. */
import type { HistoryRecord } from './types';

/** CSV columns, in order (also the header row). */
export const CSV_COLUMNS = [
  'at',
  'origin',
  'kind',
  'taskType',
  'status',
  'errorCode',
  'errorMessage',
  'errorDescription',
  'cost',
  'provider',
  'createToReadyMs',
  'readyToFilledMs',
  'polls',
  'taskId',
] as const satisfies ReadonlyArray<keyof HistoryRecord>;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * Text starting with = + - @ is prefixed with ' so a spreadsheet does not run it as a formula: origins
 * and provider error texts come from outside and could carry one.
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * History records as CSV text (header row first, CRLF line ends, `at` as ISO 8601 UTC). `reason` words the
 * `errorMessage` column (the page passes its notice renderer: the reason in the UI language); by default
 * a record's own English words, as records from before notices have them.
 */
export function toCsv(
  records: readonly HistoryRecord[],
  reason: (r: HistoryRecord) => string | undefined = (r) => r.errorMessage,
): string {
  const value = (r: HistoryRecord, c: (typeof CSV_COLUMNS)[number]) =>
    c === 'at' ? new Date(r.at).toISOString() : c === 'errorMessage' ? reason(r) : r[c];
  const rows = records.map((r) => CSV_COLUMNS.map((c) => csvField(value(r, c))).join(','));
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** History records as pretty JSON. */
export function toJson(records: readonly HistoryRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** What a download needs from the page: injected so tests can watch it. */
export interface DownloadEnv {
  document: Document;
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
}

/** Save text as a file through a Blob and a temporary <a download> (no downloads permission needed). */
export function downloadText(env: DownloadEnv, filename: string, text: string, mime: string): void {
  const url = env.createObjectURL(new Blob([text], { type: mime }));
  const a = env.document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  env.document.body.append(a);
  a.click();
  a.remove();
  // Revoke on the next task: the click starts the download synchronously, but not all engines copy the Blob
  // yet.
  setTimeout(() => env.revokeObjectURL(url), 0);
}

/** The browser's own download environment. */
export const browserDownloadEnv = (): DownloadEnv => ({
  document,
  createObjectURL: (b) => URL.createObjectURL(b),
  revokeObjectURL: (u) => URL.revokeObjectURL(u),
});
