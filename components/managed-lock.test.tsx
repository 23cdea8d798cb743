// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '@/lib/settings';
import { fakeSend } from '@/lib/ui/fake-send';
import { FIELD_PATHS, lockedPaths, lockedWithKey } from '@/lib/ui/managed-lock';
import { createOptionsState } from '@/lib/ui/options-state';
import { installI18n } from '@/lib/ui/test-i18n';
import { KeyForm } from './KeyForm';
import { LimitsFields } from './LimitsFields';
import { PollingFields } from './PollingFields';
import { RoutingFields } from './RoutingFields';
import { SiteRulesFields } from './SiteRulesFields';
import { SolvingFields } from './SolvingFields';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
  lockedPaths.value = [];
});
afterEach(cleanup);

function renderAll() {
  // Announce in list mode, so its conditional site list is on the page too.
  const settings = { ...defaultSettings(), announce: { mode: 'list' as const, sites: [] } };
  const onChange = vi.fn();
  render(
    <>
      <KeyForm
        idPrefix="opt"
        busy={false}
        error={null}
        endpoint={settings.endpoint}
        onSave={async () => true}
      />
      <SolvingFields settings={settings} onChange={onChange} />
      <RoutingFields settings={settings} onChange={onChange} />
      <PollingFields settings={settings} onChange={onChange} />
      <LimitsFields settings={settings} onChange={onChange} />
      <SiteRulesFields settings={settings} onChange={onChange} />
    </>,
  );
}

describe('fields a policy sets', () => {
  it('every option field id in the table exists on the page (the table cannot go stale)', () => {
    renderAll();
    const missing = Object.keys(FIELD_PATHS).filter(
      (id) => id.startsWith('opt-') && id !== 'opt-history-limit' && !document.getElementById(id),
    );
    expect(missing).toEqual([]);
  });

  it('are disabled, "Set by your administrator" as their description; the others stay editable', () => {
    renderAll();
    act(() => {
      lockedPaths.value = lockedWithKey(
        [
          'polling.timeoutMs',
          'autoSolveKinds.turnstile',
          'routing.provider',
          'sites.deny',
          'routing.keyPoolMode',
        ],
        true,
      );
    });
    for (const id of [
      'opt-timeout',
      'opt-kind-turnstile',
      'opt-provider',
      'opt-deny',
      'opt-keypool',
      'opt-key',
    ]) {
      const el = document.getElementById(id) as HTMLInputElement;
      expect(el.disabled, id).toBe(true);
      expect(el.getAttribute('aria-describedby'), id).toContain(`${id}-managed`);
      expect(document.getElementById(`${id}-managed`)?.textContent, id).toBe('Set by your administrator');
    }
    for (const id of ['opt-interval', 'opt-kind-hcaptcha', 'opt-allow', 'opt-cap', 'opt-auto-solve']) {
      expect((document.getElementById(id) as HTMLInputElement).disabled, id).toBe(false);
      expect(document.getElementById(`${id}-managed`), id).toBeNull();
    }
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true);
    act(() => {
      lockedPaths.value = [];
    });
    expect((document.getElementById('opt-timeout') as HTMLInputElement).disabled).toBe(false);
    expect(screen.queryAllByText('Set by your administrator')).toEqual([]);
  });
});

describe('options state: locked paths', () => {
  it('loads them with the settings and follows a change', async () => {
    let locked = ['autoSolve'];
    const watchers: Array<() => void> = [];
    const state = createOptionsState({
      send: fakeSend({
        'key:status': () => ({ hasKey: true, masked: 'anys…demo', managed: true }),
        'balance:get': () => ({ ok: true, balance: 1, at: 0 }),
      }),
      settings: {
        read: async () => defaultSettings(),
        update: async () => defaultSettings(),
        watch: (cb) => {
          watchers.push(cb);
          return () => undefined;
        },
        locked: async () => locked,
      },
      history: { read: async () => [], watch: () => () => undefined },
      readKey: async () => null,
      now: () => 0,
    });
    state.start();
    await vi.waitFor(() => expect(state.locked.value).toEqual(['autoSolve']));
    await vi.waitFor(() => expect(state.keyStatus.value?.managed).toBe(true));
    locked = ['autoSolve', 'endpoint'];
    for (const w of watchers) w();
    await vi.waitFor(() => expect(state.locked.value).toEqual(['autoSolve', 'endpoint']));
  });
});
