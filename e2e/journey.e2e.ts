// A user's journey in real Chromium: first run → key saved → a captcha solved and shown live with its
// cost → in the history → in the CSV export; settings survive a browser restart; manual mode solves
// from the popup's button.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_KEY, type Harness, launch, until } from './harness';

const CAPTCHA_PAGE = 'recaptcha/v2-checkbox.html';

async function tabIdOf(h: Harness, page: Page): Promise<number> {
  const sw = await h.worker();
  return until(
    () =>
      sw.evaluate(
        async (url: string) => (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === url)?.id,
        page.url(),
      ),
    5000,
    'the tab id',
  );
}

describe('a user journey', () => {
  let h: Harness;
  afterAll(() => h?.close());

  it('first run → key → solved live with cost → history → CSV export', async () => {
    h = await launch({ key: null, solveMs: 1500 });
    // First run: the popup asks for the key.
    const popup = await h.context.newPage();
    await popup.goto(h.extensionUrl('popup.html'));
    await popup.getByLabel('Client key').fill(DEMO_KEY);
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.getByText('$5.00').waitFor();

    // A captcha page; the popup pointed at its tab shows the job live until solved, with its cost.
    const page = await h.open(CAPTCHA_PAGE);
    const tabId = await tabIdOf(h, page);
    await popup.goto(h.extensionUrl(`popup.html?tab=${tabId}`));
    const jobs = popup.getByRole('region', { name: 'Captchas on this page' });
    await jobs.getByText(/^Solved/).waitFor({ timeout: 20_000 });
    await jobs.getByText('$0.0012').waitFor();
    const token = await page.evaluate(
      () => document.querySelector<HTMLTextAreaElement>('#g-recaptcha-response')?.value,
    );
    expect(token).toMatch(/^sandbox\./);

    // The options page's history has it, and the CSV export contains it.
    const options = await h.context.newPage();
    await options.goto(h.extensionUrl('options.html'));
    await options.getByText('Showing 1 of 1 tasks.').waitFor({ timeout: 10_000 });
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const taskId = [...h.sandbox.tasks.keys()].at(-1) as string;
    expect(csv.split('\n')[0]).toMatch(/status/i);
    expect(csv).toContain(taskId);
    expect(csv).toContain('https://site.test');
    expect(csv).toContain('0.0012');
    expect(csv).not.toContain(DEMO_KEY);
  });

  it('settings and the key survive a browser restart', async () => {
    const options = await h.context.newPage();
    await options.goto(h.extensionUrl('options.html'));
    await options.getByLabel('Submit the form after solving').check();
    await until(async () => (await h.storage('settings'))?.autoSubmit === true, 5000, 'the setting stored');
    const { profile, sandbox } = h;
    await h.close(true);
    h = await launch({ profile, sandboxInstance: sandbox });
    const again = await h.context.newPage();
    await again.goto(h.extensionUrl('options.html'));
    await expect
      .poll(() => again.getByLabel('Submit the form after solving').isChecked(), { timeout: 10_000 })
      .toBe(true);
    // The key is still there: the popup shows the balance, not the first-run form.
    const popup = await h.context.newPage();
    await popup.goto(h.extensionUrl('popup.html'));
    await popup.getByText(/Balance/).waitFor({ timeout: 10_000 });
    expect(await popup.getByLabel('Client key').count()).toBe(0);
  });

  it('manual mode: nothing is solved until the popup’s Solve button is pressed', async () => {
    await h.configure({ settings: { autoSolve: false, autoSubmit: false } });
    const before = h.createdTasks().length;
    const page = await h.open(CAPTCHA_PAGE);
    const tabId = await tabIdOf(h, page);
    const popup = await h.context.newPage();
    await popup.goto(h.extensionUrl(`popup.html?tab=${tabId}`));
    const jobs = popup.getByRole('region', { name: 'Captchas on this page' });
    await jobs.getByText('reCAPTCHA v2').waitFor({ timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(h.createdTasks().length).toBe(before);
    await jobs.getByRole('button', { name: 'Solve', exact: true }).click();
    await jobs.getByText(/^Solved/).waitFor({ timeout: 20_000 });
    expect(h.createdTasks().length).toBe(before + 1);
    const token = await page.evaluate(
      () => document.querySelector<HTMLTextAreaElement>('#g-recaptcha-response')?.value,
    );
    expect(token).toBe(h.sandbox.tasks.get([...h.sandbox.tasks.keys()].at(-1) as string).token);
  });
});
