import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installI18n } from '@/lib/ui/test-i18n';
import { defaultSettings, type Settings } from '../settings';
import { jobsItem } from '../storage';
import {
  announcedOn,
  createAnnouncer,
  eventMessage,
  finishStep,
  type SolveEvent,
  solveEvent,
} from './announce';
import { newJob } from './jobs';
import { createHarness, SITEKEY, sender, settle, widget } from './test-kit';

const ALL = { announce: { mode: 'all' as const, sites: [] } };
const FIXED = { polling: { firstDelayMs: 3000, intervalMs: 2500, timeoutMs: 120_000, adaptive: false } };
const steps = (h: ReturnType<typeof createHarness>) => h.announced.map((a) => a.event.step);
const onlyJob = async () => Object.values(await jobsItem.getValue())[0]!;

beforeEach(() => {
  fakeBrowser.reset();
  // An API error's message comes from the shipped catalogue (English here).
  installI18n();
});
afterEach(() => settle(60));

describe('solve events from the engine', () => {
  it('solved: detected → solving → solved, fields exact, one widget id, reporting frame', async () => {
    const h = createHarness({ solveMs: 5000, settings: { ...ALL, ...FIXED } });
    const t0 = h.clock.now();
    await h.solver.report(sender(), [widget('w1')]);
    await settle();
    await h.clock.advance(5500);
    await settle();
    const job = await onlyJob();
    const id = job.eventWidgetId!;
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(h.announced.map((a) => a.event)).toEqual<SolveEvent[]>([
      { v: 1, step: 'detected', widgetId: id, kind: 'recaptcha-v2', sitekey: SITEKEY, at: t0 },
      {
        v: 1,
        step: 'solving',
        widgetId: id,
        kind: 'recaptcha-v2',
        sitekey: SITEKEY,
        taskId: 'TASK1',
        cost: 0.003,
        costEstimated: true,
        durationMs: 0,
        at: t0,
      },
      {
        v: 1,
        step: 'solved',
        widgetId: id,
        kind: 'recaptcha-v2',
        sitekey: SITEKEY,
        taskId: 'TASK1',
        provider: 'Fake',
        cost: 0.002,
        durationMs: 5500,
        token: `tok-TASK1-${SITEKEY}`,
        at: t0 + 5500,
      },
    ]);
    expect(h.announced.every((a) => a.name === 'anysolver:captcha')).toBe(true);
    expect(h.announced[0]!.target).toEqual({
      tabId: 1,
      frameId: 0,
      documentId: undefined,
      origin: 'https://site.test',
    });
    // Nothing internal: neither the job's id nor its key (tab|frame|document|widget).
    expect(JSON.stringify(h.announced)).not.toContain(job.id);
    expect(JSON.stringify(h.announced.map((a) => a.event))).not.toContain('w1');
  });

  it('a failed widget: detected → solving → failed with the API error code, refunded', async () => {
    const h = createHarness({ solveMs: 60_000, settings: { ...ALL, ...FIXED } });
    h.api.script.push(h.api.failWith('DOMAIN_BANNED'));
    await h.solver.report(sender(), [widget('w1')]);
    await h.clock.advance(3000);
    await settle();
    expect(steps(h)).toEqual(['detected', 'solving', 'failed']);
    expect(h.announced[2]!.event).toMatchObject({
      taskId: 'TASK1',
      cost: 0,
      durationMs: 3000,
      error: { code: 'DOMAIN_BANNED', message: 'AnySolver refuses captchas from this site.' },
    });
    expect(h.announced[2]!.event.retrying).toBeUndefined();
  });

  it('unsolvable, solved once more: failed (retrying) → solving with a new task → failed', async () => {
    const h = createHarness({ solveMs: 60_000, settings: { ...ALL, ...FIXED } });
    h.api.script.push(h.api.failWith('CAPTCHA_UNSOLVABLE'), h.api.failWith('CAPTCHA_UNSOLVABLE'));
    await h.solver.report(sender(), [widget('w1')]);
    await h.clock.advance(3000);
    await settle();
    await h.clock.advance(3000);
    await settle();
    expect(
      h.announced.map((a) => [a.event.step, a.event.taskId, a.event.retrying, a.event.error?.code]),
    ).toEqual([
      ['detected', undefined, undefined, undefined],
      ['solving', 'TASK1', undefined, undefined],
      ['failed', 'TASK1', true, 'CAPTCHA_UNSOLVABLE'],
      ['solving', 'TASK2', undefined, undefined],
      ['failed', 'TASK2', undefined, 'CAPTCHA_UNSOLVABLE'],
    ]);
    expect(new Set(h.announced.map((a) => a.event.widgetId)).size).toBe(1);
  });

  it('a limit: detected → limited, its code and words (no site names), no task id, no cost', async () => {
    const h = createHarness({
      settings: { ...ALL, limits: { ...defaultSettings().limits, perTabPerMinute: 1 } },
    });
    await h.solver.report(sender(), [widget('w1'), widget('w2')]);
    await settle();
    const [a, b] = [...new Set(h.announced.map((x) => x.event.widgetId))];
    const of = (id: string | undefined) =>
      h.announced.filter((x) => x.event.widgetId === id).map((x) => x.event);
    expect(of(a).map((e) => e.step)).toEqual(['detected', 'solving']);
    const limited = of(b);
    expect(limited.map((e) => e.step)).toEqual(['detected', 'limited']);
    expect(limited[1]).toEqual({
      v: 1,
      step: 'limited',
      widgetId: b,
      kind: 'recaptcha-v2',
      sitekey: SITEKEY,
      error: {
        code: 'RATE_LIMITED_TAB',
        message: 'A per-tab rate limit of the extension stopped this captcha.',
      },
      at: h.clock.now(),
    });
  });

  it('manual mode: detected → limited (MANUAL_MODE); Solve pressed: solving → solved', async () => {
    const h = createHarness({ solveMs: 1000, settings: { ...ALL, autoSolve: false } });
    const [job] = await h.solver.report(sender(), [widget('w1')]);
    await settle();
    expect(h.announced.map((a) => [a.event.step, a.event.error?.code])).toEqual([
      ['detected', undefined],
      ['limited', 'MANUAL_MODE'],
    ]);
    await h.solver.solve(job!.id);
    await h.clock.advance(5000);
    await settle();
    expect(steps(h)).toEqual(['detected', 'limited', 'solving', 'solved']);
  });

  it("the page's token expired and is solved again: expired (retrying) → solving → solved", async () => {
    const h = createHarness({ solveMs: 1000, settings: ALL });
    await h.solver.report(sender(), [widget('w1')]);
    await h.clock.advance(5000);
    await h.solver.expired(1, 0, 'w1');
    await h.clock.advance(5000);
    await settle();
    expect(
      h.announced.map((a) => [a.event.step, a.event.taskId, a.event.error?.code, a.event.retrying]),
    ).toEqual([
      ['detected', undefined, undefined, undefined],
      ['solving', 'TASK1', undefined, undefined],
      ['solved', 'TASK1', undefined, undefined],
      ['expired', 'TASK1', 'TOKEN_EXPIRED', true],
      ['solving', 'TASK2', undefined, undefined],
      ['solved', 'TASK2', undefined, undefined],
    ]);
  });

  it('a user cancel ends with failed (CANCELLED); a page that navigated away gets nothing', async () => {
    const h = createHarness({ solveMs: 60_000, settings: ALL });
    const [job] = await h.solver.report(sender(1), [widget('w1')]);
    await h.solver.report(sender(2), [widget('w2')]);
    await settle();
    await h.solver.cancel(job!.id);
    await h.solver.onNavigated(2, 0);
    await settle();
    const ofTab = (tabId: number) =>
      h.announced.filter((a) => a.target.tabId === tabId).map((a) => [a.event.step, a.event.error?.code]);
    expect(ofTab(1)).toEqual([
      ['detected', undefined],
      ['solving', undefined],
      ['failed', 'CANCELLED'],
    ]);
    expect(ofTab(2)).toEqual([
      ['detected', undefined],
      ['solving', undefined],
    ]);
  });

  it("a vendor frame's widget (Turnstile, hCaptcha): events to the embedding frame, document", async () => {
    const h = createHarness({ solveMs: 1000, settings: ALL });
    const from = {
      tabId: 3,
      frameId: 7,
      documentId: 'DOC-VENDOR',
      frameUrl: 'https://site.test/login',
      pageFrameId: 2,
      pageDocumentId: 'DOC-PAGE',
    };
    await h.solver.report(from, [
      widget('turnstile:cf-chl-widget-1', { kind: 'turnstile', websiteKey: '0x4AAAAAAAImplicitKey01' }),
    ]);
    await h.clock.advance(5000);
    await settle();
    expect(steps(h)).toEqual(['detected', 'solving', 'solved']);
    for (const a of h.announced)
      expect(a.target).toEqual({ tabId: 3, frameId: 2, documentId: 'DOC-PAGE', origin: 'https://site.test' });
    expect(h.announced[2]!.event).toMatchObject({ kind: 'turnstile', sitekey: '0x4AAAAAAAImplicitKey01' });
  });

  it('off (the default): a whole solve and a failure dispatch nothing', async () => {
    const h = createHarness({
      solveMs: 1000,
      settings: { limits: { ...defaultSettings().limits, perTabPerMinute: 1 } },
    });
    await h.solver.report(sender(), [widget('w1'), widget('w2')]);
    await h.clock.advance(5000);
    await settle();
    expect((await onlyJob()).status).toBe('solved');
    expect(h.announced).toEqual([]);
  });

  it('a site list: only frames whose host matches get events', async () => {
    const listed = createHarness({
      solveMs: 1000,
      settings: { announce: { mode: 'list', sites: ['*.site.test'] } },
    });
    await listed.solver.report(sender(), [widget('w1')]);
    await listed.clock.advance(5000);
    await settle();
    expect(steps(listed)).toEqual(['detected', 'solving', 'solved']);
    fakeBrowser.reset();
    const other = createHarness({
      solveMs: 1000,
      settings: { announce: { mode: 'list', sites: ['shop.example'] } },
    });
    await other.solver.report(sender(), [widget('w1')]);
    await other.clock.advance(5000);
    await settle();
    expect(other.announced).toEqual([]);
  });
});

