// The real-vendor cases in Firefox ESR: each fixture page of e2e/real/pages runs the vendors' REAL scripts
// (the vendor corpus, through the Firefox rig's TLS proxy: ff-real-rig.ts), first in a Firefox WITHOUT the
// extension (what the site renders on its own), then in one WITH the built Firefox MV3 extension. The two
// renders must show the same frames, response fields, window globals and vendor `in` results; with the
// extension the sandbox must get the createTask, and the token must reach the page's fields, its callback
// and its form post. Last, the documentId case: a frame whose document is replaced while its task runs
// must never get the token. Detect/fill times go to the summary (summary-reporter.ts).
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inAnyFrame } from '../../firefox/rig.mjs';
import { RIG_LIMITS, until } from '../../rig.mjs';
import { diffSnapshots } from '../real-rig';
import {
  ALT,
  extensionEventNames,
  launchRealFirefox,
  observed,
  type RealFirefox,
  SITE,
  type Snapshot,
  skipReason,
  snapshot,
} from './ff-real-rig';

const skip = skipReason();
if (skip) console.warn(skip);

const SOLVE_MS = 1000;
/** The documentId case's task: long enough to replace the frame's document before it is ready. */
const SLOW_SOLVE_MS = 10_000;
const RENDER_MS = 15_000;
const SETTLE_MS = 1000;
const TASK_MS = 10_000;
const TOKEN_MS = SOLVE_MS + 15_000;
/** An invisible widget must not get a task before the click: how long we watch for one. */
const EARLY_TASK_MS = 4000;

const KEYS = {
  checkbox: '6LcRealV2Checkbox00000000000000000000001',
  bound: '6LcRealV2InvisibleBound00000000000000005',
  implicit: '0x4AAAAAAARealImplicit01',
  compat: '0x4AAAAAAARealCompat0003',
  crossOrigin: '6LcRealV2CrossOrigin00000000000000000011',
};

const RECAPTCHA = /\/recaptcha\/(api2|enterprise)\/anchor\?/;
const TURNSTILE = /challenges\.cloudflare\.com\/cdn-cgi\/challenge-platform\//;

/** The createTask fields this suite asserts (others, e.g. pageTitle, are not). */
const KNOWN = ['type', 'websiteURL', 'websiteKey', 'isInvisible', 'pageAction', 'data', 'enterprisePayload'];
const known = (t: Record<string, unknown>) =>
  Object.fromEntries(KNOWN.filter((k) => k in t).map((k) => [k, t[k]]));

type Meta = NonNullable<import('vitest').TaskMeta['real']>;
type Ctx = { task: { meta: import('vitest').TaskMeta } };

interface SandboxTask {
  taskId: string;
  task: { websiteKey?: string };
  createdAt: number;
  readyAt: number;
  token: string;
}
interface SandboxRequest {
  at: number;
  path: string;
  body?: { taskId?: string; task?: { websiteKey?: string } };
  reply?: { status?: string };
}

const frameCount = (page: Page, re: RegExp) => page.frames().filter((f) => re.test(f.url())).length;

