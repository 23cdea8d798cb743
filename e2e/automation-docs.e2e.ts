// Every script in docs/automation.md runs here as it is written there (so the doc cannot drift): each
// fenced block tagged `js playwright`, `js puppeteer`, `js selenium` or `js firefox` is written to a file
// and run with node against the built extension and the local sandbox, passed in by environment variables.
// The Firefox script needs the Firefox build (`npm test` builds it before the e2e suite).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../sandbox/server.mjs';
import { FIREFOX, FIREFOX_EXT_DIR } from './firefox/rig.mjs';
import { CHROMIUM, DEMO_KEY, EXT_DIR, ROOT } from './harness';

const DOC = join(ROOT, 'docs/automation.md');
const TOOLS = ['playwright', 'puppeteer', 'selenium', 'firefox'] as const;
const firefoxBuilt = existsSync(join(FIREFOX_EXT_DIR, 'manifest.json'));
if (!firefoxBuilt)
  console.warn(`automation-docs: the firefox script is skipped, no build at ${FIREFOX_EXT_DIR}`);

/** The fenced blocks of the doc by their tag (```js <tag>). */
function docSnippets(markdown: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of markdown.matchAll(/^```js ([a-z-]+)\n([\s\S]*?)^```$/gm))
    out[m[1] as string] = m[2] as string;
  return out;
}

function run(
  file: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('docs/automation.md snippets', () => {
  const snippets = docSnippets(readFileSync(DOC, 'utf8'));
  // biome-ignore lint/suspicious/noExplicitAny: the sandbox is plain JS
  let sandbox: any;
  const dir = join(ROOT, 'e2e/out/doc-snippets');
  beforeAll(async () => {
    sandbox = await startSandbox({ keys: { [DEMO_KEY]: 7.5 } });
    mkdirSync(dir, { recursive: true });
  });
  afterAll(() => sandbox?.close());

  it('the doc has one runnable script per tool', () => {
    expect(Object.keys(snippets).sort()).toEqual([...TOOLS].sort());
  });

  const chromiumTools = TOOLS.filter((t) => t !== 'firefox');
  it.each(chromiumTools)(
    '%s: seeds the key and endpoint with no clicks and prints a ready answer',
    (tool) => runsReady(tool),
    120_000,
  );
  it.skipIf(!firefoxBuilt && !process.env.CI)(
    'firefox: the same in Firefox ESR over WebDriver BiDi',
    () => runsReady('firefox'),
    120_000,
  );

  async function runsReady(tool: (typeof TOOLS)[number]) {
    const file = join(dir, `${tool}.mjs`);
    writeFileSync(file, snippets[tool] ?? '');
    const before = sandbox.requests.length;
    const { code, stdout, stderr } = await run(file, {
      ANYSOLVER_EXTENSION: EXT_DIR,
      ANYSOLVER_FIREFOX_EXTENSION: FIREFOX_EXT_DIR,
      FIREFOX,
      ANYSOLVER_KEY: DEMO_KEY,
      ANYSOLVER_ENDPOINT: sandbox.url,
      CHROMIUM,
      // Nothing else: the Selenium script gives the driver's and the browser's paths, so Selenium Manager
      // has nothing to download (with no internet here, an attempt would fail the run).
    });
    expect(code, stderr).toBe(0);
    const readiness = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(readiness).toMatchObject({
      ready: true,
      key: { present: true, valid: true, managed: false },
      balance: 7.5,
      endpoint: sandbox.url.replace(/\/$/, ''),
      permissions: { granted: true, missing: [] },
    });
    expect(stdout + stderr).not.toContain(DEMO_KEY);
    // The key reached the sandbox from this run: getBalance with exactly that key.
    const checks = sandbox.requests.slice(before).filter((r: { path: string }) => r.path === '/getBalance');
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((r: { body?: { clientKey?: string } }) => r.body?.clientKey === DEMO_KEY)).toBe(true);
  }
});