describe('the announcer', () => {
  const settings = (announce: Settings['announce']) => async () => ({ ...defaultSettings(), announce });
  const job = newJob('j1', sender(), 'https://site.test', widget('w1'), null, 1000);

  it("a job's events go in step order, however slow each; a failed one does not stop the next", async () => {
    const seen: string[] = [];
    const delays = [30, 0, 10];
    let n = 0;
    const announce = createAnnouncer({
      readSettings: settings({ mode: 'all', sites: [] }),
      now: () => 5,
      dispatch: async (_t, _name, detail) => {
        const i = n++;
        await new Promise((r) => setTimeout(r, delays[i]));
        seen.push(JSON.parse(detail).step);
        if (i === 0) throw new Error('frame gone');
      },
    });
    announce(job, 'detected');
    announce(job, 'solving');
    announce(job, 'solved');
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual(['detected', 'solving', 'solved']);
  });

  it('snapshots the job when the step happens, not when it is dispatched', async () => {
    const details: string[] = [];
    const announce = createAnnouncer({
      readSettings: settings({ mode: 'all', sites: [] }),
      now: () => 5,
      dispatch: async (_t, _n, d) => void details.push(d),
    });
    const j = { ...job, taskId: 'T1' };
    announce(j, 'solving');
    j.taskId = 'T2';
    await settle();
    expect(JSON.parse(details[0]!).taskId).toBe('T1');
  });

  it('off: never dispatches (no script goes into the page)', async () => {
    let calls = 0;
    const announce = createAnnouncer({
      readSettings: settings({ mode: 'off', sites: ['site.test'] }),
      now: () => 5,
      dispatch: async () => void calls++,
    });
    announce(job, 'detected');
    await settle();
    expect(calls).toBe(0);
  });
});

