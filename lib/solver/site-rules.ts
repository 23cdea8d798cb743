/**
 * Site rules: host patterns with `*` wildcards. Deny wins over allow; an empty allow list allows every site.
 */

/** Does `host` match `pattern` (`example.com`, `*.example.com`, `*shop*`)? Case-insensitive, whole host. */
export function matchesHostPattern(host: string, pattern: string): boolean {
  const p = pattern
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  if (!p) return false;
  const re = new RegExp(
    `^${p
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  const h = host.toLowerCase();
  // `*.example.com` also covers example.com itself.
  return re.test(h) || (p.startsWith('*.') && h === p.slice(2));
}

/** Whether auto-solve may run on `origin` under the allow/deny lists and the paused sites. */
export function siteAllowed(
  origin: string,
  rules: { allow: string[]; deny: string[] },
  paused: readonly string[],
): boolean {
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return false;
  }
  if (paused.includes(origin)) return false;
  if (rules.deny.some((p) => matchesHostPattern(host, p))) return false;
  return rules.allow.length === 0 || rules.allow.some((p) => matchesHostPattern(host, p));
}
