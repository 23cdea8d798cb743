import { describe, expect, it } from 'vitest';
import type { DetectedWidget } from '@/lib/captcha/types';
import type { BackgroundToContent } from '@/lib/messaging';
import type { Job } from '@/lib/solver/jobs';
import { createImageFlow, type ImageFlowDeps } from './image-flow';

const PAIR = { img: '#cap', input: 'input[name="code"]' };
const WIDGET_ID = 'image:input[name="code"]';
const URL_ = 'https://site.test/form.html';

const job = (o: Partial<Job>): Job =>
  ({
    id: 'j1',
    tabId: 1,
    frameId: 0,
    status: 'detected',
    widget: { widgetId: WIDGET_ID, kind: 'image-text' },
    ...o,
  }) as Job;

/** Fakes for every dependency; `report` simulates the frame's widgets:found arriving after `reportAfter` polls. */
interface SetupOptions {
  reply?: unknown;
  jobs?: Job[];
  reportAfter?: number;
  stored?: unknown;
  frameUrl?: string | null;
  /** Runs while the frame handles image:capture (e.g. its report arriving meanwhile). */
  onCapture?: (flow: ReturnType<typeof createImageFlow>) => Promise<void>;
}

function setup(o: SetupOptions = {}) {
  const log: string[] = [];
  const sent: Array<[number, number, BackgroundToContent]> = [];
  let stored: unknown = o.stored ?? {};
  let polls = 0;
  const solved: string[] = [];
  const deps: ImageFlowDeps = {
    solver: {
      async tabJobs() {
        polls++;
        return polls > (o.reportAfter ?? 0) ? (o.jobs ?? [job({})]) : [];
      },
      async solve(id) {
        solved.push(id);
      },
    },
    inject: async (tab, frame) => void log.push(`inject ${tab}/${frame}`),
    send: async (tab, frame, m) => {
      sent.push([tab, frame, m]);
      if (m.type === 'image:capture') await o.onCapture?.(flow);
      return m.type === 'image:capture' ? (o.reply ?? { ok: true, pair: PAIR, widgetId: WIDGET_ID }) : true;
    },
    frame: async () => (o.frameUrl === null ? null : { url: o.frameUrl ?? URL_, documentId: 'D1' }),
    pairs: {
      getValue: async () => stored,
      setValue: async (v) => {
        stored = v;
      },
    },
    fetchImage: async (url) => (url.includes('good') ? 'data:image/png;base64,AAAA' : null),
    sleep: async () => undefined,
  };
  const flow = createImageFlow(deps);
  return { flow, log, sent, solved, stored: () => stored, polls: () => polls };
}

describe('image flow (background)', () => {
  it('menu solve: injects, captures, stores the pair per origin, waits for the report and solves a held job', async () => {
    const t = setup({ reportAfter: 3 });
    expect(await t.flow.solveImage(1, 0, 'https://site.test/c.png')).toEqual({ ok: true, jobId: 'j1' });
    expect(t.log).toEqual(['inject 1/0']);
    expect(t.sent).toEqual([[1, 0, { type: 'image:capture', srcUrl: 'https://site.test/c.png' }]]);
    expect(t.stored()).toEqual({ 'https://site.test': [PAIR] });
    expect(t.polls()).toBe(4);
    expect(t.solved).toEqual(['j1']);
  });

  it('an already queued job (auto-solve applied) is not solved twice', async () => {
    const t = setup({ jobs: [job({ status: 'queued' })] });
    expect(await t.flow.solveImage(1, 0, 'https://site.test/c.png')).toMatchObject({ ok: true });
    expect(t.solved).toEqual([]);
  });

  it('ignores jobs of another frame or document', async () => {
    const t = setup({
      jobs: [
        job({ frameId: 2 }),
        job({ id: 'old', documentId: 'D0' }),
        job({ id: 'mine', documentId: 'D1' }),
      ],
    });
    expect(await t.flow.solveImage(1, 0, 'https://site.test/c.png')).toEqual({ ok: true, jobId: 'mine' });
  });

  it.each([
    ['the frame has no web page', { frameUrl: 'chrome://newtab/' }, /web pages/],
    ['the frame is gone', { frameUrl: null }, /web pages/],
    ['no image', { reply: { ok: false, error: 'no-image' } }, /not found/],
    ['no answer field', { reply: { ok: false, error: 'no-field' } }, /No answer field/],
    ['a malformed reply', { reply: { ok: true, pair: { img: '' }, widgetId: 'x' } }, /did not answer/],
    ['no report ever', { reportAfter: Number.POSITIVE_INFINITY }, /could not be read/],
  ])('fails with a user message when %s', async (_name, o, message) => {
    const t = setup(o as SetupOptions);
    const reply = await t.flow.solveImage(1, 0, 'https://site.test/c.png');
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(message) });
    expect(t.solved).toEqual([]);
  });

  it('next visit: a frame of a marked origin gets its pairs; other origins and schemes get nothing', async () => {
    const t = setup({ stored: { 'https://site.test': [PAIR] } });
    await t.flow.onFrameLoaded(4, 2, 'https://site.test/other/page?x=1');
    await t.flow.onFrameLoaded(4, 3, 'https://elsewhere.test/');
    await t.flow.onFrameLoaded(4, 0, 'about:blank');
    expect(t.log).toEqual(['inject 4/2']);
    expect(t.sent).toEqual([[4, 2, { type: 'image:pairs', pairs: [PAIR] }]]);
  });

  const widget = (src: string, extra: Partial<DetectedWidget> = {}): DetectedWidget => ({
    widgetId: WIDGET_ID,
    kind: 'image-text',
    websiteKey: '',
    extra: { src },
    ...extra,
  });

  it('fetches a cross-origin image for a marked site only, and only when the page could not read it', async () => {
    const marked = setup({ stored: { 'https://site.test': [PAIR] } });
    const ws = [
      widget('https://cdn.test/good.png'),
      widget('https://cdn.test/bad'),
      widget('x', { imageBase64: 'data:image/png;base64,B' }),
    ];
    const out = await marked.flow.completeWidgets(1, 0, URL_, ws);
    expect(out.map((w) => w.imageBase64)).toEqual([
      'data:image/png;base64,AAAA',
      undefined,
      'data:image/png;base64,B',
    ]);

    const unmarked = setup();
    expect(await unmarked.flow.completeWidgets(1, 0, URL_, [widget('https://cdn.test/good.png')])).toEqual([
      widget('https://cdn.test/good.png'),
    ]);
  });

  it('fetches for a frame whose capture is in progress (its report can arrive before the pair is stored)', async () => {
    let during: DetectedWidget[] = [];
    const t = setup({
      onCapture: async (flow) => {
        during = await flow.completeWidgets(1, 0, URL_, [widget('https://cdn.test/good.png')]);
      },
    });
    await t.flow.solveImage(1, 0, 'https://site.test/c.png');
    expect(during[0]?.imageBase64).toBe('data:image/png;base64,AAAA');
    // Once the capture is over, an unmarked frame gets no fetch again.
    const after = await t.flow.completeWidgets(1, 0, 'https://other.test/', [
      widget('https://cdn.test/good.png'),
    ]);
    expect(after[0]?.imageBase64).toBeUndefined();
  });
});
