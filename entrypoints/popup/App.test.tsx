// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Notice } from '@/lib/notice';
import { fakePopupStorage } from '@/lib/ui/fake-popup-storage';
import { fakeSend } from '@/lib/ui/fake-send';
import { job, record, T0, totals } from '@/lib/ui/fixtures';
import { createPopupState } from '@/lib/ui/popup-state';
import { expectControlsNamedAndTabbable } from '@/lib/ui/test-a11y';
import { installI18n } from '@/lib/ui/test-i18n';
import type { HistoryRecord, Job } from '@/lib/ui/types';
import { App } from './App';

interface MountOptions {
  hasKey?: boolean;
  jobs?: Job[];
  history?: HistoryRecord[];
  now?: number;
  accountBlock?: { code: string; notice?: Notice; message?: string };
  totals?: Partial<ReturnType<typeof totals>>;
  cap?: { capUsd: number; spentToday: number; reached: boolean; notice?: Notice };
}

function mount(opts: MountOptions = {}) {
  // The background stores a key only when getBalance accepts it.
  let hasKey = opts.hasKey !== false;
  const send = fakeSend({
    'key:status': () => (hasKey ? { hasKey: true, masked: 'anys…demo' } : { hasKey: false }),
    'balance:get': () => ({ ok: true, balance: 4.5, at: T0 }),
    'tab:state': () => ({
      jobs: opts.jobs ?? [],
      totals: totals({ today: 0.012, successRate: 0.9, ...opts.totals }),
      cap: opts.cap,
      pausedSites: [],
      accountBlock: opts.accountBlock,
    }),
    'key:save': (m) => {
      if (m.key !== 'anysolver_good_key') {
        return {
          ok: false,
          notice: { key: 'err_ERROR_KEY_DOES_NOT_EXIST' },
          code: 'ERROR_KEY_DOES_NOT_EXIST',
        };
      }
      hasKey = true;
      return { ok: true, balance: 3, at: T0 };
    },
    solve: () => undefined,
    'job:cancel': () => undefined,
    'site:pause': () => ({ ok: true }),
  });
  const storage = fakePopupStorage({ history: opts.history ?? [] });
  const state = createPopupState({
    send,
    storage,
    now: () => opts.now ?? T0,
    tab: async () => ({ id: 7, origin: 'https://shop.example' }),
    every: () => () => undefined,
  });
  const onOpenOptions = vi.fn();
  render(<App state={state} onOpenOptions={onOpenOptions} />);
  state.start();
  return { send, state, onOpenOptions };
}

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

