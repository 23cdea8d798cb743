// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings, type Settings, settingsSchema } from '@/lib/settings';
import { CSV_COLUMNS } from '@/lib/ui/export';
import { fakeSend } from '@/lib/ui/fake-send';
import { record, T0 } from '@/lib/ui/fixtures';
import { createOptionsState, type ExportFile } from '@/lib/ui/options-state';
import { exportSettings } from '@/lib/ui/settings-io';
import { expectControlsNamedAndTabbable } from '@/lib/ui/test-a11y';
import { installI18n } from '@/lib/ui/test-i18n';
import type { HistoryRecord } from '@/lib/ui/types';
import { App } from './App';

function mount(opts: { hasKey?: boolean; history?: HistoryRecord[] } = {}) {
  let settings: Settings = defaultSettings();
  let history = opts.history ?? [];
  let hasKey = opts.hasKey ?? true;
  const watchers = new Set<() => void>();
  const send = fakeSend({
    'key:status': () => (hasKey ? { hasKey: true, masked: 'anys…demo' } : { hasKey: false }),
    'balance:get': () => ({ ok: true, balance: 4.5, at: T0 }),
    'key:save': (m) => {
      if (m.key !== 'anysolver_good_key')
        return { ok: false, notice: { key: 'err_ERROR_KEY_DOES_NOT_EXIST' } };
      hasKey = true;
      if (m.endpoint) settings = { ...settings, endpoint: m.endpoint };
      return { ok: true, balance: 3.25, at: T0 };
    },
    'key:clear': () => {
      hasKey = false;
      return { ok: true };
    },
    'history:clear': () => {
      history = [];
    },
    'data:clearAll': () => {
      hasKey = false;
      history = [];
      settings = defaultSettings();
      return { ok: true };
    },
  });
  const update = vi.fn(async (patch: Partial<Settings>) => {
    settings = settingsSchema.parse({ ...settings, ...patch });
    return settings;
  });
  const state = createOptionsState({
    send,
    settings: {
      read: async () => settings,
      update,
      watch: (cb) => {
        watchers.add(cb);
        return () => watchers.delete(cb);
      },
    },
    history: { read: async () => history, watch: () => () => undefined },
    readKey: async () => 'anysolver_good_key',
    now: () => T0 + 3600_000,
  });
  const downloads: ExportFile[] = [];
  render(<App state={state} download={(f) => downloads.push(f)} />);
  state.start();
  return { send, update, downloads, state, settings: () => settings };
}

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

