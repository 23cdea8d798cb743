import { describe, expect, it } from 'vitest';
import type { BackgroundToContent } from '@/lib/messaging';
import type { Job } from '@/lib/solver/jobs';
import { inWords } from '@/lib/ui/test-i18n';
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

/**
 * Fakes for every dependency; `report` simulates the frame's widgets:found arriving after `reportAfter`
 * polls.
 */
interface SetupOptions {
  reply?: unknown;
  jobs?: Job[];
  reportAfter?: number;
  stored?: unknown;
  frameUrl?: string | null;
  /** Runs while the frame handles image:capture (e.g. its report arriving meanwhile). */
  onCapture?: (flow: ReturnType<typeof createImageFlow>) => Promise<void>;
  /** The frame's reply to image:locate. */
  locate?: unknown;
  /** The tab as tabs.get reports it (null: unknown). */
  tab?: { active: boolean; windowId: number } | null;
  shot?: string | null;
}

function setup(o: SetupOptions = {}) {
  const log: string[] = [];
  const sent: Array<[number, number, BackgroundToContent]> = [];
  let stored: unknown = o.stored ?? {};
  let polls = 0;
  const solved: string[] = [];
  const fetches: Array<[string, RequestCredentials]> = [];
  const shots: number[] = [];
  let fetchedKeys: string[] = [];
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
      if (m.type === 'image:locate') return o.locate ?? { ok: false };
      return m.type === 'image:capture' ? (o.reply ?? { ok: true, pair: PAIR, widgetId: WIDGET_ID }) : true;
    },
    frame: async () => (o.frameUrl === null ? null : { url: o.frameUrl ?? URL_, documentId: 'D1' }),
    pairs: {
      getValue: async () => stored,
      setValue: async (v) => {
        stored = v;
      },
    },
    fetchImage: async (url, credentials) => {
      fetches.push([url, credentials]);
      return url.includes('good') ? 'data:image/png;base64,AAAA' : null;
    },
    tab: async () => (o.tab === undefined ? { active: true, windowId: 3 } : o.tab),
    captureVisible: async (windowId) => {
      shots.push(windowId);
      return o.shot === undefined ? 'data:image/png;base64,SHOT' : o.shot;
    },
    crop: async (shot, rect) => `${shot}|${rect.x},${rect.y},${rect.width},${rect.height}`,
    fetched: {
      getValue: async () => fetchedKeys,
      setValue: async (v) => {
        fetchedKeys = v;
      },
    },
    sleep: async () => undefined,
  };
  const flow = createImageFlow(deps);
  return { flow, log, sent, solved, fetches, shots, stored: () => stored, polls: () => polls };
}

