// Firefox smoke: the MV3 Firefox build installs in headless Firefox ESR (web-ext run), its content and
// main-world scripts load on a page with a captcha-shaped widget, and nothing the extension runs logs
// an error. Skips (exit 0, with a message) when Firefox is not installed and CI is not set.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const EXT = join(ROOT, '.output/firefox-mv3');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
if (!existsSync(FIREFOX)) {
  if (process.env.CI) throw new Error(`Firefox not found at ${FIREFOX}`);
  console.log(`firefox smoke: skipped (no ${FIREFOX}; apt-get install -y firefox-esr)`);
  process.exit(0);
}
if (!existsSync(join(EXT, 'manifest.json'))) throw new Error('Build first: npm run build:firefox');

const page = readFileSync(join(ROOT, 'e2e/fixtures/firefox/smoke.html'));
const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/smoke.html`;

const child = spawn(
  'npx',
  ['web-ext', 'run', '-s', EXT, `--firefox=${FIREFOX}`, '--no-reload', '--no-input', '-u', url, '--verbose'],
  // detached: its own process group, so Firefox goes down with web-ext at the end.
  {
    cwd: ROOT,
    env: { ...process.env, MOZ_HEADLESS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  },
);
let log = '';
child.stdout.on('data', (d) => (log += d));
child.stderr.on('data', (d) => (log += d));

const deadline = Date.now() + 60_000;
while (!/Installed .* as a temporary add-on/.test(log) && Date.now() < deadline)
  await new Promise((r) => setTimeout(r, 250));
const installed = /Installed .* as a temporary add-on/.test(log);
if (installed) await new Promise((r) => setTimeout(r, 6000)); // let the page load with the extension
try {
  process.kill(-child.pid, 'SIGKILL');
} catch {}
server.close();

// Errors attributed to the extension's own scripts (moz-extension:// URLs).
const extensionErrors = log
  .split('\n')
  .filter((l) => /moz-extension:\/\//.test(l) && /error|exception/i.test(l));
console.log(`firefox smoke: installed=${installed}, extension errors=${extensionErrors.length}`);
if (!installed || extensionErrors.length) {
  console.log(extensionErrors.slice(0, 10).join('\n') || log.slice(-3000));
  process.exit(1);
}
console.log('1 passed, 0 failed');
process.exit(0);
