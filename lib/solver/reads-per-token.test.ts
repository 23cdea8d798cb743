/**
 * Storage reads and writes per token, from the poll that finds the task ready until the fill's reply
 * has been handled (the job solved, its history written, its events and status sent). The engine is
 * wired as the background wires it (lib/background/services.ts): the real settings read (user
 * settings and storage.managed), the real frame messages (deliver and notify), the solve announcer.
 * A count that goes up fails here.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createFrameMessages } from '../background/frame-messages';
import type { BackgroundToContent } from '../messaging';
import { readSettings } from '../storage';
import { engineStorage, settingsItem } from '../storage-items';
import { createAnnouncer } from './announce';
import { createSolver } from './engine';
import { countStorageCalls, createClock, createFakeApi, sender, settle, widget } from './test-kit';

beforeEach(() => fakeBrowser.reset());
afterEach(() => settle(60));

describe('storage per token (ready → deliver → finish)', () => {
  it('reads the settings once, and the jobs once per step with one read-modify-write each', async () => {
    await settingsItem.setValue({ showBadge: true, announce: { mode: 'all', sites: [] } });
    const clock = createClock();
    // Ready at the first poll (3 s after createTask).
    const api = createFakeApi(clock, 0);
    const sent: BackgroundToContent[] = [];
    const events: string[] = [];
    // The background's own frame messages (lib/background/services.ts wires them the same way): the fill
    // carries autoSubmit and showBadge, a status carries showBadge; a fill is answered `true`.
    const frames = createFrameMessages({
      send: async (_tab, _frame, message) => {
        sent.push(message);
        return message.type === 'fill' ? true : undefined;
      },
      readSettings,
    });
    const solver = createSolver({
      api,
      storage: engineStorage,
      getKey: async () => 'anysolver_test',
      readSettings,
      deliver: (job, token, settings) => frames.deliver(job, token, settings),
      notify: (job, settings) => void frames.status(job, settings),
      setBadge: () => undefined,
      alarms: { create: () => undefined, clear: () => undefined },
      now: clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
      announce: createAnnouncer({
        readSettings,
        now: clock.now,
        dispatch: async (_t, _name, detail) => void events.push(JSON.parse(detail).step),
      }),
    });
    await solver.report(sender(), [widget('w1')]);
    await settle();
    expect(Object.values(await engineStorage.jobs.getValue()).map((j) => j.status)).toEqual(['polling']);
    const counts = countStorageCalls();
    counts.on = true;
    await clock.advance(3000);
    await settle(60);
    counts.on = false;
    // The token went as one fill with the settings of the step; nothing followed it to the frame.
    expect(sent.at(-1)).toEqual({
      type: 'fill',
      widgetId: widget('w1').widgetId,
      kind: widget('w1').kind,
      token: `tok-TASK1-${widget('w1').websiteKey}`,
      autoSubmit: false,
      showBadge: true,
    });
    expect(sent.filter((m) => m.type === 'fill')).toHaveLength(1);
    expect(events.at(-1)).toBe('solved');
    const { on: _on, jobs: _jobs, ...seen } = counts;
    // Before issue 15: settings 5 (and storage.managed 5), jobs read 7 and written 2. Now one settings
    // snapshot for the step; the jobs: pollDue's snapshot, then one read-modify-write when the poll finds
    // the task ready and one when the fill's reply is handled (solved).
    expect(seen).toEqual({ settingsGet: 1, managedGet: 1, jobsGet: 3, jobsSet: 2 });
  });
});
