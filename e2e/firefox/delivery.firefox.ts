// Where a token goes, in Firefox ESR: to the frame AND the document that reported the widget. The background
// pins deliveries with the documentId this Firefox reports (services.ts; recaptcha-v2.firefox.ts checks the
// browser's facts), so a frame whose document is replaced while its task runs never gets the old token:
// the old job ends cancelled or undelivered and the new document's field stays empty, or, when the new
// document shows the same widget, it gets only its own task's token. The ordinary case still delivers.
// The widget lives in a cross-origin frame (other.test) of a site.test page, the offline reCAPTCHA imitation.
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALT, type FirefoxHarness, firefoxSkipReason, inAnyFrame, launch, until } from './rig.mjs';

const skip = firefoxSkipReason();
if (skip) console.warn(skip);

const SITEKEY = '6LeCheckboxSiteKey0000000000000000000000';
/** A frame URL with `slow` in it gets a task that takes SLOW_MS: time to replace its document first. */
const SLOW_MS = 6000;
const FAST_MS = 1000;

interface SandboxTask {
  taskId: string;
  task: { websiteURL?: string; websiteKey?: string };
  readyAt: number;
  token: string;
}

const fieldValues = (f: Frame) =>
  f.evaluate(() =>
    [...document.querySelectorAll<HTMLTextAreaElement>('[name="g-recaptcha-response"]')].map((t) => t.value),
  );
const calls = (f: Frame) => f.evaluate(() => (window as unknown as { __calls?: string[] }).__calls ?? []);

