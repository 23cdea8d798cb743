/**
 * The words of what the background reports as data (lib/notice.ts): a job's hold note, why it ended,
 * an account block, a failed reply — in the UI language, numbers and money through Intl. Records stored
 * before notices existed carry English words instead, shown as they are.
 */
import { isNotice, type Notice, renderNotice } from '@/lib/notice';
import { formatNumber, formatUsd } from './format';
import { message } from './i18n';

const renderer = { message, number: (n: number) => formatNumber(n), usd: (n: number) => formatUsd(n) };

/** A notice in words ('' when absent or its key is unknown to the catalogue). */
export function noticeText(n: Notice | null | undefined): string {
  return isNotice(n) ? renderNotice(renderer, n) : '';
}

/** Why a job or record ended: its notice, else the English words of an older record, else its code. */
export function reasonText(r: {
  errorNotice?: Notice;
  errorMessage?: string;
  errorCode?: string;
}): string | undefined {
  return noticeText(r.errorNotice) || r.errorMessage || r.errorCode;
}

/** Why a job waits `detected`: its notice, else an older job's English note. */
export function holdText(job: { notice?: Notice; note?: string }): string | undefined {
  return noticeText(job.notice) || job.note;
}

/** An account block's words (blocks stored before notices have English `message`). */
export function blockText(
  block: { notice?: Notice; message?: string; code?: string } | null | undefined,
): string | undefined {
  if (!block) return undefined;
  return noticeText(block.notice) || block.message || block.code;
}

/** A failed reply's words: its notice, else its code, else "unknown error". */
export function replyText(r: { notice?: Notice; code?: string }): string {
  return noticeText(r.notice) || r.code || message('unknownError') || 'unknown error';
}
