// Static size figures of a built extension folder: what the manifest injects into every frame, each
// entrypoint with the chunks it imports, scripts only injected on demand, and the zip.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { listFiles, zipFolder } from './zip.mjs';

/** Raw and gzip (level 9) byte counts of a file's contents. */
export function fileSize(dir, path) {
  const data = readFileSync(join(dir, path));
  return { raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

const sum = (sizes) =>
  sizes.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip }), { raw: 0, gzip: 0 });

/** Match patterns that cover any ordinary https page (so the script lands in every frame). */
const coversEveryPage = (matches = []) =>
  matches.some((m) => m === '<all_urls>' || /^(\*|https?):\/\/\*\/\*$/.test(m));

/** Files a script or page statically pulls in (ES imports, <script src>, <link href>), transitively. */
export function closure(dir, entry) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path) || !existsSync(join(dir, path))) return;
    seen.add(path);
    const text = readFileSync(join(dir, path), 'utf8');
    const refs = path.endsWith('.html')
      ? [...text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1])
      : [...text.matchAll(/(?:\bimport|\bfrom)\s*\(?\s*["']([^"']+\.js)["']/g)].map((m) => m[1]);
    for (const ref of refs) {
      if (/^[a-z-]+:/.test(ref)) continue;
      visit(ref.startsWith('/') ? ref.slice(1) : posix.normalize(posix.join(posix.dirname(path), ref)));
    }
  };
  visit(entry);
  return [...seen];
}

/** The content scripts the manifest registers, with their world and whether they reach every frame. */
export function manifestContentScripts(manifest) {
  return (manifest.content_scripts ?? []).flatMap((cs) =>
    (cs.js ?? []).map((file) => ({
      file,
      world: cs.world ?? 'ISOLATED',
      allFrames: cs.all_frames === true,
      everyPage: coversEveryPage(cs.matches),
      runAt: cs.run_at ?? 'document_idle',
    })),
  );
}

/**
 * Size report of a built extension folder: per-frame injected bytes (no vendor present), entrypoints
 * (entry + imported chunks), on-demand scripts (built but referenced by no entrypoint) and the zip.
 */
export function sizeReport(dir) {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no build at ${dir} (manifest.json missing)`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const files = listFiles(dir);
  const contentScripts = manifestContentScripts(manifest).map((cs) => ({ ...cs, ...fileSize(dir, cs.file) }));
  const perFrame = contentScripts.filter((cs) => cs.everyPage && cs.allFrames);
  const topFrame = contentScripts.filter((cs) => cs.everyPage);

  const entries = [];
  const sw = manifest.background?.service_worker;
  if (sw) entries.push({ name: 'background', entry: sw });
  for (const cs of contentScripts) entries.push({ name: `content:${cs.file}`, entry: cs.file });
  for (const f of files.filter((f) => f.endsWith('.html')))
    entries.push({ name: f.replace(/\.html$/, ''), entry: f });
  const reached = new Set();
  const entrypoints = entries.map(({ name, entry }) => {
    const parts = closure(dir, entry);
    for (const p of parts) reached.add(p);
    return { name, entry, files: parts.length, ...sum(parts.map((p) => fileSize(dir, p))) };
  });
  // Scripts no manifest key or page references: the background injects them on demand (scripting API).
  const onDemand = files
    .filter((f) => f.endsWith('.js') && !reached.has(f))
    .map((f) => ({ file: f, ...fileSize(dir, f) }));
  const zip = zipFolder(dir);
  return {
    contentScripts,
    perFrame: { ...sum(perFrame), files: perFrame.map((c) => c.file) },
    topFrame: { ...sum(topFrame), files: topFrame.map((c) => c.file) },
    entrypoints,
    onDemand,
    zip: {
      bytes: zip.length,
      method: 'bench/zip.mjs: every file of the folder, deflate level 9',
      translations: translationSizes(dir),
    },
    total: { ...sum(files.map((f) => fileSize(dir, f))), files: files.length },
  };
}

/**
 * What each translation (every _locales catalogue but English) adds to the zip: its deflated bytes plus
 * its local and central ZIP headers, as bench/zip.mjs writes them.
 */
export function translationSizes(dir) {
  const root = join(dir, '_locales');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((l) => l !== 'en')
    .map((locale) => {
      const name = `_locales/${locale}/messages.json`;
      const data = readFileSync(join(dir, name));
      const body = Math.min(deflateRawSync(data, { level: 9 }).length, data.length);
      return { locale, bytes: body + 30 + 46 + 2 * Buffer.byteLength(name) };
    });
}
