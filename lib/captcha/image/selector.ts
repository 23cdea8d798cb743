/**
 * A CSS selector that finds the same element again on a later visit, to remember an image captcha and
 * its answer field per site. Prefers what survives page reloads: a unique id that does not look
 * generated, a unique `name`, the image URL's path (captcha images keep their path and change their
 * query), and falls back to an nth-of-type path from the nearest element with a stable id.
 */

/** Ids with long digit runs or hex blobs are usually regenerated per page load. */
const GENERATED = /\d{4,}|[0-9a-f]{8,}|^[\W_]|:/i;

const unique = (root: ParentNode, selector: string, el: Element): boolean => {
  try {
    const hits = root.querySelectorAll(selector);
    return hits.length === 1 && hits[0] === el;
  } catch {
    return false;
  }
};

/** A CSS string literal's content (CSS.escape is for identifiers; inside quotes only `"` and `\` matter). */
const quoted = (s: string) => `"${s.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"`;

const stableId = (el: Element) => (el.id && !GENERATED.test(el.id) ? el.id : null);

function pathSelector(el: Element): string {
  const parts: string[] = [];
  let cur: Element | null = el;
  while (cur && cur.tagName !== 'HTML') {
    const id = stableId(cur);
    if (id && cur !== el) {
      parts.unshift(`#${CSS.escape(id)}`);
      break;
    }
    const tag = cur.tagName.toLowerCase();
    const parent: Element | null = cur.parentElement;
    const same = parent ? [...parent.children].filter((c) => c.tagName === cur!.tagName) : [];
    parts.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(cur) + 1})` : tag);
    cur = parent;
  }
  return parts.join(' > ');
}

/** A short selector matching `el` alone in its document (or shadow root). */
export function selectorFor(el: Element): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  const tag = el.tagName.toLowerCase();
  const id = stableId(el);
  if (id && unique(root, `#${CSS.escape(id)}`, el)) return `#${CSS.escape(id)}`;
  const name = el.getAttribute('name');
  if (name && unique(root, `${tag}[name=${quoted(name)}]`, el)) return `${tag}[name=${quoted(name)}]`;
  const src = el.getAttribute('src');
  if (src && !src.startsWith('data:')) {
    const path = src.split(/[?#]/)[0]!;
    const sel = `${tag}[src^=${quoted(path)}]`;
    if (path.length > 0 && path.length < 150 && unique(root, sel, el)) return sel;
  }
  return pathSelector(el);
}
