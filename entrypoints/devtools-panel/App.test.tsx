// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '@/lib/settings';
import { createDetectorState, panelTabId } from '@/lib/ui/detector-state';
import { fakeSend } from '@/lib/ui/fake-send';
import { job, T0 } from '@/lib/ui/fixtures';
import { t } from '@/lib/ui/i18n';
import { expectControlsNamedAndTabbable } from '@/lib/ui/test-a11y';
import { installI18n } from '@/lib/ui/test-i18n';
import type { DetectorJob, DetectorState } from '@/lib/ui/types';
import { App } from './App';

const SITEKEY = '6LeFirstSiteKey000000000000000000000000';
const task = {
  type: 'ReCaptchaV2TokenProxyLess',
  websiteURL: 'https://shop.example/login',
  websiteKey: SITEKEY,
  pageTitle: "Bob's shop",
};
const body = { clientKey: '<redacted>', task };

/** A solved reCAPTCHA v2 (two polls) and a second one stopped by the per-tab limit. */
const solved: DetectorJob = {
  job: job({
    id: 'solved',
    status: 'solved',
    widget: { widgetId: 'recaptcha:0', kind: 'recaptcha-v2', websiteKey: SITEKEY, visible: true },
    queuedAt: T0,
    createStartedAt: T0 + 10,
    taskCreatedAt: T0 + 60,
    taskId: 'task-1',
    taskType: 'ReCaptchaV2TokenProxyLess',
    polls: 2,
    pollTimes: [T0 + 3060, T0 + 5560],
    readyAt: T0 + 5560,
    filledAt: T0 + 5600,
    finishedAt: T0 + 5600,
    provider: 'Sandbox',
    cost: 0.0012,
  }),
  request: { ok: true, body },
};
const limitMessage =
  'More than 1 captchas a minute from this site in this tab: stopped to protect your balance (Options → ' +
  'Limits).';
const limited: DetectorJob = {
  job: job({
    id: 'limited',
    status: 'failed',
    frameId: 3,
    frameUrl: 'https://shop.example/frame',
    widget: { widgetId: 'recaptcha:1', kind: 'recaptcha-v2', websiteKey: '6LeSecond' },
    queuedAt: T0,
    finishedAt: T0 + 20,
    errorCode: 'RATE_LIMITED_TAB',
    errorMessage: limitMessage,
  }),
  request: { ok: true, body: { clientKey: '<redacted>', task: { ...task, websiteKey: '6LeSecond' } } },
};

const limits = {
  dailySpendCapUsd: 1,
  maxConcurrent: 4,
  perTabPerMinute: 1,
  perSitePerHour: 30,
  perSiteNoGesturePerHour: 10,
};
const detectorState = (jobs: DetectorJob[]): DetectorState => {
  const { autoSolve, autoSolveKinds, sites, polling, routing } = defaultSettings();
  return {
    jobs,
    endpoint: 'http://127.0.0.1:8787',
    settings: { autoSolve, autoSolveKinds, limits, sites, polling, routing },
    pausedSites: [],
    cap: { capUsd: 1, spentToday: 0.0012, reached: false },
    accountBlock: null,
    hasKey: true,
  };
};