describe.skipIf(skip)('Firefox: a token reaches only the document that asked', () => {
  let h: FirefoxHarness;
  beforeAll(async () => {
    h = await launch({
      sandbox: {
        solveMs: (t: { websiteURL?: string }) => (t.websiteURL?.includes('slow') ? SLOW_MS : FAST_MS),
      },
    });
  });
  afterAll(() => h?.close());

  const tasks = (): SandboxTask[] => [...(h.sandbox.tasks.values() as Iterable<SandboxTask>)];
  const taskAt = (url: string) =>
    until(() => tasks().find((t) => t.task.websiteURL === url), 15_000, `a createTask for ${url}`);
  const frameAt = (page: Page, url: string) =>
    until(() => page.frames().find((f) => f.url() === url), 10_000, `the frame at ${url}`);

  /** The job for a task (active or ended) and its history record. */
  // biome-ignore lint/suspicious/noExplicitAny: read raw from storage
  const jobOf = async (taskId: string): Promise<{ job?: any; record?: any }> => {
    // biome-ignore lint/suspicious/noExplicitAny: read raw from storage
    const jobs = Object.values((await h.storage('jobs')) ?? {}) as any[];
    // biome-ignore lint/suspicious/noExplicitAny: read raw from storage
    const history = ((await h.storage('history')) ?? []) as any[];
    return { job: jobs.find((j) => j.taskId === taskId), record: history.find((r) => r.taskId === taskId) };
  };
  const ACTIVE = ['queued', 'creating', 'polling'];
  /** Wait until the task's job is no longer active; its final status. */
  const endOf = (taskId: string, timeoutMs: number) =>
    until(
      async () => {
        const { job, record } = await jobOf(taskId);
        const status = job ? (ACTIVE.includes(job.status) ? undefined : job.status) : record?.status;
        return status ? { status: status as string, job, record } : undefined;
      },
      timeoutMs,
      'the job to end',
    );

  /** The documentId Firefox reports for the tab's frame at `url` (undefined on a Firefox without them). */
  const documentIdOf = (page: Page, url: string) =>
    h.evaluateInExtension(
      async ({ top, frame }: { top: string; frame: string }) => {
        const [tab] = await browser.tabs.query({ url: top });
        const frames = (await browser.webNavigation.getAllFrames({ tabId: tab!.id! })) ?? [];
        return (frames.find((f) => f.url === frame) as { documentId?: string } | undefined)?.documentId;
      },
      { top: page.url(), frame: url },
    );

  /** A site.test page embedding the widget page `frameUrl` from other.test, the job for it polling. */
  const widgetInFrame = async (frameUrl: string) => {
    const page = await h.open('recaptcha/decoy-words.html');
    await page.evaluate((src: string) => {
      const f = document.createElement('iframe');
      f.id = 'child';
      f.src = src;
      document.body.append(f);
    }, frameUrl);
    const frame = await frameAt(page, frameUrl);
    const task = await taskAt(frameUrl);
    expect(task.task).toMatchObject({ websiteKey: SITEKEY, websiteURL: frameUrl });
    const job = await until(async () => (await jobOf(task.taskId)).job, 5000, 'the job');
    return { page, frame, task, job };
  };

  /** Point the frame at `url` (same frame, a new document) and wait for that document to load. */
  const replaceFrame = async (page: Page, url: string) => {
    await page.evaluate((u: string) => {
      (document.getElementById('child') as HTMLIFrameElement).src = u;
    }, url);
    const replaced = await frameAt(page, url);
    await until(
      () => replaced.evaluate(() => document.readyState === 'complete').catch(() => false),
      10_000,
      'the new document to load',
    );
    return replaced;
  };

  it('the ordinary case: job pinned to the frame’s document, token lands, callback called', async () => {
    const frameUrl = `${ALT}/recaptcha/v2-checkbox.html`;
    const { page, frame, task, job } = await widgetInFrame(frameUrl);
    // The pin: the document Firefox reports for the frame (none on a Firefox without documentIds).
    expect(job.documentId).toBe(await documentIdOf(page, frameUrl));
    await until(async () => (await fieldValues(frame)).includes(task.token), FAST_MS + 15_000, 'the token');
    expect(await fieldValues(frame)).toEqual([task.token]);
    expect(await calls(frame)).toEqual([task.token]);
    expect((await endOf(task.taskId, 5000)).status).toBe('solved');
    await page.close();
  });

  it('frame document replaced mid-task: old job cancelled/undelivered, new field empty', async () => {
    const frameUrl = `${ALT}/recaptcha/v2-checkbox.html?slow=1`;
    const { page, task } = await widgetInFrame(frameUrl);
    // A new document in the same frame, with a response field of the same name but no widget.
    const replaced = await replaceFrame(page, `${ALT}/recaptcha/decoy-textarea.html`);
    expect(Date.now(), 'replaced before the token was ready').toBeLessThan(task.readyAt);
    const end = await endOf(task.taskId, SLOW_MS + 20_000);
    expect(end.status).toMatch(/^(cancelled|undelivered)$/);
    expect(end.job?.filledAt, 'never filled').toBeUndefined();
    // Past the token's ready time (and the polls after it): nothing arrived late either.
    await until(() => Date.now() > task.readyAt + 3000, SLOW_MS + 10_000, 'ready + 3 s');
    expect(await fieldValues(replaced), 'the new document got no token').toEqual(['']);
    expect(await inAnyFrame(page, task.token), 'the token is in no frame of the tab').toBe(false);
    expect(
      tasks().filter((t) => t.task.websiteURL?.includes('decoy')),
      'no task for the new document',
    ).toEqual([]);
    await page.close();
  });

  it('replaced by a document with the same widget: it gets only its own task’s token', async () => {
    // The strongest form: same frame, sitekey and widget, so a delivery by frameId alone would land here.
    const frameUrl = `${ALT}/recaptcha/v2-checkbox.html?slow=2`;
    const { page, task } = await widgetInFrame(frameUrl);
    const againUrl = `${ALT}/recaptcha/v2-checkbox.html?again=1`;
    const replaced = await replaceFrame(page, againUrl);
    expect(Date.now(), 'replaced before the token was ready').toBeLessThan(task.readyAt);
    const own = await taskAt(againUrl);
    await until(
      async () => (await fieldValues(replaced)).includes(own.token),
      FAST_MS + 15_000,
      'its own token',
    );
    const end = await endOf(task.taskId, SLOW_MS + 20_000);
    expect(end.status).toMatch(/^(cancelled|undelivered)$/);
    expect(end.job?.filledAt, 'the old job was never filled').toBeUndefined();
    await until(() => Date.now() > task.readyAt + 3000, SLOW_MS + 10_000, 'ready + 3 s');
    expect(await fieldValues(replaced)).toEqual([own.token]);
    expect(await calls(replaced), 'its callback got only its own token').toEqual([own.token]);
    expect(await inAnyFrame(page, task.token), 'the old token is in no frame of the tab').toBe(false);
    expect((await endOf(own.taskId, 5000)).status).toBe('solved');
    await page.close();
  });
});