describe('image flow (background)', () => {
  it('menu solve: injects, captures, stores the pair per origin, solves the held job', async () => {
    const t = setup({ reportAfter: 3 });
    expect(await t.flow.solveImage(1, 0, 'https://site.test/c.png')).toEqual({ ok: true, jobId: 'j1' });
    expect(t.log).toEqual(['inject 1/0']);
    expect(t.sent).toEqual([[1, 0, { type: 'image:capture', srcUrl: 'https://site.test/c.png' }]]);
    // The URL pattern comes from the browser's srcUrl: origin and path.
    expect(t.stored()).toEqual({ 'https://site.test': [{ ...PAIR, src: 'https://site.test/c.png' }] });
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
    expect(inWords(reply)).toMatchObject({
      ok: false,
      notice: { key: expect.any(String) },
      message: expect.stringMatching(message),
    });
    expect(t.solved).toEqual([]);
  });

  it('next visit: a frame of a marked origin gets its pairs; other origins and schemes none', async () => {
    const t = setup({ stored: { 'https://site.test': [PAIR] } });
    await t.flow.onFrameLoaded(4, 2, 'https://site.test/other/page?x=1');
    await t.flow.onFrameLoaded(4, 3, 'https://elsewhere.test/');
    await t.flow.onFrameLoaded(4, 0, 'about:blank');
    expect(t.log).toEqual(['inject 4/2']);
    expect(t.sent).toEqual([[4, 2, { type: 'image:pairs', pairs: [PAIR] }]]);
  });

  const MARKED = { 'https://site.test': [{ ...PAIR, src: 'https://cdn.test/good.png' }] };
  const at = (src: string, over: Record<string, unknown> = {}) => ({
    ok: true,
    src,
    rect: { x: 10, y: 20, width: 120, height: 40 },
    viewport: { width: 1000, height: 800 },
    unobstructed: true,
    ...over,
  });
  const imageJob = (over: Partial<Job> = {}) =>
    job({
      status: 'creating',
      origin: 'https://site.test',
      frameUrl: URL_,
      site: 'site.test',
      topSite: 'site.test',
      documentId: 'D1',
      kind: 'image-text',
      ...over,
    });

  it('prepare: the page’s own pixels first; no fetch, no screenshot', async () => {
    const t = setup({
      stored: MARKED,
      locate: at('https://cdn.test/good.png?r=2', { data: 'data:image/png;base64,OWN' }),
    });
    expect(await t.flow.prepare(imageJob())).toEqual({ ok: true, imageBase64: 'data:image/png;base64,OWN' });
    expect([t.fetches, t.shots]).toEqual([[], []]);
    expect(t.sent.at(-1)).toEqual([1, 0, { type: 'image:locate', widgetId: WIDGET_ID }]);
  });

  it('prepare: a cross-origin image on screen is read from the screen, cropped to its box', async () => {
    const t = setup({ stored: MARKED, locate: at('https://cdn.test/good.png?r=2') });
    expect(await t.flow.prepare(imageJob())).toEqual({
      ok: true,
      imageBase64: 'data:image/png;base64,SHOT|10,20,120,40',
    });
    expect(t.shots).toEqual([3]);
    expect(t.fetches).toEqual([]);
  });

  it.each([
    [
      'covered (a frame over it)',
      { locate: at('https://cdn.test/good.png?r=3', { unobstructed: false }) },
      {},
    ],
    ['in a background tab', { tab: { active: false, windowId: 3 } }, {}],
    ['in a subframe', {}, { frameId: 4 }],
    ['when the screenshot fails', { shot: null }, {}],
  ])(
    'prepare: %s, the marked URL is fetched once per page load, without cookies cross-site',
    async (_n, o, over) => {
      const t = setup({ stored: MARKED, locate: at('https://cdn.test/good.png?r=3'), ...o });
      expect(await t.flow.prepare(imageJob(over))).toEqual({
        ok: true,
        imageBase64: 'data:image/png;base64,AAAA',
        fetched: true,
      });
      expect(t.fetches).toEqual([['https://cdn.test/good.png?r=3', 'omit']]);
      expect(await t.flow.prepare(imageJob(over))).toMatchObject({ ok: false, code: 'IMAGE_FETCHED_ONCE' });
      expect(t.fetches).toHaveLength(1);
      // The next page load (a new document) may fetch again.
      expect(await t.flow.prepare(imageJob({ ...over, documentId: 'D2' }))).toMatchObject({
        ok: true,
        fetched: true,
      });
    },
  );

  it('prepare: cookies only for a same-site image on a top-level page', async () => {
    const same = { 'https://site.test': [{ ...PAIR, src: 'https://img.site.test/good.png' }] };
    const t = setup({ stored: same, locate: at('https://img.site.test/good.png', { unobstructed: false }) });
    await t.flow.prepare(imageJob());
    await t.flow.prepare(imageJob({ documentId: 'D3', frameId: 2, topSite: 'evil.test' }));
    expect(t.fetches.map((f) => f[1])).toEqual(['include', 'omit']);
  });

  it.each([
    [
      'an image URL that changed since the mark',
      MARKED,
      at('https://victim.test/inbox.png'),
      'IMAGE_CHANGED',
    ],
    [
      'a pair stored before URLs were remembered',
      { 'https://site.test': [PAIR] },
      at('https://cdn.test/good.png'),
      'IMAGE_MARK_AGAIN',
    ],
    [
      'a private address on a public page',
      { 'https://site.test': [{ ...PAIR, src: 'http://192.168.0.1/good.png' }] },
      at('http://192.168.0.1/good.png', { unobstructed: false }),
      'IMAGE_NOT_FETCHED',
    ],
    ['the image gone', MARKED, { ok: false }, 'IMAGE_GONE'],
    ['a malformed reply', MARKED, { ok: true, src: 5 }, 'IMAGE_GONE'],
  ])('prepare refuses %s: nothing read, nothing fetched', async (_n, stored, locate, code) => {
    const t = setup({ stored, locate });
    expect(await t.flow.prepare(imageJob())).toMatchObject({
      ok: false,
      code,
      notice: { key: `err_${code}` },
    });
    expect([t.fetches, t.shots]).toEqual([[], []]);
  });

  it('prepare: other kinds, and images the page already read, pass untouched', async () => {
    const t = setup({ stored: MARKED });
    expect(await t.flow.prepare(imageJob({ kind: 'recaptcha-v2' }))).toEqual({ ok: true });
    const own = imageJob({
      widget: {
        widgetId: WIDGET_ID,
        kind: 'image-text',
        websiteKey: '',
        imageBase64: 'data:image/png;base64,X',
      },
    });
    expect(await t.flow.prepare(own)).toEqual({ ok: true });
    expect(t.sent).toEqual([]);
  });
});
