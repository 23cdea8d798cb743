import { execFileSync } from 'node:child_process';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '@/lib/settings';
import { curlCommand, requestJson, timeline, whyNotSolved, widgetParams } from './detector-view';
import { job, T0 } from './fixtures';
import { t } from './i18n';
import { installI18n } from './test-i18n';
import type { DetectorJob, DetectorState, Job } from './types';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});

const state = (
  over: Partial<DetectorState> = {},
  settings: Partial<DetectorState['settings']> = {},
): DetectorState => {
  const { autoSolve, autoSolveKinds, limits, sites, polling, routing } = defaultSettings();
  return {
    jobs: [],
    endpoint: 'https://api.anysolver.com',
    settings: { autoSolve, autoSolveKinds, limits, sites, polling, routing, ...settings },
    pausedSites: [],
    cap: { capUsd: 1, spentToday: 0, reached: false },
    accountBlock: null,
    hasKey: true,
    ...over,
  };
};
const item = (over: Partial<Job> = {}): DetectorJob => ({
  job: job(over),
  request: { ok: true, body: { clientKey: '<redacted>', task: { type: 'X' } } },
});
const why = (over: Partial<Job>, s = state()) => whyNotSolved(t, item(over), s);

describe('curlCommand', () => {
  it('runs in a POSIX shell as the same body, key from $ANYSOLVER_KEY, whatever quotes the page used', () => {
    const body = {
      clientKey: '<redacted>',
      task: {
        type: 'ReCaptchaV2TokenProxyLess',
        websiteURL: 'https://a.test/?q=1&x=2',
        websiteKey: '6Le',
        pageTitle: `It's "quoted" $HOME \`id\` '"'"' \\ clientKey`,
      },
      selectionMode: 'autoFastest',
    };
    const command = curlCommand('https://api.anysolver.com', body);
    expect(
      command.startsWith(
        "curl -X POST 'https://api.anysolver.com/createTask' -H 'content-type: application/json' -d '",
      ),
    ).toBe(true);
    // A stand-in `curl` that prints its -d argument: what the shell would hand to the real one.
    const printD =
      'curl() { while [ $# -gt 0 ]; do if [ "$1" = -d ]; then printf %s "$2"; fi; shift; done; }';
    const out = execFileSync('sh', ['-c', `${printD}\n${command}`], {
      env: { ANYSOLVER_KEY: 'my_key.123', PATH: process.env.PATH },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ ...body, clientKey: 'my_key.123' });
    expect(command).not.toContain('<redacted>');
  });

  it('requestJson is the body as the client serializes it', () => {
    const body = { clientKey: '<redacted>', task: { type: 'T', websiteKey: 'k' } };
    expect(requestJson(body)).toBe('{"clientKey":"<redacted>","task":{"type":"T","websiteKey":"k"}}');
  });
});

describe('timeline', () => {
  it('numbers the kept polls as the engine counted them, saying earlier ones were dropped', () => {
    const steps = timeline(
      t,
      job({ status: 'polling', taskCreatedAt: T0 + 50, polls: 23, pollTimes: [T0 + 60_000, T0 + 62_500] }),
    );
    expect(steps.map((s) => s.label)).toEqual(['Detected', 'Task created', 'Poll 22', 'Poll 23']);
    expect(steps[2]!.detail).toBe('21 earlier polls not kept');
  });

  it('a job only detected has one step; one that ended says how', () => {
    expect(timeline(t, job()).map((s) => s.label)).toEqual(['Detected']);
    const ended = timeline(
      t,
      job({ status: 'cancelled', finishedAt: T0 + 9000, errorMessage: 'The tab was closed.' }),
    );
    expect(ended.at(-1)).toEqual({ label: 'Ended: Cancelled', at: T0 + 9000, detail: 'The tab was closed.' });
  });
});

describe('widgetParams', () => {
  it('shows the fields a widget has: action, enterprise payload, invisible and bound', () => {
    const rows = Object.fromEntries(
      widgetParams(t, {
        job: job({
          kind: 'recaptcha-v3-enterprise',
          widget: {
            widgetId: 'recaptcha:act:0:1',
            kind: 'recaptcha-v3-enterprise',
            websiteKey: '6Le',
            action: 'login',
            enterprisePayload: { s: 'S-PAYLOAD' },
            apiDomain: 'recaptcha.net',
          },
          gesture: true,
        }),
        request: { ok: false, reason: 'x' },
      }),
    );
    expect(rows).toMatchObject({
      Action: 'login',
      'Enterprise payload (s)': 'S-PAYLOAD',
      'API domain': 'recaptcha.net',
      Invisible: 'yes',
      'Bound to a click': 'yes',
      'Reported after a click': 'yes',
    });
    expect(rows.cData).toBeUndefined();
  });
});