function mount(
  opts: { jobs?: DetectorJob[]; tabId?: number | null; copy?: (text: string) => Promise<void> } = {},
) {
  let jobs = opts.jobs ?? [solved, limited];
  const send = fakeSend({ 'detector:state': () => detectorState(jobs), solve: () => undefined });
  const listeners = new Set<() => void>();
  const copy = vi.fn(opts.copy ?? (async () => undefined));
  const store = createDetectorState({
    send,
    tabId: opts.tabId === undefined ? 7 : opts.tabId,
    onChanged(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    copy,
    t,
    now: () => T0 + 6000,
    every: () => () => undefined,
  });
  render(<App store={store} />);
  const stop = store.start();
  return {
    send,
    copy,
    stop,
    listeners,
    /** The engine wrote to storage: the panel hears it as the browser would tell it. */
    change(next: DetectorJob[]) {
      jobs = next;
      for (const l of listeners) l();
    },
  };
}

const card = async (sitekey: string) => (await screen.findByText(sitekey)).closest('article')!;
const timelineOf = (article: HTMLElement) =>
  within(within(article).getByRole('region', { name: 'Timeline' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

describe('the DevTools detector panel', () => {
  it('lists every widget of the tab with its parameters and its timeline', async () => {
    const { send } = mount();
    const first = await card(SITEKEY);
    expect(send.sent[0]).toEqual({ type: 'detector:state', tabId: 7 });
    expect(within(first).getByRole('heading', { level: 2 }).textContent).toBe('reCAPTCHA v2');
    expect(within(first).getByText('Solved — $0.0012')).toBeTruthy();
    const params = Object.fromEntries(
      within(first)
        .getAllByRole('term')
        .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    expect(params).toMatchObject({
      Kind: 'reCAPTCHA v2',
      Sitekey: SITEKEY,
      Frame: 'https://shop.example/login (frame 0)',
      Invisible: 'no',
      'Bound to a click': 'no',
      'Task type': 'ReCaptchaV2TokenProxyLess',
      'Task id': 'task-1',
      Provider: 'Sandbox',
      Cost: '$0.0012',
    });
    expect(timelineOf(first)).toEqual([
      '+0.0 s Detected',
      '+0.0 s Queued to solve',
      '+0.0 s createTask sent',
      '+0.1 s Task created — task-1',
      '+3.1 s Poll 1',
      '+5.6 s Poll 2',
      '+5.6 s Ready — by Sandbox',
      "+5.6 s Filled — the token reached the widget; whether the site's callback ran is not reported to " +
        'the extension',
    ]);
    const second = await card('6LeSecond');
    expect(within(second).getByText(`Failed: ${limitMessage}`)).toBeTruthy();
    expect(timelineOf(second)).toEqual([
      '+0.0 s Detected',
      '+0.0 s Queued to solve',
      `+0.0 s Ended: Failed — ${limitMessage}`,
    ]);
    expect(within(second).getByText('https://shop.example/frame (frame 3)')).toBeTruthy();
  });

  it('says why the limited widget was not solved, and under which setting', async () => {
    mount();
    const first = await card(SITEKEY);
    // A solved widget has nothing to explain.
    expect(within(first).queryByRole('button', { name: 'Why not solved?' })).toBeNull();
    const second = await card('6LeSecond');
    const why = within(second).getByRole('button', { name: 'Why not solved?' });
    expect(why.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(why);
    const note = within(second).getByRole('note');
    expect(why.getAttribute('aria-expanded')).toBe('true');
    expect([...note.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'Tab limit: 1 tasks a minute from shop.example in this tab.',
      'Setting: Options → Spending and rate limits',
      limitMessage,
    ]);
  });

  it('copies the createTask body exactly, "<redacted>" key, and a curl reading $ANYSOLVER_KEY', async () => {
    const { copy } = mount();
    const first = await card(SITEKEY);
    fireEvent.click(within(first).getByRole('button', { name: 'Copy createTask JSON' }));
    await waitFor(() => expect(copy).toHaveBeenCalledTimes(1));
    expect(copy.mock.calls[0]![0]).toBe(
      '{"clientKey":"<redacted>","task":{"type":"ReCaptchaV2TokenProxyLess",' +
        `"websiteURL":"https://shop.example/login","websiteKey":"${SITEKEY}","pageTitle":"Bob's shop"}}`,
    );
    expect((await screen.findByRole('status')).textContent).toBe(
      'Copied the createTask JSON (client key redacted).',
    );
    fireEvent.click(within(first).getByRole('button', { name: 'Copy curl' }));
    await waitFor(() => expect(copy).toHaveBeenCalledTimes(2));
    expect(copy.mock.calls[1]![0]).toBe(
      `curl -X POST 'http://127.0.0.1:8787/createTask' -H 'content-type: application/json' -d ` +
        `'{"clientKey":"'"$ANYSOLVER_KEY"'","task":{"type":"ReCaptchaV2TokenProxyLess",` +
        `"websiteURL":"https://shop.example/login","websiteKey":"${SITEKEY}","pageTitle":"Bob'\\''s shop"}}'`,
    );
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Copied the curl command (it reads your key from $ANYSOLVER_KEY).',
      ),
    );
  });

  it('says so when the browser refuses to copy', async () => {
    mount({ copy: async () => Promise.reject(new Error('denied')) });
    fireEvent.click(within(await card(SITEKEY)).getByRole('button', { name: 'Copy createTask JSON' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('The browser refused to copy.'));
  });

  it('"Solve now" sends the popup’s solve message for that job; disabled once solved', async () => {
    const { send } = mount();
    const first = await card(SITEKEY);
    expect((within(first).getByRole('button', { name: 'Solve now' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    fireEvent.click(within(await card('6LeSecond')).getByRole('button', { name: 'Solve now' }));
    await waitFor(() => expect(send.sent).toContainEqual({ type: 'solve', tabId: 7, jobId: 'limited' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Solve requested.'));
  });

  it('follows the engine live: a storage change shows the new step', async () => {
    const polling: DetectorJob = {
      ...solved,
      job: {
        ...solved.job,
        status: 'polling',
        polls: 1,
        pollTimes: [T0 + 3060],
        readyAt: undefined,
        filledAt: undefined,
        finishedAt: undefined,
      },
    };
    const { change, send, stop, listeners } = mount({ jobs: [polling] });
    expect(timelineOf(await card(SITEKEY)).at(-1)).toBe('+3.1 s Poll 1');
    change([solved]);
    await waitFor(async () => expect(timelineOf(await card(SITEKEY)).at(-1)).toMatch(/^\+5\.6 s Filled/));
    expect(send.sent.filter((m) => m.type === 'detector:state').length).toBeGreaterThanOrEqual(2);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('has named, tabbable controls', async () => {
    mount();
    await card(SITEKEY);
    expectControlsNamedAndTabbable(6);
  });

  it('without a tab says how to open it, and asks the background nothing', async () => {
    const { send } = mount({ tabId: null });
    expect(await screen.findByText(/Open this panel from DevTools/)).toBeTruthy();
    expect(send.sent).toEqual([]);
  });

  it('disables the copy buttons, saying why, when no request can be built', async () => {
    mount({
      jobs: [
        {
          job: job({
            id: 'fc',
            kind: 'funcaptcha',
            widget: { widgetId: 'fc', kind: 'funcaptcha', websiteKey: 'PK' },
          }),
          request: { ok: false, reason: 'unsupported' },
        },
      ],
    });
    const article = await card('PK');
    expect(
      (within(article).getByRole('button', { name: 'Copy createTask JSON' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(within(article).getByText('No request: this captcha type is not sent to AnySolver.')).toBeTruthy();
    fireEvent.click(within(article).getByRole('button', { name: 'Why not solved?' }));
    expect(within(article).getByRole('note').textContent).toBe(
      'Arkose FunCaptcha is detected but not solvable through AnySolver yet.',
    );
  });
});

describe('panelTabId', () => {
  it.each([
    ['?tabId=12', undefined, 12],
    ['?tabId=12', 5, 12],
    ['', 5, 5],
    ['', 0, 0],
    ['?tabId=abc', undefined, null],
    ['', undefined, null],
  ])('%s with inspected %s → %s', (search, inspected, expected) => {
    expect(panelTabId(search, inspected)).toBe(expected);
  });
});
