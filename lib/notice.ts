/**
 * A user-facing message as data: a key of public/_locales/<lang>/messages.json and its parameters.
 * The background says WHAT happened (a Notice in the job, the history, the account block, a reply);
 * the page that shows it — popup, options, the on-page badge — renders the words in the user's
 * language, numbers and money through Intl. Pure and tiny: the content script bundles it too.
 */

/**
 * A parameter: text as is (a site, a code), a number (formatted), or an amount in USD (formatted as money).
 */
export type NoticeParam = string | number | { usd: number };

export interface Notice {
  /** The message key (`err_…`, `note_…`). */
  key: string;
  /** In the order of the message's $1…$9. */
  params?: NoticeParam[];
  /** A second sentence (a key without parameters), e.g. "Trying once more." */
  also?: string;
}

/** What a renderer needs: getMessage semantics ('' for an unknown key) and number/money formatting. */
export interface NoticeRenderer {
  message(key: string, subs?: string[]): string;
  number(n: number): string;
  usd(n: number): string;
}

/** The words of a notice, or '' when its key is unknown to this catalogue (the caller falls back). */
export function renderNotice(r: NoticeRenderer, n: Notice): string {
  const subs = (n.params ?? []).map((p) =>
    typeof p === 'number' ? r.number(p) : typeof p === 'string' ? p : r.usd(p.usd),
  );
  const text = r.message(n.key, subs);
  if (!text || !n.also) return text;
  const also = r.message(n.also);
  return also ? r.message('twoSentences', [text, also]) || `${text} ${also}` : text;
}

/** A stored value that looks like a notice (records are read back from storage: check before use). */
export function isNotice(v: unknown): v is Notice {
  return typeof v === 'object' && v !== null && typeof (v as Notice).key === 'string';
}