/** Every value of the fields named `name` (document and open shadow roots). */
const fieldValues = (target: Page | Frame, name: string) =>
  target.evaluate((n: string) => {
    const out: string[] = [];
    const walk = (r: Document | ShadowRoot) => {
      for (const el of r.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(`[name="${n}"]`))
        out.push(el.value);
      for (const el of r.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return out;
  }, name);

const calls = (target: Page | Frame) =>
  target.evaluate(() => (window as unknown as { __calls?: string[] }).__calls ?? []);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skip)('Firefox ESR: real vendor scripts', () => {
  let bare: RealFirefox;
  let ext: RealFirefox;

  const sandboxTask = (key: string): SandboxTask | undefined => {
    for (const t of ext.h.sandbox.tasks.values() as Iterable<SandboxTask>)
      if (String(t.task.websiteKey).trim() === key) return t;
    return undefined;
  };
  const requests = () => ext.h.sandbox.requests as SandboxRequest[];
  const createdAt = (key: string) =>
    requests().find((r) => r.path === '/createTask' && String(r.body?.task?.websiteKey).trim() === key)?.at;
  /** When the extension's poll got the task ready (the sandbox's clock). */
  const polledReadyAt = (key: string) => {
    const id = sandboxTask(key)?.taskId;
    return requests().find(
      (r) => r.path === '/getTaskResult' && r.body?.taskId === id && r.reply?.status === 'ready',
    )?.at;
  };
  const tasksFor = (key: string) =>
    ext.h.createdTasks().filter((b) => String(b.task?.websiteKey).trim() === key);
  beforeAll(async () => {
    const eventNames = extensionEventNames();
    bare = await launchRealFirefox({ extension: false, eventNames });
    ext = await launchRealFirefox({
      extension: true,
      eventNames,
      sandbox: {
        solveMs: (t: { websiteKey?: string }) =>
          String(t.websiteKey).trim() === KEYS.crossOrigin ? SLOW_SOLVE_MS : SOLVE_MS,
      },
      settings: { limits: RIG_LIMITS },
    });
  });
  afterAll(async () => {
    await bare?.close();
    await ext?.close();
  });

  /** Wait (without throwing) for `count` frames matching `re`, then let the page settle. */
  const rendered = async (page: Page, re: RegExp, timeoutMs: number, count = 1) => {
    const ok = await until(() => frameCount(page, re) >= count, timeoutMs, 'render').then(
      () => true,
      () => false,
    );
    await sleep(SETTLE_MS);
    return ok;
  };

  const renderWithout = async (path: string, re: RegExp): Promise<{ snap: Snapshot; renderMs: number }> => {
    const start = Date.now();
    const page = await bare.open(path);
    const ok = await rendered(page, re, RENDER_MS);
    const renderMs = Date.now() - start - SETTLE_MS;
    const snap = await snapshot(page);
    const lines = bare.consoleOf(page);
    await page.close();
    if (!ok)
      throw new Error(
        `rig: without the extension ${path} rendered no ${re} frame; console: ${lines.join(' | ')}; ` +
          `unanswered: ${bare.unanswered.join(', ')}`,
      );
    return { snap, renderMs };
  };

  /** What went on, for a failure: console, frames, requests served and dropped, tasks, jobs. */
  const diagnostics = async (page: Page) => {
    const frames = page.isClosed() ? [] : page.frames().map((f) => f.url().slice(0, 160));
    const jobs = await ext.h.storage('jobs').catch((e: Error) => `unreadable: ${e.message}`);
    const served = ext.h.proxy.log
      .filter((e) => e.method !== 'CONNECT')
      .slice(-40)
      .map((e) => `${e.status} ${e.method} ${e.url.slice(0, 120)}`);
    return [
      `console: ${JSON.stringify(ext.consoleOf(page))}`,
      `frames: ${JSON.stringify(frames)}`,
      `proxy (last 40): ${JSON.stringify(served)}`,
      `unanswered: ${JSON.stringify(ext.unanswered)}`,
      `tasks created: ${JSON.stringify(ext.h.createdTasks().map((b) => b.task))}`,
      `jobs: ${JSON.stringify(jobs)}`,
    ];
  };

  /** One case: render without, then with the extension; compare; run `body` on the extension's page. */
  const runCase = async (
    ctx: Ctx,
    path: string,
    re: RegExp,
    body: (page: Page, meta: Meta, compare: (label: string) => Promise<void>) => Promise<void>,
  ) => {
    const meta: Meta = { notes: [], renderDiffs: [] };
    ctx.task.meta.real = meta;
    ext.posts.length = 0;
    const { snap: without, renderMs } = await renderWithout(path, re);
    const page = await ext.open(path);
    const compare = async (label: string) => {
      const diff = diffSnapshots(without, await snapshot(page));
      for (const d of diff) if (!meta.renderDiffs!.includes(d)) meta.renderDiffs!.push(d);
      expect.soft(diff, `the site renders the same with the extension (${label})`).toEqual([]);
    };
    try {
      const ok = await rendered(page, re, Math.max(6000, 3 * renderMs));
      await compare('after render');
      if (!ok) throw new Error(`with the extension the vendor rendered no ${re} frame`);
      await body(page, meta, compare);
    } catch (e) {
      meta.solveError = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      const info = await diagnostics(page).catch((d: Error) => [`diagnostics failed: ${d.message}`]);
      if (e instanceof Error) e.message += `\n  ${info.join('\n  ')}`;
      throw e;
    } finally {
      if (!page.isClosed()) await Promise.race([page.close(), sleep(5000)]);
    }
  };

  const taskFor = (key: string, timeoutMs = TASK_MS) =>
    until(() => tasksFor(key)[0]?.task, timeoutMs, `a createTask for ${key}`);

  /** Detect: the page's DOMContentLoaded → createTask at the sandbox. */
  const detectMs = async (target: Page | Frame, key: string) => {
    const o = await observed(target);
    const at = createdAt(key);
    return at !== undefined && o.dcl ? Math.round(at - o.dcl) : undefined;
  };
  /** Fill: the sandbox's ready time → the first value in the field (the page observer's record). */
  const fillMs = async (target: Page | Frame, key: string, field: string) => {
    const o = await observed(target);
    const filled = Object.entries(o.filled).find(([k]) => k.startsWith(`${field}#`))?.[1];
    const ready = sandboxTask(key)?.readyAt;
    return filled && ready ? Math.round(filled.at - ready) : undefined;
  };

  const submitAndPost = async (target: Page | Frame) => {
    const before = ext.posts.length;
    await target.click('#go');
    return until(() => ext.posts[before], 10_000, 'the form post');
  };

  /** Checkbox-like widgets: task, token in the field(s), callback, vendor getResponse, then the post. */
  const checkboxFlow = async (
    target: Page | Frame,
    meta: Meta,
    o: { key: string; task: Record<string, unknown>; fields: string[]; getResponse: string },
    compare: (label: string) => Promise<void>,
  ) => {
    const task = await taskFor(o.key);
    meta.detectMs = await detectMs(target, o.key);
    expect(known(task)).toEqual(o.task);
    const token = await until(() => sandboxTask(o.key)?.token, 1000, 'the sandbox task');
    const first = o.fields[0]!;
    await until(
      async () => (await fieldValues(target, first)).includes(token),
      TOKEN_MS,
      `the token in ${first}`,
    );
    meta.fillMs = await fillMs(target, o.key, first);
    const polled = polledReadyAt(o.key);
    const filledAt = Object.entries((await observed(target)).filled).find(([k]) =>
      k.startsWith(`${first}#`),
    )?.[1]?.at;
    if (polled && filledAt)
      meta.notes!.push(`poll answered ready → field: ${Math.round(filledAt - polled)} ms`);
    for (const f of o.fields) expect(await fieldValues(target, f), `${f} holds the token`).toEqual([token]);
    await until(async () => (await calls(target)).length > 0, 5000, 'the callback').catch(() => {});
    expect(await calls(target), 'the callback was called once with the token').toEqual([token]);
    expect(
      await target.evaluate((expr: string) => String(new Function(`return ${expr}`)()), o.getResponse),
    ).toBe(token);
    await compare('after solving');
    const post = await submitAndPost(target);
    for (const f of o.fields) expect(post.fields[f], `the post carries ${f}`).toBe(token);
    expect(tasksFor(o.key), 'one task').toHaveLength(1);
  };

  const url = (path: string) => `${SITE}/${path}`;

  it('reCAPTCHA v2 checkbox, auto-rendered (dotted data-callback)', async (ctx) => {
    await runCase(ctx, 'v2-checkbox.html', RECAPTCHA, (page, meta, compare) =>
      checkboxFlow(
        page,
        meta,
        {
          key: KEYS.checkbox,
          task: {
            type: 'ReCaptchaV2TokenProxyLess',
            websiteURL: url('v2-checkbox.html'),
            websiteKey: KEYS.checkbox,
          },
          fields: ['g-recaptcha-response'],
          getResponse: 'grecaptcha.getResponse()',
        },
        compare,
      ),
    );
  });

  it('reCAPTCHA v2 invisible, bound button: no task before the click, then the token', async (ctx) => {
    const key = KEYS.bound;
    await runCase(ctx, 'v2-invisible-bound.html', RECAPTCHA, async (page, meta, compare) => {
      const early = await taskFor(key, EARLY_TASK_MS).catch(() => undefined);
      expect(early, 'a task before the click').toBeUndefined();
      expect(ext.posts, 'the form was posted before the click').toEqual([]);
      expect(await calls(page), 'the callback ran before the click').toEqual([]);
      await compare('before the click');
      const before = ext.posts.length;
      const clickAt = Date.now();
      await page.click('#go');
      const task = await taskFor(key);
      meta.detectMs = Math.round(createdAt(key)! - clickAt);
      meta.notes!.push('detect measured from the click');
      expect(known(task)).toEqual({
        type: 'ReCaptchaV2TokenProxyLess',
        websiteURL: url('v2-invisible-bound.html'),
        websiteKey: key,
        isInvisible: true,
      });
      const token = await until(() => sandboxTask(key)?.token, 1000, 'the sandbox task');
      const post = await until(() => ext.posts[before], TOKEN_MS, 'the form post after the click');
      const readyAt = sandboxTask(key)!.readyAt;
      meta.fillMs = Math.round(post.at - Math.max(readyAt, clickAt));
      meta.notes!.push('fill measured at the post (the callback submits the form at once)');
      const polled = polledReadyAt(key);
      if (polled) meta.notes!.push(`poll answered ready → post: ${Math.round(post.at - polled)} ms`);
      expect(post.url).toBe(url('__post'));
      expect(post.fields['g-recaptcha-response'], 'the post carries g-recaptcha-response').toBe(token);
      expect(post.fields.callback_token, 'the callback was called with the token').toBe(token);
      expect(post.fields.email).toBe('bob@example.test');
      expect(tasksFor(key), 'one task').toHaveLength(1);
    });
  });

  it('Turnstile implicit (closed shadow root, dotted data-callback)', async (ctx) => {
    await runCase(ctx, 'turnstile-implicit.html', TURNSTILE, (page, meta, compare) =>
      checkboxFlow(
        page,
        meta,
        {
          key: KEYS.implicit,
          task: {
            type: 'TurnstileTokenProxyLess',
            websiteURL: url('turnstile-implicit.html'),
            websiteKey: KEYS.implicit,
          },
          fields: ['cf-turnstile-response'],
          getResponse: 'turnstile.getResponse()',
        },
        compare,
      ),
    );
  });

  it('Turnstile compat=recaptcha: both response fields, callback, solved as Turnstile', async (ctx) => {
    await runCase(ctx, 'turnstile-compat.html', TURNSTILE, async (page, meta, compare) => {
      await checkboxFlow(
        page,
        meta,
        {
          key: KEYS.compat,
          task: {
            type: 'TurnstileTokenProxyLess',
            websiteURL: url('turnstile-compat.html'),
            websiteKey: KEYS.compat,
          },
          fields: ['cf-turnstile-response', 'g-recaptcha-response'],
          getResponse: 'window.grecaptcha === window.turnstile && grecaptcha.getResponse()',
        },
        compare,
      );
      expect(
        ext.h
          .createdTasks()
          .filter((b) => b.task?.websiteURL === url('turnstile-compat.html'))
          .map((b) => b.task?.type),
      ).toEqual(['TurnstileTokenProxyLess']);
    });
  });

  /** The sandbox's tasks for a sitekey, in creation order. */
  const sandboxTasks = (key: string): SandboxTask[] =>
    [...(ext.h.sandbox.tasks.values() as Iterable<SandboxTask>)]
      .filter((t) => String(t.task.websiteKey).trim() === key)
      .sort((a, b) => a.createdAt - b.createdAt);
  /** Where a job ended: its status in `jobs` once it is not active, else its history record (by task id). */
  const outcome = async (taskId: string) => {
    // biome-ignore lint/suspicious/noExplicitAny: read raw from storage
    const jobs = Object.values((await ext.h.storage('jobs')) ?? {}) as any[];
    const job = jobs.find((j) => j.taskId === taskId);
    // biome-ignore lint/suspicious/noExplicitAny: read raw from storage
    const record = (((await ext.h.storage('history')) ?? []) as any[]).find((r) => r.taskId === taskId);
    const active = job && ['queued', 'creating', 'polling'].includes(job.status);
    return {
      job,
      record,
      status: (active ? undefined : (job?.status ?? record?.status)) as string | undefined,
      filledAt: job?.filledAt as number | undefined,
      why: job?.errorCode ? `${job.errorCode}: ${job.errorMessage}` : undefined,
    };
  };

  /**
   * The documentId setup: cross-origin.html's frame (other.test/framed-login.html, reCAPTCHA v2, a slow
   * task) reports its widget (`before`: the sandbox's tasks for its sitekey before the page opened); once the
   * task runs and its job is pinned to the frame's document, the top page navigates the frame to
   * `replacedUrl` (same frame, a new document) before the token is ready.
   */
  const replaceMidTask = async (page: Page, meta: Meta, replacedUrl: string, before: number) => {
    const key = KEYS.crossOrigin;
    const frameUrl = `${ALT}/framed-login.html`;
    const frame = await until(
      () => page.frames().find((f) => f.url() === frameUrl),
      5000,
      'the cross-origin frame',
    );
    const st = await until(() => sandboxTasks(key)[before], TASK_MS, `a createTask for ${key}`);
    const dcl = (await observed(frame)).dcl;
    meta.detectMs = dcl ? Math.round(st.createdAt - dcl) : undefined;
    expect(known(st.task as Record<string, unknown>)).toEqual({
      type: 'ReCaptchaV2TokenProxyLess',
      websiteURL: frameUrl,
      websiteKey: key,
    });
    const job = await until(async () => (await outcome(st.taskId)).job, 5000, 'the job polling the task');
    expect(job.documentId, 'the job is pinned to a document').toMatch(/^[0-9a-f-]{36}$/);
    const navAt = Date.now();
    await page.evaluate((u: string) => {
      (document.getElementById('child') as HTMLIFrameElement).src = u;
    }, replacedUrl);
    const replaced = await until(
      () => page.frames().find((f) => f.url() === replacedUrl),
      10_000,
      'the replaced document',
    );
    await until(
      () => replaced.evaluate(() => document.readyState === 'complete').catch(() => false),
      10_000,
      'the replaced document to load',
    );
    const loadedAt = Date.now();
    expect(loadedAt, 'replaced before the token was ready').toBeLessThan(st.readyAt);
    meta.notes!.push(
      `frame replaced ${navAt - st.createdAt} ms after createTask, loaded ${st.readyAt - loadedAt} ms ` +
        `before ready`,
    );
    return { st, replaced };
  };

  /** Wait until the old task's job has ended (after its ready time and the next polls), and note how. */
  const endOf = async (meta: Meta, st: SandboxTask) => {
    await until(() => Date.now() > st.readyAt + 6000, SLOW_SOLVE_MS + 10_000, 'ready + 6 s');
    const end = await until(
      async () => {
        const o = await outcome(st.taskId);
        return o.status ? o : undefined;
      },
      20_000,
      'the job to end',
    ).catch(() => outcome(st.taskId));
    meta.notes!.push(`old job ${end.status ?? 'still active'}${end.why ? ` (${end.why})` : ''}`);
    const polled = requests().find(
      (r) => r.path === '/getTaskResult' && r.body?.taskId === st.taskId && r.reply?.status === 'ready',
    )?.at;
    meta.notes!.push(
      polled
        ? `the extension polled the old task ready ${polled - st.readyAt} ms after ready`
        : 'the extension never polled the old task ready',
    );
    return end;
  };

  it('documentId: a frame whose document is replaced mid-task never receives the token', async (ctx) => {
    const replacedUrl = `${ALT}/__replaced.html`;
    const before = sandboxTasks(KEYS.crossOrigin).length;
    await runCase(ctx, 'cross-origin.html', RECAPTCHA, async (page, meta) => {
      const { st, replaced } = await replaceMidTask(page, meta, replacedUrl, before);
      const end = await endOf(meta, st);
      expect(await fieldValues(replaced, 'g-recaptcha-response'), 'the new document got no token').toEqual([
        '',
      ]);
      expect(await fieldValues(replaced, 'cf-turnstile-response')).toEqual(['']);
      expect((await observed(replaced)).filled, 'nothing was ever filled in the new document').toEqual({});
      expect(await inAnyFrame(page, st.token), 'the token appears in no frame of the tab').toBe(false);
      expect(end.status, 'the job ends undelivered or cancelled').toMatch(/^(undelivered|cancelled)$/);
      expect(end.filledAt, 'the job was never filled').toBeUndefined();
      if (end.record) expect(end.record.status).toMatch(/^(undelivered|cancelled)$/);
      expect(sandboxTasks(KEYS.crossOrigin).length - before, 'no task for the new document').toBe(1);
    });
  });

  it('documentId: replaced by a document with the same widget: only its own token', async (ctx) => {
    // The strongest form: the new document has the same widget (same frame, same widget id, same sitekey),
    // so a delivery by frame id alone would land there. It must get its own task's token, never the old one.
    const replacedUrl = `${ALT}/framed-login.html?again=1`;
    const before = sandboxTasks(KEYS.crossOrigin).length;
    await runCase(ctx, 'cross-origin.html', RECAPTCHA, async (page, meta) => {
      const { st, replaced } = await replaceMidTask(page, meta, replacedUrl, before);
      const second = await until(
        () => sandboxTasks(KEYS.crossOrigin)[before + 1],
        TASK_MS,
        'the new document’s own task',
      );
      expect(second.task).toMatchObject({ websiteURL: replacedUrl });
      const end = await endOf(meta, st);
      expect(end.status, 'the old job ends undelivered or cancelled').toMatch(/^(undelivered|cancelled)$/);
      expect(end.filledAt, 'the old job was never filled').toBeUndefined();
      await until(
        async () => (await fieldValues(replaced, 'g-recaptcha-response')).includes(second.token),
        SLOW_SOLVE_MS + 15_000,
        'the new task’s token in the new document',
      );
      const o = await observed(replaced);
      expect(
        Object.values(o.filled).map((f) => f.value),
        'the first value the new document held',
      ).toEqual([second.token]);
      expect(await calls(replaced), 'its callback got only its own token').toEqual([second.token]);
      expect(await inAnyFrame(page, st.token), 'the old token appears in no frame of the tab').toBe(false);
      expect((await outcome(second.taskId)).status).toBe('solved');
    });
  });
});
