import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { contentMessageSchema, pageMessageSchema } from '@/lib/messaging';
import { REDACTED_KEY } from '@/lib/solver/detector-view';
import { createHarness, sender, settle, widget } from '@/lib/solver/test-kit';
import { updateSettings } from '@/lib/storage';
import { classifySender } from './sender';
import type { Services } from './services';
import { detectorState } from './views';

const KEY = 'anysolver_test';
const SECOND_KEY = '6LeSecondSiteKey00000000000000000000000';

beforeEach(() => {
  fakeBrowser.reset();
});

/**
 * The handler's view over a real engine (fake API and clock): one solved widget and one stopped by a
 * limit.
 */
async function solvedAndLimited() {
  const routing = { selectionMode: 'autoFastest' as const, keyPoolMode: 'platformOnly' as const };
  const limits = {
    dailySpendCapUsd: 1,
    maxConcurrent: 4,
    perTabPerMinute: 1,
    perSitePerHour: 30,
    perSiteNoGesturePerHour: 30,
  };
  const polling = { firstDelayMs: 3000, intervalMs: 2500, timeoutMs: 120_000, adaptive: false };
  const h = createHarness({ solveMs: 4000, key: KEY, settings: { routing, limits, polling } });
  // The handler reads the stored settings (the harness's engine gets the same ones).
  await updateSettings({ routing, limits, polling, endpoint: 'http://127.0.0.1:8787/' });
  await h.solver.report(sender(7), [
    widget('first'),
    widget('second', { websiteKey: SECOND_KEY, pageTitle: "Bob's shop" }),
  ]);
  await h.clock.advance(6000);
  await settle();
  const services = { solver: h.solver, keyStore: { get: async () => KEY } } as unknown as Services;
  const reply = await detectorState(services, { type: 'detector:state', tabId: 7 });
  return { h, reply, routing };
}

describe("'detector:state' (the DevTools panel's data)", () => {
  it('lists the tab’s jobs with the createTask body sent, the key as a placeholder', async () => {
    const { h, reply, routing } = await solvedAndLimited();
    expect(h.api.createTask).toHaveBeenCalledTimes(1);
    const [sentKey, sentTask, sentRouting] = h.api.createTask.mock.calls[0]!;
    expect(sentKey).toBe(KEY);
    expect(sentRouting).toEqual(routing);
    const [solved, limited] = reply.jobs;
    expect(solved!.job).toMatchObject({ status: 'solved', polls: 2, provider: 'Fake', cost: 0.002 });
    // The body as the client sends it (lib/anysolver/client.ts createTaskBody): key, task, routing fields.
    expect(solved!.request).toEqual({
      ok: true,
      body: {
        clientKey: REDACTED_KEY,
        task: sentTask,
        selectionMode: 'autoFastest',
        keyPoolMode: 'platformOnly',
      },
    });
    const created = solved!.job.taskCreatedAt!;
    expect(solved!.job.pollTimes).toEqual([created + 3000, created + 5500]);
    // The limited one: stopped before any task, with the limit's words; its body is what would be sent.
    expect(limited!.job).toMatchObject({ status: 'failed', errorCode: 'RATE_LIMITED_TAB' });
    expect(limited!.job.errorNotice).toMatchObject({ key: 'err_RATE_LIMITED_TAB' });
    expect(limited!.request.ok && (limited!.request.body.task as { pageTitle?: string }).pageTitle).toBe(
      "Bob's shop",
    );
    expect(reply).toMatchObject({
      endpoint: 'http://127.0.0.1:8787',
      hasKey: true,
      accountBlock: null,
      pausedSites: [],
    });
    expect(reply.settings.limits.perTabPerMinute).toBe(1);
    expect(JSON.stringify(reply)).not.toContain(KEY);
  });

  it('leaves an image captcha’s bytes out of the reply', async () => {
    const h = createHarness({ solveMs: 4000, key: KEY, settings: { autoSolve: false } });
    await updateSettings({ autoSolve: false });
    const image = `data:image/png;base64,${'A'.repeat(400)}`;
    await h.solver.report(sender(3), [
      widget('img', { kind: 'image-text', websiteKey: '', imageBase64: image }),
    ]);
    const services = { solver: h.solver, keyStore: { get: async () => null } } as unknown as Services;
    const reply = await detectorState(services, { type: 'detector:state', tabId: 3 });
    expect(reply.jobs).toHaveLength(1);
    expect(reply.jobs[0]!.job.widget.imageBase64).toBeUndefined();
    expect(reply.jobs[0]!.imageBytes).toBe(image.length);
    expect(reply.jobs[0]!.request).toEqual({ ok: false, reason: 'image' });
    expect(reply.hasKey).toBe(false);
  });

  it('is an extension-page message only: a content script cannot ask for it', () => {
    const message = { type: 'detector:state', tabId: 7 };
    expect(pageMessageSchema.safeParse(message).success).toBe(true);
    expect(contentMessageSchema.safeParse(message).success).toBe(false);
    const origin = 'chrome-extension://ours/';
    const fromPage = { id: 'ours', url: 'https://evil.test/', tab: { id: 7 } as never, frameId: 0 };
    expect(classifySender(fromPage, origin, 'ours').kind).toBe('content');
    const fromPanel = { id: 'ours', url: `${origin}devtools-panel.html?tabId=7` };
    expect(classifySender(fromPanel, origin, 'ours').kind).toBe('page');
  });
});