describe('payload and mapping', () => {
  it.each([
    ['off', [], 'https://site.test', false],
    ['all', [], 'https://anything.example', true],
    ['list', ['site.test'], 'https://site.test', true],
    ['list', ['*.site.test'], 'https://login.site.test', true],
    ['list', ['site.test'], 'https://login.site.test', false],
    ['list', [], 'https://site.test', false],
    ['list', ['site.test'], 'null', false],
  ] as const)('mode %s, sites %j, %s → %s', (mode, sites, origin, on) => {
    expect(announcedOn({ mode, sites: [...sites] }, origin)).toBe(on);
  });

  it.each([
    ['solved', undefined, 'solved'],
    ['expired', 'TOKEN_EXPIRED', 'expired'],
    ['failed', 'CAPTCHA_UNSOLVABLE', 'failed'],
    ['failed', 'DAILY_CAP_REACHED', 'limited'],
    ['failed', 'RATE_LIMITED_NO_GESTURE', 'limited'],
    ['undelivered', 'UNDELIVERED', 'failed'],
    ['cancelled', 'CANCELLED', 'failed'],
    ['polling', undefined, null],
    ['queued', undefined, null],
  ] as const)('a job finishing %s (%s) is announced as %s', (status, code, step) => {
    expect(finishStep(status, code)).toBe(step);
  });

  it("messages come from the code alone: known API codes in the user's words, unknown ones named", () => {
    expect(eventMessage('ERROR_ZERO_BALANCE')).toBe(
      'Your AnySolver balance is empty. Top up your account to keep solving.',
    );
    expect(eventMessage('RATE_LIMITED_EMBEDDED')).not.toMatch(/site\.test|embedded in \w/);
    expect(eventMessage('WHATEVER_CODE')).toBe('The captcha was not solved (WHATEVER_CODE).');
  });

  it("an image captcha's event has no sitekey; a token only on solved", () => {
    const img = newJob(
      'j2',
      sender(),
      'https://site.test',
      widget('img:1', { kind: 'image-text', websiteKey: '' }),
      null,
      1000,
    );
    expect(solveEvent(img, 'detected', { token: 'x' }, 1000)).toEqual({
      v: 1,
      step: 'detected',
      widgetId: 'j2',
      kind: 'image-text',
      at: 1000,
    });
  });
});
