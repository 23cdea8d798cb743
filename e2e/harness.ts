/** The e2e tests' entry to the rig (implemented in plain JS in rig.mjs so the demo and bench share it). */
import type { Page } from 'playwright-core';
import { type Harness, until } from './rig.mjs';

export * from './rig.mjs';

/**
 * The first value the page pushed to the array at `path` (dotted) on its window: the fixtures' callbacks
 * and execute() results record their tokens there. Waits for it.
 */
export const firstPushed = (page: Page, path = '__calls', timeoutMs = 20_000): Promise<string> =>
  until(
    () =>
      page.evaluate(
        (p) =>
          (
            p.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], window) as
              | string[]
              | undefined
          )?.[0],
        path,
      ),
    timeoutMs,
    `a value in ${path}`,
  );

/** The token in the page's #g-recaptcha-response field (the reCAPTCHA fixtures). Waits for it. */
export const recaptchaToken = (page: Page, timeoutMs = 20_000): Promise<string> =>
  until(
    () => page.evaluate(() => document.querySelector<HTMLTextAreaElement>('#g-recaptcha-response')?.value),
    timeoutMs,
    'the token',
  );

/** The reCAPTCHA tasks created for pages under `path` (an hCaptcha or Turnstile page must create none). */
export const recaptchaTasksFrom = (h: Harness, path: string) =>
  h
    .createdTasks()
    .filter((b) => String(b.task?.websiteURL).includes(path) && /^ReCaptcha/.test(String(b.task?.type)));

/** A notice (lib/notice.ts) as the extension's own catalogue words it, read in its service worker. */
export async function noticeWords(
  h: { worker(): Promise<{ evaluate<R, A>(fn: (a: A) => R, arg: A): Promise<R> }> },
  notice: { key: string; params?: unknown[]; also?: string } | undefined,
): Promise<string> {
  if (!notice) return '';
  const sw = await h.worker();
  return sw.evaluate((n) => {
    const i18n = (
      globalThis as unknown as { chrome: { i18n: { getMessage(k: string, s?: string[]): string } } }
    ).chrome.i18n;
    const subs = (n.params ?? []).map((p) =>
      typeof p === 'object' && p ? `$${(p as { usd: number }).usd}` : String(p),
    );
    const text = i18n.getMessage(n.key, subs);
    return n.also ? `${text} ${i18n.getMessage(n.also)}` : text;
  }, notice);
}
