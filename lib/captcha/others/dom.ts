/** Small DOM readers shared by the detect-only vendors (Arkose, GeeTest, AWS WAF). */

/** The absolute URL of every `<script src>` under `root` whose src mentions `needle` (cheap prefilter). */
export function scriptUrls(root: ParentNode, needle: string, base: string): URL[] {
  const out: URL[] = [];
  for (const s of root.querySelectorAll('script[src]')) {
    const src = s.getAttribute('src') ?? '';
    if (!src.includes(needle)) continue;
    try {
      const url = new URL(src, base);
      if (url.protocol === 'https:' || url.protocol === 'http:') out.push(url);
    } catch {
      // Unparsable src: not a vendor script.
    }
  }
  return out;
}

/** True when `host` is `domain` or one of its subdomains. */
export const onDomain = (host: string, domain: string): boolean =>
  host === domain || host.endsWith(`.${domain}`);

/** `src` attribute test for `sniff`: a script or iframe served from `domain` (or a subdomain). */
export function servedFrom(el: Element, domain: string): boolean {
  if (el.tagName !== 'SCRIPT' && el.tagName !== 'IFRAME') return false;
  const src = el.getAttribute('src');
  if (!src?.includes(domain)) return false;
  try {
    return onDomain(new URL(src, el.ownerDocument.baseURI).hostname, domain);
  } catch {
    return false;
  }
}
