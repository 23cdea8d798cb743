// Limits a page cannot multiply, through the engine on WXT's fake browser: tabs, subdomain frames, ad
// frames, churn and slow tasks against the per-site budgets and the fair share of the slots.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { inWords } from '@/lib/ui/test-i18n';
import { defaultSettings } from '../settings';
import { jobsItem } from '../storage';
import { createHarness, settle, widget } from './test-kit';

const jobs = async () => Object.values(await jobsItem.getValue());
const at = (tabId: number, frameUrl: string, frameId = 0, topUrl = frameUrl) => ({
  tabId,
  frameId,
  frameUrl,
  topUrl,
});
const EVIL = 'https://evil.example/';

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => settle(60));

describe('per-site budgets across tabs and frames', () => {
  it('four tabs of one site share its budget: perSiteNoGesturePerHour unasked tasks in all', async () => {
    const h = createHarness({ solveMs: 500 });
    for (let round = 0; round < 4; round++) {
      for (const tab of [1, 2, 3, 4]) await h.solver.report(at(tab, EVIL), [widget(`t${tab}r${round}`)]);
      await h.clock.advance(30_000);
    }
    expect(h.api.createTask).toHaveBeenCalledTimes(defaultSettings().limits.perSiteNoGesturePerHour);
    expect((await jobs()).filter((j) => j.errorCode === 'RATE_LIMITED_NO_GESTURE')).toHaveLength(16 - 10);
  });

  it('iframes on s<N>.evil.example: one site; other sites’ frames there share one more', async () => {
    const h = createHarness({
      solveMs: 500,
      settings: {
        limits: { ...defaultSettings().limits, perTabPerMinute: 100, perSiteNoGesturePerHour: 1000 },
      },
    });
    for (let n = 0; n < 60; n++) {
      await h.solver.report(at(1, `https://s${n}.evil.example/f`, 10 + n, EVIL), [widget(`s${n}`)]);
      await h.solver.report(at(1, `https://evil${n}.test/f`, 100 + n, EVIL), [widget(`d${n}`)]);
      await h.clock.advance(1000);
    }
    await h.clock.advance(10_000);
    const started = (await jobs()).filter((j) => j.taskId);
    expect(started).toHaveLength(h.api.createTask.mock.calls.length);
    expect(started.filter((j) => j.site === 'evil.example')).toHaveLength(30);
    expect(started.filter((j) => j.site !== 'evil.example')).toHaveLength(30);
    expect((await jobs()).filter((j) => j.errorCode === 'RATE_LIMITED_EMBEDDED').length).toBeGreaterThan(0);
  });

  it('churned widgets count twice: removing each captcha after 1.5 s gets half the tasks', async () => {
    const h = createHarness({
      solveMs: 5000,
      settings: { limits: { ...defaultSettings().limits, perTabPerMinute: 100 } },
    });
    for (let i = 0; i < 40; i++) {
      await h.solver.report(at(1, EVIL), [widget(`w${i}`)]);
      await h.clock.advance(1500);
      await h.solver.widgetsGone(1, 0, [`w${i}`]);
    }
    expect(h.api.createTask).toHaveBeenCalledTimes(5); // 10 unasked starts an hour, each churned one weighs 2
    const stopped = (await jobs()).filter((j) => j.errorCode === 'RATE_LIMITED_NO_GESTURE');
    expect(inWords(stopped[0]).errorMessage).toMatch(/count twice/);
  });

  it('an ad frame churning widgets cannot use up the page’s own job budget or its minute', async () => {
    const h = createHarness({ solveMs: 500 });
    const page = 'https://site.test/login';
    for (let i = 0; i < 60; i++) {
      await h.solver.report(at(1, 'https://ads.test/slot', 4, page), [widget(`ad${i}`)]);
      await h.clock.advance(100);
      await h.solver.widgetsGone(1, 4, [`ad${i}`]);
    }
    await h.clock.advance(12_000);
    const [own] = await h.solver.report(at(1, page), [widget('login')]);
    expect(own).toBeDefined();
    await h.clock.advance(3000);
    expect((await jobs()).find((j) => j.id === own!.id)?.taskId).toBeDefined();
    expect((await jobs()).filter((j) => j.frameId === 4)).toHaveLength(50); // the ad frame's own cap
  });

  it('a hostile tab holding slow tasks leaves slots: another site’s captcha starts at once', async () => {
    const h = createHarness({ solveMs: 10 ** 9 });
    await h.solver.report(
      at(1, EVIL),
      ['a', 'b', 'c', 'd', 'e'].map((id) => widget(id)),
    );
    await settle();
    expect(h.api.createTask).toHaveBeenCalledTimes(2); // its fair share of 4 slots
    await h.solver.report(at(2, 'https://site.test/login'), [widget('victim')]);
    await settle();
    expect(h.api.createTask).toHaveBeenCalledTimes(3);
    expect((await jobs()).find((j) => j.widget.widgetId === 'victim')?.status).toBe('polling');
  });

  it('a Solve press is a gesture: it starts what the unasked budget refused', async () => {
    const h = createHarness({
      solveMs: 500,
      settings: { limits: { ...defaultSettings().limits, perSiteNoGesturePerHour: 1 } },
    });
    await h.solver.report(at(1, EVIL), [widget('a'), widget('b')]);
    await h.clock.advance(5000);
    const refused = (await jobs()).find((j) => j.errorCode === 'RATE_LIMITED_NO_GESTURE')!;
    await h.solver.solve(refused.id);
    await h.clock.advance(5000);
    expect(h.api.createTask).toHaveBeenCalledTimes(2);
    expect((await jobs()).find((j) => j.id === refused.id)).toMatchObject({
      status: 'solved',
      gesture: true,
    });
    // A report that says it follows a gesture is not bounded by the unasked budget either.
    await h.solver.report({ ...at(1, EVIL), gesture: true }, [widget('c')]);
    await h.clock.advance(5000);
    expect(h.api.createTask).toHaveBeenCalledTimes(3);
  });
});