describe('options: account', () => {
  it('has the exact labels and saves key and endpoint, showing the balance', async () => {
    const { send } = mount({ hasKey: false });
    const key = await screen.findByLabelText('Client key');
    const endpoint = screen.getByLabelText('API endpoint') as HTMLInputElement;
    expect(endpoint.value).toBe('https://api.anysolver.com');
    fireEvent.input(key, { target: { value: 'anysolver_good_key' } });
    fireEvent.input(endpoint, { target: { value: 'http://127.0.0.1:9999' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('$3.25')).toBeTruthy();
    expect(send.sent).toContainEqual({
      type: 'key:save',
      key: 'anysolver_good_key',
      endpoint: 'http://127.0.0.1:9999',
    });
  });

  it('shows the API error in words for a wrong key', async () => {
    mount({ hasKey: false });
    fireEvent.input(await screen.findByLabelText('Client key'), { target: { value: 'anysolver_nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your AnySolver client key was not recognised. Check it in the options page.',
    );
  });

  it('masks the key with a show/hide toggle', async () => {
    mount();
    const key = (await screen.findByLabelText('Client key')) as HTMLInputElement;
    expect(key.type).toBe('password');
    expect(key.placeholder).toBe('anys…demo');
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(key.type).toBe('text');
  });
});

describe('options: settings', () => {
  it('stores a per-kind auto-solve switch and auto-submit', async () => {
    const { settings } = mount();
    fireEvent.click(await screen.findByRole('switch', { name: 'hCaptcha' }));
    fireEvent.click(screen.getByRole('switch', { name: 'Submit the form after solving' }));
    await waitFor(() => expect(settings().autoSolveKinds.hcaptcha).toBe(false));
    expect(settings().autoSolveKinds.turnstile).toBe(true);
    expect(settings().autoSubmit).toBe(true);
  });

  it('edits polling in seconds, stores milliseconds, and refuses values out of range', async () => {
    const { settings } = mount();
    const interval = await screen.findByLabelText('Then every (seconds)');
    fireEvent.change(interval, { target: { value: '2' } });
    await waitFor(() => expect(settings().polling.intervalMs).toBe(2000));
    fireEvent.change(interval, { target: { value: '0.2' } });
    expect(await screen.findByText('Enter a number from 1 to 30.')).toBeTruthy();
    expect(settings().polling.intervalMs).toBe(2000);
  });

  it('explains the key pool choice and stores it', async () => {
    const { settings } = mount();
    const pool = await screen.findByLabelText('Provider keys');
    fireEvent.change(pool, { target: { value: 'platformOnly' } });
    await waitFor(() => expect(settings().routing.keyPoolMode).toBe('platformOnly'));
    expect(screen.getByText(/only to provider keys managed by AnySolver/)).toBeTruthy();
  });

  it('stores site rules and names lines that are not patterns', async () => {
    const { settings } = mount();
    fireEvent.change(await screen.findByLabelText('Never solve on these sites'), {
      target: { value: '*.bank.example\nnot a host' },
    });
    await waitFor(() => expect(settings().sites.deny).toEqual(['*.bank.example']));
    expect(screen.getByText('Ignored, not a site pattern: not a host')).toBeTruthy();
  });
});

describe('options: history', () => {
  const history = [
    record({ at: T0, origin: 'https://b.example', kind: 'hcaptcha', cost: 0.002 }),
    record({
      at: T0 + 1000,
      origin: 'https://a.example',
      status: 'failed',
      cost: 0,
      errorMessage: 'Unsolvable, "sorry"',
    }),
    record({ at: T0 + 2000, origin: 'https://c.example', kind: 'turnstile', cost: 0.003 }),
  ];
  const siteColumn = () =>
    screen
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell')[1]!.textContent);

  it('says so when there is no history', async () => {
    mount();
    expect(await screen.findByText('No tasks yet.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('lists newest first and sorts by a column header, with aria-sort', async () => {
    mount({ history });
    await screen.findByRole('table');
    expect(siteColumn()).toEqual(['c.example', 'a.example', 'b.example']);
    const site = screen.getByRole('button', { name: 'Site' });
    fireEvent.click(site);
    expect(siteColumn()).toEqual(['a.example', 'b.example', 'c.example']);
    expect(site.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(site);
    expect(siteColumn()).toEqual(['c.example', 'b.example', 'a.example']);
    expect(site.closest('th')!.getAttribute('aria-sort')).toBe('descending');
  });

  it('filters by text and status', async () => {
    mount({ history });
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'solved' } });
    expect(siteColumn()).toEqual(['c.example', 'b.example']);
    fireEvent.input(screen.getByLabelText('Search'), { target: { value: 'b.ex' } });
    expect(siteColumn()).toEqual(['b.example']);
    expect(screen.getByText('Showing 1 of 3 tasks.')).toBeTruthy();
  });

  it('exports what is shown as CSV with proper quoting, and as JSON', async () => {
    const { downloads } = mount({ history });
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'failed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    const [csv, json] = downloads;
    expect(csv!.filename).toMatch(/^anysolver-history-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv!.mime).toBe('text/csv');
    const lines = csv!.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('https://a.example');
    expect(lines[1]).toContain('"Unsolvable, ""sorry"""');
    expect(JSON.parse(json!.text)).toEqual([history[1]]);
  });

  it('shows totals over the history', async () => {
    mount({ history });
    await screen.findByRole('table');
    expect(screen.getByText('All time').nextElementSibling?.textContent).toBe('$0.005');
    expect(screen.getByText('Tasks').nextElementSibling?.textContent).toBe('3');
  });
});

describe('options: data', () => {
  const importFile = async (text: string) => {
    const input = (await screen.findByLabelText('Import settings')) as HTMLInputElement;
    const file = new File([text], 'settings.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
  };

  it('imports a valid settings file', async () => {
    const { settings } = mount();
    await importFile(exportSettings({ ...defaultSettings(), autoSubmit: true, historyLimit: 50 }));
    expect(await screen.findByText('Settings imported.')).toBeTruthy();
    expect(settings().autoSubmit).toBe(true);
    expect(settings().historyLimit).toBe(50);
  });

  it.each([
    ['{broken', 'That file is not JSON.'],
    ['{"hello":1}', 'That file is not an AnySolver settings export.'],
    [
      JSON.stringify({
        format: 'anysolver-settings',
        version: 1,
        settings: { limits: { maxConcurrent: 0 } },
      }),
      'Not imported: the value of settings.limits.maxConcurrent is not valid.',
    ],
  ])('refuses %s and says why, storing nothing', async (text, message) => {
    const { update } = mount();
    await importFile(text);
    expect(await screen.findByText(message)).toBeTruthy();
    expect(update).not.toHaveBeenCalled();
  });

  it('exports settings without the key unless asked', async () => {
    const { downloads } = mount();
    fireEvent.click(await screen.findByRole('button', { name: 'Export settings' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.text).not.toContain('clientKey');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Include my key in the file' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    await waitFor(() => expect(downloads).toHaveLength(2));
    expect(JSON.parse(downloads[1]!.text).clientKey).toBe('anysolver_good_key');
  });

  it('asks before clearing all data, and focuses the safe answer', async () => {
    const { send } = mount();
    fireEvent.click(await screen.findByRole('button', { name: 'Clear all data' }));
    expect(send.sent.some((m) => m.type === 'data:clearAll')).toBe(false);
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(screen.getByRole('button', { name: 'Yes, clear everything' }));
    expect(await screen.findByText('All data cleared.')).toBeTruthy();
    expect(send.sent).toContainEqual({ type: 'data:clearAll' });
  });
});

describe('options: accessibility', () => {
  it('labels every control and keeps all of them in the tab order', async () => {
    mount({ history: [record()] });
    await screen.findByRole('table');
    expectControlsNamedAndTabbable(30);
  });
});

describe('options: section navigation', () => {
  const nav = () => screen.getByRole('navigation', { name: 'Sections' });
  const current = () =>
    within(nav())
      .getAllByRole('link')
      .filter((a) => a.getAttribute('aria-current') === 'true')
      .map((a) => a.textContent);
  const scrolled: string[] = [];
  beforeEach(() => {
    scrolled.length = 0;
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this.id);
    });
  });
  afterEach(() => {
    history.replaceState(null, '', location.pathname);
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('links every section the page shows, in page order, named by its heading', async () => {
    mount();
    await screen.findByRole('heading', { name: 'Your data' });
    const links = within(nav()).getAllByRole('link');
    const sections = [...document.querySelectorAll('main section[id]')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(sections.map((s) => `#${s.id}`));
    expect(links.map((a) => a.textContent)).toEqual(sections.map((s) => s.querySelector('h2')!.textContent));
    expect(links.map((a) => a.textContent)).toEqual([
      'Account',
      'Solving',
      'Routing',
      'Polling',
      'Spending and rate limits',
      'Site rules',
      'History',
      'Your data',
    ]);
    expect(current()).toEqual(['Account']);
    expect(location.hash).toBe('');
  });

  it('opens at the section the URL names, once it is rendered', async () => {
    history.replaceState(null, '', '#history');
    mount();
    await screen.findByRole('heading', { name: 'History' });
    await waitFor(() => expect(scrolled).toEqual(['history']));
    expect(current()).toEqual(['History']);
    expect(screen.getByRole('button', { name: 'Sections History' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
  });

  it('ignores a hash that names no section', async () => {
    history.replaceState(null, '', '#nowhere');
    mount();
    await screen.findByRole('heading', { name: 'History' });
    expect(current()).toEqual(['Account']);
    expect(scrolled).toEqual([]);
  });

  it('a link scrolls to its section, focuses its heading, names it in the URL, no history', async () => {
    mount();
    await screen.findByRole('heading', { name: 'Site rules' });
    const entries = history.length;
    fireEvent.click(within(nav()).getByRole('link', { name: 'Site rules' }));
    expect(scrolled).toEqual(['sites']);
    expect(document.activeElement?.id).toBe('sites-h');
    expect(current()).toEqual(['Site rules']);
    expect(location.hash).toBe('#sites');
    expect(history.length).toBe(entries);
  });

  it('a link chosen before the settings have loaded goes to its section once it is rendered', async () => {
    mount();
    expect(document.getElementById('history')).toBeNull();
    fireEvent.click(within(nav()).getByRole('link', { name: 'History' }));
    expect(scrolled).toEqual([]);
    await screen.findByRole('heading', { name: 'History' });
    await waitFor(() => expect(scrolled).toEqual(['history']));
    expect(current()).toEqual(['History']);
    expect(location.hash).toBe('#history');
  });

  it('follows a hash changed while the page is open', async () => {
    mount();
    await screen.findByRole('heading', { name: 'Polling' });
    history.replaceState(null, '', '#polling');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitFor(() => expect(current()).toEqual(['Polling']));
    expect(scrolled).toEqual(['polling']);
  });

  it('follows the scroll: the section crossing the reading line becomes current, in the URL', async () => {
    const observers: Array<() => void> = [];
    const observed: string[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(cb: () => void) {
          observers.push(cb);
        }
        observe(el: Element) {
          observed.push(el.id);
        }
        disconnect() {}
      },
    );
    // Sections 400 px apart, the window scrolled so Limits' top is 100 px down (line: 30 % of 800 px).
    vi.stubGlobal('innerHeight', 800);
    mount();
    await screen.findByRole('heading', { name: 'Your data' });
    expect(observed).toContain('data');
    const order = [...document.querySelectorAll('main section[id]')].map((s) => s.id);
    let scroll = 4 * 400 - 100;
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      const top = order.indexOf(this.id) * 400 - scroll;
      return {
        top,
        bottom: top + 380,
        left: 0,
        right: 800,
        width: 800,
        height: 380,
        x: 0,
        y: top,
      } as DOMRect;
    });
    const entries = history.length;
    observers.at(-1)!();
    await waitFor(() => expect(current()).toEqual(['Spending and rate limits']));
    expect(location.hash).toBe('#limits');
    scroll = 400 - 100;
    observers.at(-1)!();
    await waitFor(() => expect(current()).toEqual(['Solving']));
    expect(location.hash).toBe('#solving');
    expect(history.length).toBe(entries);
  });

  it('a jump stays current until the user scrolls', async () => {
    const observers: Array<() => void> = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(cb: () => void) {
          observers.push(cb);
        }
        observe() {}
        disconnect() {}
      },
    );
    mount();
    await screen.findByRole('heading', { name: 'History' });
    // Every section above the line: without the pin, the last one would be current.
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({ top: -10 } as DOMRect);
    fireEvent.click(within(nav()).getByRole('link', { name: 'History' }));
    observers.at(-1)!();
    expect(current()).toEqual(['History']);
    fireEvent.wheel(window);
    observers.at(-1)!();
    await waitFor(() => expect(current()).toEqual(['Your data']));
  });

  it('on narrow windows a menu button opens the list, Escape closes it and returns focus', async () => {
    mount();
    await screen.findByRole('heading', { name: 'History' });
    const toggle = screen.getByRole('button', { name: 'Sections Account' });
    expect(toggle.getAttribute('aria-controls')).toBe(within(nav()).getByRole('list').id);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const link = within(nav()).getByRole('link', { name: 'Routing' });
    link.focus();
    fireEvent.keyDown(link, { key: 'Escape' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
    fireEvent.click(toggle);
    fireEvent.click(within(nav()).getByRole('link', { name: 'History' }));
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent).toBe('Sections History');
    expect(document.activeElement?.id).toBe('history-h');
  });

  it('the menu stays open while focus moves inside it, and closes as soon as focus leaves it', async () => {
    mount();
    await screen.findByRole('heading', { name: 'History' });
    const toggle = screen.getByRole('button', { name: 'Sections Account' });
    fireEvent.click(toggle);
    const routing = within(nav()).getByRole('link', { name: 'Routing' });
    fireEvent.focusOut(toggle, { relatedTarget: routing });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    // Tabbing on past the last link: focus goes to the page's first field, outside the menu, at once.
    const outside = document.querySelector<HTMLElement>('input, select, textarea');
    fireEvent.focusOut(within(nav()).getByRole('link', { name: 'Your data' }), { relatedTarget: outside });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });
});
