// Popup open → first render: the popup's performance mark 'popup-first-render' (set after its first
// paint), opened as a tab; baseline: a blank data: page setting the same kind of mark after its first frame.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { interleaved } from './ab.mjs';
import { EXT_DIR } from './rig.mjs';
import { pairedRatio, round, summary } from './stats.mjs';

const BLANK =
  'data:text/html,<!doctype html><title>blank</title><p>blank</p>' +
  '<script>requestAnimationFrame(()=>setTimeout(()=>performance.mark("popup-first-render")))</script>';

/** Open `url` in a fresh tab and return the startTime of the 'popup-first-render' mark. */
async function firstRender(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    const handle = await page.waitForFunction(
      () => performance.getEntriesByName('popup-first-render')[0]?.startTime,
      null,
      { timeout: 5000 },
    );
    return await handle.jsonValue();
  } finally {
    await page.close();
  }
}

/**
 * Popup first-render time (`runs` interleaved with the blank-page baseline). Run it last on `ext`: it removes
 * the routes.
 */
export async function measurePopup({ ext, runs }) {
  if (!existsSync(join(EXT_DIR, 'popup.html'))) throw new Error('popup.html is not in the build yet');
  const url = ext.extensionUrl('popup.html');
  // No fixture pages are needed any more: drop request interception so the popup's resources load
  // straight from the extension, as they do for users (no round trip through the test driver).
  await ext.context.unrouteAll({ behavior: 'wait' });
  try {
    await firstRender(ext.context, url);
  } catch {
    throw new Error("the popup set no 'popup-first-render' mark within 5 s");
  }
  await firstRender(ext.context, BLANK);
  const { a, b } = await interleaved(
    runs,
    () => firstRender(ext.context, url),
    () => firstRender(ext.context, BLANK),
  );
  return { popup: summary(a), blank: summary(b), ratio: round(pairedRatio(a, b), 2) };
}