describe('image captchas are read only after the limits', () => {
  const image = (id: string) =>
    widget(id, { kind: 'image-text', websiteKey: '', extra: { src: 'https://cdn.test/c.png' } });

  it('a start refused by a limit never reads the image; a fetched image weighs one more task', async () => {
    const prepared: string[] = [];
    const h = createHarness({
      solveMs: 500,
      settings: { limits: { ...defaultSettings().limits, perSiteNoGesturePerHour: 4 } },
      prepareWidget: async (job) => {
        prepared.push(job.widget.widgetId);
        return { ok: true, imageBase64: `data:image/png;base64,${'A'.repeat(200)}`, fetched: true };
      },
    });
    for (const id of ['a', 'b', 'c']) {
      await h.solver.report(at(1, EVIL), [image(id)]);
      await h.clock.advance(5000);
    }
    // Two starts with a fetch each weigh 4: the third is refused before anything is read.
    expect(prepared).toEqual(['a', 'b']);
    expect(h.api.createTask).toHaveBeenCalledTimes(2);
    expect(h.api.createTask.mock.calls[0]![1]).toMatchObject({
      type: 'TextRecognition',
      imageBase64: expect.stringMatching(/^data:image\/png/),
    });
    expect((await jobs()).find((j) => j.widget.widgetId === 'c')?.errorCode).toBe('RATE_LIMITED_NO_GESTURE');
  });

  it('an image that cannot be read fails the job with the flow’s words and costs nothing', async () => {
    const h = createHarness({
      prepareWidget: async () => ({ ok: false, code: 'IMAGE_CHANGED', notice: { key: 'err_IMAGE_CHANGED' } }),
    });
    await h.solver.report(at(1, EVIL), [image('a')]);
    await h.clock.advance(1000);
    expect(h.api.createTask).not.toHaveBeenCalled();
    expect((await jobs())[0]).toMatchObject({
      status: 'failed',
      errorCode: 'IMAGE_CHANGED',
      errorNotice: { key: 'err_IMAGE_CHANGED' },
      cost: 0,
    });
  });
});
