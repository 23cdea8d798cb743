// reCAPTCHA v2 in Firefox ESR: the built Firefox MV3 extension, driven over WebDriver BiDi (rig.mjs), the
// offline imitation of Google's loader served through the rig's TLS proxy, the sandbox API on 127.0.0.1.
// First the rig itself is proven (installed, options page, key stored, vendor script through the proxy,
// sandbox reached), then the same v2 checkbox case as e2e/recaptcha.e2e.ts, then the documentId facts of
// this Firefox that the background's delivery relies on.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxHarness, firefoxSkipReason, launch, SITE, until } from './rig.mjs';

const skip = firefoxSkipReason();
if (skip) console.warn(skip);

const SITEKEY = '6LeCheckboxSiteKey0000000000000000000000';

/** The first value the page pushed to window[name] (the fixtures' callbacks record tokens there). */
const firstPushed = (page: Page, name = '__calls', timeoutMs = 20_000) =>
  until(
    () => page.evaluate((n) => (window as unknown as Record<string, string[] | undefined>)[n]?.[0], name),
    timeoutMs,
    `a value in ${name}`,
  );

describe.skipIf(skip)('Firefox: reCAPTCHA v2', () => {
  let h: FirefoxHarness;
  beforeAll(async () => {
    h = await launch({ solveMs: 800 });
  });
  afterAll(() => h?.close());

  it('the rig: extension with its host permissions, options page open, key and endpoint stored', async () => {
    expect(h.extensionId).toBe('anysolver-extension@anysolver.local');
    const control = await h.control();
    // puppeteer's page.url() may still say about:blank (it misses the switch to the extension process).
    expect(await control.evaluate(() => location.href)).toBe(h.extensionUrl('options.html'));
    const state = await h.evaluateInExtension(async () => ({
      id: browser.runtime.id,
      permissions: await browser.permissions.getAll(),
    }));
    expect(state.id).toBe(h.extensionId);
    expect(await h.storedKey()).toBe('anysolver_sandbox_demo_key');
    expect(state.permissions.origins).toContain('<all_urls>');
    expect((await h.storage('settings')).endpoint).toBe(h.sandbox.url);
  });

  it('v2 checkbox: createTask with the sitekey, g-recaptcha-response, data-callback', async () => {
    const page = await h.open('recaptcha/v2-checkbox.html');
    // The vendor loader came through the proxy (TLS terminated locally), the page through it too.
    expect(h.proxy.served('https://www.google.com/recaptcha/api.js').length).toBeGreaterThan(0);
    expect(h.proxy.served(`${SITE}/recaptcha/v2-checkbox.html`).length).toBe(1);
    const task = await h.taskFor(SITEKEY);
    expect(task).toMatchObject({
      type: 'ReCaptchaV2TokenProxyLess',
      websiteURL: `${SITE}/recaptcha/v2-checkbox.html`,
    });
    // The sandbox was reached directly (loopback bypasses the proxy).
    expect(h.proxy.log.some((e) => e.url.includes('127.0.0.1'))).toBe(false);
    const token = await firstPushed(page);
    expect(token).not.toMatch(/^native-/);
    expect(token).toMatch(new RegExp(`^sandbox\\.[^.]+\\.${SITEKEY}\\.`));
    const fields = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLTextAreaElement>('textarea[name="g-recaptcha-response"]')].map(
        (t) => [t.id, t.value],
      ),
    );
    expect(fields).toEqual([['g-recaptcha-response', token]]);
    expect(
      await page.evaluate(() =>
        (window as unknown as { grecaptcha: { getResponse(): string } }).grecaptcha.getResponse(),
      ),
    ).toBe(token);
    expect(await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toEqual([token]);
    await page.close();
  });

  it('this Firefox pins documents: documentId in webNavigation, scripting and tabs.sendMessage', async () => {
    const page = await h.open('recaptcha/decoy-words.html');
    await page.evaluate(
      () =>
        new Promise((res) => {
          const f = document.createElement('iframe');
          f.onload = res;
          f.src = 'https://other.test/recaptcha/decoy-words.html';
          document.body.append(f);
        }),
    );
    const found = await h.evaluateInExtension(async (url: string) => {
      const [tab] = await browser.tabs.query({ url });
      const tabId = tab!.id!;
      const frame = async () =>
        (await browser.webNavigation.getAllFrames({ tabId }))!.find((f) => f.frameId !== 0) as
          | { frameId: number; documentId?: string; parentDocumentId?: string }
          | undefined;
      const before = (await frame())!;
      const outcome = async (p: Promise<unknown>) =>
        p.then(
          (v) => ({ ok: v }),
          (e: Error) => ({ err: e.message }),
        );
      const where = () => location.href;
      const pinned = await browser.scripting.executeScript({
        target: { tabId, documentIds: [before.documentId!] } as never,
        func: where,
      });
      // A listener in every frame's isolated world, answering with its URL.
      const listen = () =>
        browser.scripting.executeScript({
          target: { tabId, allFrames: true },
          func: () => {
            browser.runtime.onMessage.addListener((_m, _s, send) => {
              send(location.href);
              return true;
            });
          },
        });
      await listen();
      const sendPinned = await outcome(
        browser.tabs.sendMessage(tabId, 'where', {
          frameId: before.frameId,
          documentId: before.documentId,
        } as never),
      );
      // Replace the frame's document: the old documentId must reach nothing, the frameId the new one.
      await browser.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        func: () => {
          document.querySelector('iframe')!.src = 'https://other.test/recaptcha/decoy-textarea.html';
        },
      });
      let after = await frame();
      for (let i = 0; i < 100 && !(after?.documentId && after.documentId !== before.documentId); i++) {
        await new Promise((r) => setTimeout(r, 50));
        after = await frame();
      }
      await listen();
      return {
        before,
        after,
        pinned: pinned.map((r) => r.result),
        sendPinned,
        sendStale: await outcome(
          browser.tabs.sendMessage(tabId, 'where', {
            frameId: before.frameId,
            documentId: before.documentId,
          } as never),
        ),
        sendByFrame: await outcome(browser.tabs.sendMessage(tabId, 'where', { frameId: before.frameId })),
        scriptStale: await outcome(
          browser.scripting.executeScript({
            target: { tabId, documentIds: [before.documentId!] } as never,
            func: where,
          }),
        ),
      };
    }, page.url());
    expect(found.before.documentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(found.before.parentDocumentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(found.pinned).toEqual(['https://other.test/recaptcha/decoy-words.html']);
    expect(found.sendPinned).toEqual({ ok: 'https://other.test/recaptcha/decoy-words.html' });
    expect(found.after?.frameId).toBe(found.before.frameId);
    expect(found.after?.documentId).not.toBe(found.before.documentId);
    expect(found.sendStale).toEqual({ err: 'Could not establish connection. Receiving end does not exist.' });
    expect(found.sendByFrame).toEqual({ ok: 'https://other.test/recaptcha/decoy-textarea.html' });
    expect(found.scriptStale).toEqual({ err: `Invalid documentId: ${found.before.documentId}` });
    await page.close();
  });
});
