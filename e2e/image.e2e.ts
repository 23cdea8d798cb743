// Image captchas end to end: "Solve this image captcha" on a text captcha (the context menu's code path,
// reached through the `image:solve` page message: Playwright cannot click a native menu), the answer typed
// into the inferred field, the pair remembered for the site, and the next visit solved with no user action.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, launch, noticeWords, SITE, until } from './harness';

const PAGE = 'image/text-captcha.html';
const IMG = `${SITE}/image/captcha.png?r=1`;
const FIELD = 'input[name="captcha_code"]';

type Task = Record<string, unknown>;

describe('image captchas', () => {
  let h: Harness;
  let ext: Page;
  beforeAll(async () => {
    h = await launch({ solveMs: 300 });
    ext = await h.context.newPage();
    await ext.goto(h.extensionUrl('popup.html'));
  });
  afterAll(() => h?.close());

  const textTasks = () =>
    h.createdTasks().filter((b) => (b.task as Task | undefined)?.type === 'TextRecognition');

  /** Open the fixture and record every `input` event its answer field receives (as the site's JS would). */
  async function openCaptcha(page?: Page): Promise<Page> {
    const p = page ?? (await h.open(PAGE));
    await p.waitForLoadState('load');
    await p.evaluate((sel) => {
      const w = window as unknown as { __inputs: string[] };
      w.__inputs = [];
      document
        .querySelector(sel)!
        .addEventListener('input', (e) => w.__inputs.push((e.target as HTMLInputElement).value));
    }, FIELD);
    return p;
  }
  const answered = (page: Page) =>
    until(
      () => page.evaluate((sel) => document.querySelector<HTMLInputElement>(sel)!.value || null, FIELD),
      20_000,
      'answer in the field',
    );
  const inputEvents = (page: Page) =>
    page.evaluate(() => (window as unknown as { __inputs: string[] }).__inputs);

  async function solveFromMenu(srcUrl: string) {
    const tabId = await ext.evaluate(
      async (url) => (await chrome.tabs.query({ url }))[0]?.id,
      `${SITE}/${PAGE}`,
    );
    expect(tabId).toBeTypeOf('number');
    return ext.evaluate((m) => chrome.runtime.sendMessage(m), {
      type: 'image:solve',
      tabId,
      frameId: 0,
      srcUrl,
    });
  }

  it('solves the picked image, types the answer, remembers the pair, solves the next visit', async () => {
    const page = await openCaptcha();
    // Nothing announces an image captcha: no task until the user asks.
    await page.waitForTimeout(500);
    expect(textTasks()).toHaveLength(0);

    const reply = await solveFromMenu(IMG);
    expect(reply).toMatchObject({ ok: true, jobId: expect.any(String) });
    const first = await until(() => textTasks()[0]?.task as Task | undefined, 20_000, 'TextRecognition task');
    expect(first.imageBase64).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    // The image's own pixels: the fixture file, read back through the canvas.
    expect((first.imageBase64 as string).length).toBeGreaterThan(200);
    const answer = await answered(page);
    expect(answer).toMatch(/^sandbox-/);
    expect(await inputEvents(page)).toEqual([answer]);
    expect(await page.inputValue('input[name="name"]')).toBe('alice'); // the other field is untouched
    // Remembered with the image URL the user marked (origin and path): only that is read on later visits.
    expect(await h.storage('imagePairs')).toEqual({
      [SITE]: [{ img: '#captcha-img', input: FIELD, src: `${SITE}/image/captcha.png` }],
    });

    // Next visit: a new page load, detected and solved with no user action.
    await page.reload();
    await openCaptcha(page);
    const second = await until(
      () => textTasks()[1]?.task as Task | undefined,
      20_000,
      'second TextRecognition task',
    );
    expect(second.imageBase64).toMatch(/^data:image\/png;base64,/);
    const again = await answered(page);
    expect(again).toMatch(/^sandbox-/);
    expect(again).not.toBe(answer); // a new task's answer, not a replay
    expect(textTasks()).toHaveLength(2);
    await page.close();
  });

  it('a menu request is solved with auto-solve off; the remembered pair then waits', async () => {
    await h.configure({ settings: { autoSolve: false } });
    const before = textTasks().length;
    const page = await openCaptcha();
    await page.waitForTimeout(800);
    expect(textTasks()).toHaveLength(before); // remembered, but manual mode: not solved by itself
    expect(await solveFromMenu(IMG)).toMatchObject({ ok: true });
    await until(() => textTasks().length === before + 1 || null, 20_000, 'manual TextRecognition task');
    expect(await answered(page)).toMatch(/^sandbox-/);
    await page.close();
    await h.configure({ settings: { autoSolve: true } });
  });

  it('reports a clear error when the image is not on the page', async () => {
    const page = await openCaptcha();
    const reply = (await solveFromMenu(`${SITE}/image/other.png`)) as {
      ok: boolean;
      notice?: { key: string };
    };
    expect(reply).toEqual({ ok: false, notice: { key: 'err_imageNotFound' } });
    expect(await noticeWords(h, reply.notice)).toMatch(/not found/);
    await page.close();
  });
});
