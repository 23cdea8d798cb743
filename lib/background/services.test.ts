/**
 * The background's services as one piece (createServices, as setup.ts makes them), on WXT's fake browser
 * against the real sandbox over HTTP: a widget a frame reports becomes one createTask with the stored key,
 * is polled, and its token goes to the document that reported it, as the single message of its delivery.
 * The storage it costs, from the report to the fill's reply handled, is counted exactly: the wiring here
 * (settings snapshot, engine storage, frame messages) is what lib/solver/reads-per-token.test.ts measures
 * with a fake API, and a count that goes up fails here.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Sandbox, startSandbox } from '../../sandbox/server.mjs';
import { createKeyStore } from '../key-store';
import type { BackgroundToContent } from '../messaging';
import { defaultSettings } from '../settings';
import { countStorageCalls } from '../solver/test-kit';
import { engineStorage, settingsItem } from '../storage-items';
import { createServices, type WebExt } from './services';

const KEY = 'anysolver_services_test_key';
const SITEKEY = '6LeServicesSiteKey00000000000000000000000';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ keys: { [KEY]: 5 }, solveMs: 0, cost: 0.002 });
});
afterAll(() => sandbox.close());

const realIndexedDB = globalThis.indexedDB;
beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  globalThis.indexedDB = realIndexedDB;
});

describe('createServices', () => {
  it('a reported widget: one createTask with the stored key, its token into its document', async () => {
    await createKeyStore().set(KEY);
    await settingsItem.setValue({
      endpoint: sandbox.url,
      polling: { ...defaultSettings().polling, firstDelayMs: 1000 },
    });
    const tab = await fakeBrowser.tabs.create({ url: 'https://shop.test/login' });
    const sent: Array<{ tabId: number; message: BackgroundToContent; options: unknown }> = [];
    fakeBrowser.tabs.sendMessage = (async (tabId: number, message: BackgroundToContent, options: unknown) => {
      sent.push({ tabId, message, options });
      return message.type === 'fill' ? true : undefined;
    }) as typeof fakeBrowser.tabs.sendMessage;
    const services = createServices(fakeBrowser as unknown as WebExt);
    const counts = countStorageCalls();
    counts.on = true;
    const from = { tabId: tab.id!, frameId: 3, documentId: 'DOC-1', frameUrl: 'https://shop.test/login' };
    await services.solver.report(from, [
      {
        widgetId: 'recaptcha:0',
        kind: 'recaptcha-v2',
        websiteKey: SITEKEY,
        websiteURL: 'https://shop.test/login',
        visible: true,
      },
    ]);
    const fill = await new Promise<(typeof sent)[number]>((resolve, reject) => {
      const end = Date.now() + 10_000;
      const look = () => {
        const found = sent.find((s) => s.message.type === 'fill');
        if (found) resolve(found);
        else if (Date.now() > end) reject(new Error('no fill'));
        else setTimeout(look, 20);
      };
      look();
    });
    // The fill's reply handled: the job is solved.
    for (let i = 0; i < 100 && (await counts.jobs())[0]?.status !== 'solved'; i++)
      await new Promise((r) => setTimeout(r, 10));
    counts.on = false;

    const created = sandbox.requests.filter((r: { path: string }) => r.path === '/createTask');
    expect(created).toHaveLength(1);
    expect(created[0]?.body.clientKey).toBe(KEY);
    expect(created[0]?.body.task).toMatchObject({
      type: 'ReCaptchaV2TokenProxyLess',
      websiteURL: 'https://shop.test/login',
      websiteKey: SITEKEY,
    });
    const [task] = [...sandbox.tasks.values()];
    expect(fill).toEqual({
      tabId: tab.id,
      message: {
        type: 'fill',
        widgetId: 'recaptcha:0',
        kind: 'recaptcha-v2',
        token: task?.token,
        autoSubmit: false,
        showBadge: false,
      },
      options: { frameId: 3, documentId: 'DOC-1' },
    });
    // Every message of the job went to the reporting document; the fill was the last.
    expect(
      sent.every((s) => JSON.stringify(s.options) === JSON.stringify({ frameId: 3, documentId: 'DOC-1' })),
    ).toBe(true);
    expect(sent.at(-1)).toBe(fill);
    expect(Object.values(await engineStorage.jobs.getValue()).map((j) => j.status)).toEqual(['solved']);
    const { on: _on, jobs: _jobs, ...seen } = counts;
    // Settings (each with storage.managed): one snapshot per step — the report, the start, the poll — and
    // the API client's endpoint for each request (createTask, getTaskResult). Jobs: a read-modify-write
    // for the report, the start, the created task, the ready poll and the solved fill (5), plus the
    // poll's snapshot of what is due.
    expect(seen).toEqual({ settingsGet: 5, managedGet: 5, jobsGet: 6, jobsSet: 5 });
  });
});