describe('whyNotSolved', () => {
  it.each([
    ['RATE_LIMITED_SITE', 'Site limit: 30 tasks an hour on shop.example.'],
    ['RATE_LIMITED_TAB', 'Tab limit: 6 tasks a minute from shop.example in this tab.'],
    ['RATE_LIMITED_EMBEDDED', 'Embedded-frame limit: 30 tasks an hour in frames embedded in shop.example.'],
    [
      'RATE_LIMITED_NO_GESTURE',
      'Unasked limit: 10 tasks an hour on shop.example without a click. ' +
        'Click the captcha or press Solve now.',
    ],
    ['DAILY_CAP_REACHED', 'Daily spend cap of $1.00 reached.'],
  ])('a job stopped by %s names the limit and Options → limits', (errorCode, reason) => {
    expect(why({ status: 'failed', errorCode, errorMessage: 'engine words' })).toEqual({
      reason,
      setting: 'Options → Spending and rate limits',
      detail: 'engine words',
    });
  });

  it('a held job names the rule that holds it now and where to change it', () => {
    expect(why({ status: 'detected' }, state({}, { autoSolve: false }))).toEqual({
      reason: 'Manual mode: automatic solving is off. Press Solve now.',
      setting: 'Popup → Solve captchas automatically',
    });
    const kinds = { ...defaultSettings().autoSolveKinds, 'recaptcha-v2': false };
    expect(why({ status: 'detected' }, state({}, { autoSolveKinds: kinds }))?.setting).toBe(
      'Options → Solving → Solve automatically',
    );
    expect(why({ status: 'detected' }, state({ pausedSites: ['https://shop.example'] }))).toEqual({
      reason: 'Solving is paused on shop.example.',
      setting: 'Popup → Pause on this site',
    });
    expect(why({ status: 'detected' }, state({}, { sites: { allow: [], deny: ['*.example'] } }))).toEqual({
      reason: 'A site rule skips shop.example.',
      setting: 'Options → Site rules',
    });
    expect(why({ status: 'detected', note: 'Manual mode: press Solve.' })?.reason).toBe(
      'It was held when found (Manual mode: press Solve.) and waits for Solve now.',
    );
  });

  it('queued: the account, the cap, else a free slot', () => {
    expect(
      why(
        { status: 'queued' },
        state({ accountBlock: { code: 'ERROR_ZERO_BALANCE', message: 'Your balance is empty.' } }),
      ),
    ).toEqual({ reason: 'The account was refused: Your balance is empty.', setting: 'Options → Account' });
    expect(
      why({ status: 'queued' }, state({ cap: { capUsd: 1, spentToday: 1, reached: true } }))?.reason,
    ).toBe('Daily spend cap of $1.00 reached.');
    expect(why({ status: 'queued' })?.reason).toBe(
      'Waiting for a free slot: at most 4 tasks run at once, and one site may hold only half of them.',
    );
    expect(why({ status: 'queued' }, state({ hasKey: false }))?.reason).toBe('No client key is saved.');
  });

  it('other endings: the account, the polling timeout, an API error; nothing for a solved job', () => {
    expect(
      why({
        status: 'failed',
        errorCode: 'ERROR_KEY_DOES_NOT_EXIST',
        errorMessage: 'The client key does not exist.',
      })?.setting,
    ).toBe('Options → Account');
    expect(why({ status: 'failed', errorCode: 'POLL_TIMEOUT' })).toEqual({
      reason: 'No result within 120 s.',
      setting: 'Options → Polling',
    });
    expect(
      why({ status: 'failed', errorCode: 'ERROR_CAPTCHA_UNSOLVABLE', errorMessage: 'Unsolvable.' }),
    ).toEqual({ reason: 'It failed: Unsolvable.', setting: null });
    expect(why({ status: 'solved' })).toBeNull();
    expect(why({ status: 'polling' })?.reason).toBe('It is being solved now.');
  });
});
