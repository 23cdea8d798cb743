// A page's own `grecaptcha` (no Google loader in the frame) goes straight to the page's function: no
// vendor was seen, so nothing of ours runs in that page at all — its execute answers exactly as without
// the extension (it used to be held 25 s by a hook in every frame).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionScriptsIn } from '../bench/cdp.mjs';
import { type Harness, launch, until } from './harness';

describe('a foreign grecaptcha.execute', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(() => h?.close());

  it('runs the page’s own function with nothing of ours in the page, and creates no task', async () => {
    const page = await h.context.newPage();
    const scripts = await extensionScriptsIn(
      h.context,
      page,
      h.extensionId,
      h.fixtureUrl('hostile/foreign-grecaptcha.html'),
      800,
    );
    expect(scripts).toEqual([]);
    const [token] = await until(
      () => page.evaluate(() => (window as unknown as { __took: [string, number] | null }).__took),
      5000,
      'execute to settle',
    );
    expect(token).toBe('own-token-x');
    expect(h.createdTasks()).toEqual([]);
    await page.close();
  });
});
