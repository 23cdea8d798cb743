/**
 * The options page's sections, in page order: each <Section>'s id (also its URL hash, options.html#history)
 * and the message key of its title. The section navigation is built from this list; a component test
 * checks it names exactly the sections the page renders.
 */
export const OPTIONS_SECTIONS = [
  { id: 'account', title: 'account' },
  { id: 'solving', title: 'solving' },
  { id: 'routing', title: 'routing' },
  { id: 'polling', title: 'polling' },
  { id: 'limits', title: 'limits' },
  { id: 'sites', title: 'siteRules' },
  { id: 'history', title: 'history' },
  { id: 'data', title: 'data' },
] as const;

/** The section a URL hash names ('#history' → 'history'), or null when it names none of `ids`. */
export function sectionFromHash(hash: string, ids: readonly string[]): string | null {
  let id = hash.replace(/^#/, '');
  try {
    id = decodeURIComponent(id);
  } catch {
    return null;
  }
  return ids.includes(id) ? id : null;
}

/**
 * The section being read: the last one (in page order) whose top has reached the reading line, `line`
 * pixels below the top of the window. At the very bottom of the page the last section, which may be
 * too short ever to reach the line. Undefined when no section is laid out yet.
 */
export function sectionAt(
  tops: ReadonlyArray<{ id: string; top: number }>,
  line: number,
  atBottom: boolean,
): string | undefined {
  if (!tops.length) return undefined;
  if (atBottom) return tops[tops.length - 1]!.id;
  let id = tops[0]!.id;
  for (const s of tops) if (s.top <= line) id = s.id;
  return id;
}
