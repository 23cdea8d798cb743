/** Site rule lists as the options page edits them: one host pattern per line, `*` as wildcard. */

/** A host pattern the engine accepts: letters, digits, dots, dashes, `*`, an optional :port. */
const PATTERN = /^[a-z0-9*]([a-z0-9*.-]*[a-z0-9*])?(:\d{1,5})?$/;

/** Split the textarea into clean, de-duplicated, lower-case patterns; also report the invalid lines. */
export function parseSiteList(text: string): { patterns: string[]; invalid: string[] } {
  const lines = text
    .split(/[\n,]/)
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean)
    // People paste URLs: keep only the host part.
    .map((l) => l.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, ''));
  const patterns = [...new Set(lines.filter((l) => PATTERN.test(l)))];
  return { patterns, invalid: lines.filter((l) => !PATTERN.test(l)) };
}

/** The textarea text for a list. */
export const formatSiteList = (patterns: readonly string[]): string => patterns.join('\n');
