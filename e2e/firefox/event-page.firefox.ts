// Firefox MV3's background is an event page: Firefox unloads it once it has been idle for
// `extensions.background.idle.timeout` ms (30 s by default; no API call or event from the background) and
// starts it again for the next event. Here that timeout is 1 s, so the page is unloaded between two polls
// of a task and only the watchdog alarm brings it back — what a user's Firefox does over a slow task, only
// sooner. The test watches the background's contexts (runtime.getContexts, from an extension page, which
// does not keep the background alive) and checks: unloaded before the widget appears, woken by the
// vendor sighting, unloaded again mid-task, woken by the alarm, the token in the field and the callback
// called, with exactly one createTask.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxHarness, firefoxSkipReason, launch, until } from './rig.mjs';

const skip = firefoxSkipReason();
if (skip) console.warn(skip);

const SITEKEY = '6LeCheckboxSiteKey0000000000000000000000';
const IDLE_MS = 1000;
/** Ready after the first poll (3 s after createTask) and the one after it: an idle gap between them. */
const SOLVE_MS = 6000;

interface Sample {
  at: number;
  /** The background's context id, or null while it is unloaded. */
  id: string | null;
}

describe.skipIf(skip)('Firefox: the event page unloaded mid-task', () => {
  let h: FirefoxHarness;
  beforeAll(async () => {
    h = await launch({ solveMs: SOLVE_MS, prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  });
  afterAll(() => h?.close());

  it('unloaded before the widget and between polls: woken twice, one createTask, token', async () => {
    // A retried run (CI retries once) starts from an empty request log: only its own task counts.
    h.sandbox.requests.length = 0;
    h.sandbox.tasks.clear();
    const control = await h.control();
    const background = async (): Promise<string | null> =>
      control.evaluate(async () => {
        const [c] = await browser.runtime.getContexts({ contextTypes: ['BACKGROUND'] } as never);
        return c?.contextId ?? null;
      });
    const samples: Sample[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const id = await background().catch(() => undefined);
        if (id !== undefined && samples.at(-1)?.id !== id) samples.push({ at: Date.now(), id });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    try {
      await until(() => samples.at(-1)?.id === null, 10_000, 'the event page to unload while idle');
      const page = await h.open('recaptcha/v2-checkbox.html');
      const task = await h.taskFor(SITEKEY);
      const created = h.sandbox.requests.find((r: { path: string }) => r.path === '/createTask').at as number;
      const token = await until(
        () => page.evaluate(() => (window as unknown as { __calls: string[] }).__calls[0]),
        SOLVE_MS + 20_000,
        'the token',
      );
      const polls = (h.sandbox.requests as Array<{ path: string; at: number }>).filter(
        (r) => r.path === '/getTaskResult',
      );
      const readyPoll = polls.at(-1)!.at;
      // The last time the page was seen unloaded before the poll that found the token, and the background
      // seen first after that: the one the alarm started. A background lives at least the idle timeout
      // after its last work, but a loaded machine samples slowly: the one that polled and delivered may be
      // seen only after the token landed, so sampling goes on until it has been seen.
      const unloaded = samples.filter((s) => s.at > created && s.at < readyPoll && s.id === null).at(-1);
      expect(unloaded, 'unloaded between createTask and the poll that found the token').toBeDefined();
      const seenAfter = (at: number) => samples.find((s) => s.at > at && s.id !== null)?.id;
      await until(() => seenAfter(unloaded!.at), 10_000, 'the woken background sampled').catch(() => null);
      sampling = false;
      await sampler;
      // The background alive when the task was created: the last one seen before, or — when it started and
      // created the task between two samples — the first one seen after (no unload is seen in between).
      const before = samples.filter((s) => s.at <= created).at(-1);
      const after = samples.find((s) => s.at > created);
      const creator = before?.id ?? after?.id;
      const woken = seenAfter(unloaded!.at);
      expect(creator, 'a background created the task').toBeTruthy();
      expect(woken, 'a background started again after it').toBeTruthy();
      expect(woken).not.toBe(creator);
      expect(task.type).toBe('ReCaptchaV2TokenProxyLess');
      expect(h.createdTasks(), 'exactly one createTask').toHaveLength(1);
      const [stored] = [...h.sandbox.tasks.values()] as Array<{ token: string }>;
      expect(token).toBe(stored!.token);
      expect(
        await page.evaluate(
          () => (document.querySelector('#g-recaptcha-response') as HTMLTextAreaElement).value,
        ),
      ).toBe(token);
      expect(await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toEqual([
        token,
      ]);
      await page.close();
    } finally {
      sampling = false;
      await sampler;
    }
  });
});