describe('popup, first run', () => {
  it('welcomes and asks for the client key', async () => {
    mount({ hasKey: false });
    expect(await screen.findByRole('heading', { name: 'Welcome to AnySolver' })).toBeTruthy();
    const field = screen.getByLabelText('Client key') as HTMLInputElement;
    expect(field.type).toBe('password');
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy();
  });

  it('shows the API error in words for a wrong key, marking the field invalid', async () => {
    const { send } = mount({ hasKey: false });
    fireEvent.input(await screen.findByLabelText('Client key'), { target: { value: 'anysolver_wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your AnySolver client key was not recognised. Check it in the options page.',
    );
    expect(screen.getByLabelText('Client key').getAttribute('aria-invalid')).toBe('true');
    expect(send.sent).toContainEqual({ type: 'key:save', key: 'anysolver_wrong' });
  });

  it('saves a good key by pressing Enter in the field, then shows the balance', async () => {
    mount({ hasKey: false });
    const field = await screen.findByLabelText('Client key');
    fireEvent.input(field, { target: { value: 'anysolver_good_key' } });
    fireEvent.submit(field.closest('form')!);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Balance' })).toBeTruthy());
    expect(screen.queryByLabelText('Client key')).toBeNull();
  });

  it('shows and hides the key with a toggle button', async () => {
    mount({ hasKey: false });
    const toggle = await screen.findByRole('button', { name: 'Show' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect((screen.getByLabelText('Client key') as HTMLInputElement).type).toBe('text');
    expect(screen.getByRole('button', { name: 'Hide' }).getAttribute('aria-pressed')).toBe('true');
  });
});

describe('popup with a key', () => {
  it('shows the balance, today’s spend and the success rate', async () => {
    mount();
    expect(await screen.findByText('$4.50')).toBeTruthy();
    expect(screen.getByText('Spent today').nextElementSibling?.textContent).toBe('$0.012');
    expect(screen.getByText('Success rate').nextElementSibling?.textContent).toBe('90%');
  });

  it.each([
    ['Detected — waiting', job({ status: 'detected' }), ['Solve']],
    [
      'Detected — Auto-solve is off for this site or captcha type.',
      job({ status: 'detected', notice: { key: 'note_off' } }),
      ['Solve'],
    ],
    // A job stored before notices: its English note is shown as it is.
    ['Detected — Auto-solve is off.', job({ status: 'detected', note: 'Auto-solve is off.' }), ['Solve']],
    ['Queued', job({ status: 'queued' }), ['Cancel']],
    ['Solving… 12 s', job({ status: 'polling', taskCreatedAt: T0 - 12_400 }), ['Cancel']],
    ['Solving… 0 s', job({ status: 'creating' }), ['Cancel']],
    ['Solved — $0.0012', job({ status: 'solved', cost: 0.0012 }), []],
    [
      'Failed: The captcha could not be solved (you were not charged). Trying once more.',
      job({ status: 'failed', errorNotice: { key: 'err_CAPTCHA_UNSOLVABLE', also: 'note_tryingOnceMore' } }),
      ['Solve'],
    ],
    [
      'Failed: More than 1,000 captchas an hour on shop.example: stopped to protect your balance (Options ' +
        '→ Limits).',
      job({
        status: 'failed',
        errorNotice: { key: 'err_RATE_LIMITED_SITE', params: [1000, 'shop.example'] },
      }),
      ['Solve'],
    ],
    [
      'Failed: AnySolver refused the task (NEW_CODE).',
      job({ status: 'failed', errorNotice: { key: 'err_refused', params: ['NEW_CODE'] } }),
      ['Solve'],
    ],
    // Stored before notices: the English words; an unknown key falls back to them too.
    [
      'Failed: The captcha could not be solved.',
      job({ status: 'failed', errorMessage: 'The captcha could not be solved.' }),
      ['Solve'],
    ],
    [
      'Failed: Old words.',
      job({ status: 'failed', errorNotice: { key: 'err_gone_since' }, errorMessage: 'Old words.' }),
      ['Solve'],
    ],
    ['Failed: TASK_TIMEOUT', job({ status: 'failed', errorCode: 'TASK_TIMEOUT' }), ['Solve']],
    ['Token expired', job({ status: 'expired' }), ['Solve']],
    ['Cancelled', job({ status: 'cancelled' }), ['Solve']],
    ['Solved, but the page was gone', job({ status: 'undelivered' }), ['Solve']],
  ] as const)('lists a job reading "%s" with its kind and actions', async (words, j, buttons) => {
    mount({ jobs: [j] });
    const section = await screen.findByRole('region', { name: 'Captchas on this page' });
    await within(section).findByText('reCAPTCHA v2');
    expect(within(section).getByText(words)).toBeTruthy();
    const item = within(section).getByText('reCAPTCHA v2').closest('li')!;
    expect(
      within(item)
        .queryAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(buttons);
  });

  it('offers "Solve all" and sends it for this tab', async () => {
    const { send } = mount({ jobs: [job({ id: 'a' }), job({ id: 'b', kind: 'hcaptcha' })] });
    fireEvent.click(await screen.findByRole('button', { name: 'Solve all' }));
    await waitFor(() => expect(send.sent).toContainEqual({ type: 'solve', tabId: 7 }));
  });

  it('names each Solve button by its captcha', async () => {
    mount({ jobs: [job({ id: 'a', kind: 'turnstile' })] });
    const button = await screen.findByRole('button', { name: 'Solve' });
    const describedBy = button.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy)?.textContent).toBe('Cloudflare Turnstile');
  });

  it('says so when the page has no captcha and there is no history', async () => {
    mount();
    expect(await screen.findByText('No captchas detected on this page.')).toBeTruthy();
    expect(screen.getByText('No tasks yet.')).toBeTruthy();
  });

  it('lists recent tasks with site, kind, status and cost', async () => {
    mount({
      history: [record({ origin: 'https://forum.example', kind: 'hcaptcha', status: 'failed', cost: 0.002 })],
    });
    const section = await screen.findByRole('region', { name: 'Recent tasks' });
    const item = await within(section).findByText('forum.example');
    const row = item.closest('li')!;
    expect(within(row).getByText('hCaptcha')).toBeTruthy();
    expect(within(row).getByText('Failed')).toBeTruthy();
    expect(within(row).getByText('$0.002, paid, not delivered')).toBeTruthy();
  });

  it('shows the badge state in the header', async () => {
    mount({ jobs: [job({ id: 'a', status: 'polling' }), job({ id: 'b', status: 'queued' })] });
    expect((await screen.findByText('Solving 2')).getAttribute('role')).toBe('status');
  });

  it('toggles auto-solve and pause with the keyboard (Space on a focused switch)', async () => {
    const { send, state } = mount();
    const auto = (await screen.findByRole('switch', {
      name: 'Solve captchas automatically',
    })) as HTMLInputElement;
    const pause = screen.getByRole('switch', { name: 'Pause on this site' }) as HTMLInputElement;
    expect(auto.checked).toBe(true);
    // Native checkboxes toggle on Space: the browser turns the key into a click, which is what we fire.
    auto.focus();
    expect(document.activeElement).toBe(auto);
    fireEvent.click(auto);
    await waitFor(() => expect(state.autoSolve.value).toBe(false));
    fireEvent.click(pause);
    await waitFor(() =>
      expect(send.sent).toContainEqual({ type: 'site:pause', origin: 'https://shop.example', paused: true }),
    );
  });

  it('shows an account block in words with the error badge', async () => {
    mount({ accountBlock: { code: 'ERROR_ZERO_BALANCE', notice: { key: 'err_ERROR_ZERO_BALANCE' } } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your AnySolver balance is empty. Top up your account to keep solving.',
    );
    expect(screen.getByRole('status').textContent).toBe('Needs attention');
  });

  it('opens the options page from its link', async () => {
    const { onOpenOptions } = mount();
    fireEvent.click(await screen.findByRole('link', { name: 'Open settings' }));
    expect(onOpenOptions).toHaveBeenCalledOnce();
  });

  it('gives every control an accessible name and keeps it in the tab order', async () => {
    mount({ jobs: [job({ status: 'failed' })], history: [record()] });
    await screen.findByText('$4.50');
    expectControlsNamedAndTabbable(4);
  });
});

describe('popup, paid but not delivered', () => {
  it('shows what was paid for tasks never delivered, the cap, and that it is reached', async () => {
    mount({
      totals: { today: 0.0096, notDeliveredToday: 0.0096 },
      cap: {
        capUsd: 0.01,
        spentToday: 0.0096,
        reached: true,
        notice: { key: 'err_DAILY_CAP_REACHED', params: [{ usd: 0.01 }] },
      },
      jobs: [
        job({ id: 'c1', status: 'cancelled', createStartedAt: T0, estimate: 0.003, taskId: 't1' }),
        job({
          id: 'c2',
          status: 'undelivered',
          createStartedAt: T0,
          estimate: 0.003,
          cost: 0.0012,
          taskId: 't2',
        }),
        job({ id: 'c3', status: 'cancelled' }),
      ],
    });
    expect(
      await screen.findByText('Daily cap reached: no new task starts today (Options → Limits).'),
    ).toBeTruthy();
    const totalsList = document.querySelector('.totals') as HTMLElement;
    expect(within(totalsList).getByText('Paid, not delivered').nextElementSibling?.textContent).toBe(
      '$0.0096',
    );
    expect(within(totalsList).getByText('$0.0096 of $0.01')).toBeTruthy();
    // A cancelled task that reached the API says what it was counted at; one that never did, nothing more.
    expect(screen.getByText('Cancelled — paid ≈ $0.003, not delivered')).toBeTruthy();
    expect(screen.getByText('Solved, but the page was gone — paid $0.0012, not delivered')).toBeTruthy();
    expect(screen.getByText('Cancelled')).toBeTruthy();
  });
});
