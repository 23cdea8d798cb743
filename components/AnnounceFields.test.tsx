// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings, type Settings } from '@/lib/settings';
import { installI18n } from '@/lib/ui/test-i18n';
import { AnnounceFields } from './AnnounceFields';

const withAnnounce = (announce: Settings['announce']): Settings => ({ ...defaultSettings(), announce });

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

describe('solve events setting', () => {
  it('is off by default, site list hidden; "Only on the sites listed" stores list mode', () => {
    const onChange = vi.fn();
    render(<AnnounceFields settings={defaultSettings()} onChange={onChange} />);
    const select = screen.getByLabelText('Announce solving to pages') as HTMLSelectElement;
    expect(select.value).toBe('off');
    expect([...select.options].map((o) => o.text)).toEqual([
      'Off',
      'On every site',
      'Only on the sites listed',
    ]);
    expect(screen.queryByLabelText('Sites that get solve events')).toBeNull();
    fireEvent.change(select, { target: { value: 'list' } });
    expect(onChange).toHaveBeenCalledWith({ announce: { mode: 'list', sites: [] } });
  });

  it('list mode: the host patterns typed are stored (URLs cut to their host), bad lines named', () => {
    const onChange = vi.fn();
    render(<AnnounceFields settings={withAnnounce({ mode: 'list', sites: [] })} onChange={onChange} />);
    const sites = screen.getByLabelText('Sites that get solve events');
    fireEvent.change(sites, { target: { value: 'https://shop.example/login\n*.test.example\nnot a host!' } });
    expect(onChange).toHaveBeenLastCalledWith({
      announce: { mode: 'list', sites: ['shop.example', '*.test.example'] },
    });
    expect(screen.getByText(/not a host!/)).toBeTruthy();
  });
});
