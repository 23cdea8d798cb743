// `npm start`: the extension working end to end with no account. Starts the local AnySolver sandbox,
// launches Chromium with the built extension pointed at it, and opens a demo page with real-shaped
// captcha widgets (answered offline by the e2e vendor imitations). With a display it stays open until
// Ctrl-C; headless (no $DISPLAY) it waits for the tokens, saves a screenshot and prints its path.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_KEY, launch, ROOT, until } from '../e2e/rig.mjs';

const headless = !process.env.DISPLAY;
const h = await launch({ headless, solveMs: 2500 });
console.log(`AnySolver sandbox: ${h.sandbox.url}  (demo key: ${DEMO_KEY}, balance $5)`);
const page = await h.open('demo.html');
console.log(`Demo page: ${page.url()}`);

const filled = () =>
  page.evaluate(
    () =>
      [...document.querySelectorAll('textarea[name$="-response"], input[name$="-response"]')].filter(
        (el) => /** @type {HTMLInputElement} */ (el).value,
      ).length,
  );
try {
  await until(filled, 30_000, 'the demo captchas to be solved');
  console.log(`Solved ${await filled()} widget(s); tasks created: ${h.createdTasks().length}`);
} catch (e) {
  console.error(String(e));
}
if (headless) {
  const out = join(ROOT, 'e2e/out');
  mkdirSync(out, { recursive: true });
  const shot = join(out, 'demo.png');
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`No display: screenshot saved to ${shot}`);
  await h.close();
} else {
  console.log('Chromium is open with the extension. Press Ctrl-C to stop.');
  process.on('SIGINT', () => void h.close().then(() => process.exit(0)));
}
