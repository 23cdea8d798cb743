// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catalogue, getMessageIn, uiLanguage } from '@/lib/ui/test-i18n';
import { BADGE_TAG, type BadgeI18n, createBadges, SOLVED_BADGE_MS } from './badge';

/** The closed shadow root cannot be read from outside, as intended: tests capture it at creation. */
function setup(i18n?: BadgeI18n) {
  const shadows: ShadowRoot[] = [];
  const attach = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init) {
    const root = attach.call(this, init);
    shadows.push(root);
    return root;
  });
  document.body.innerHTML = '<form><div id="w">widget</div><button>Send</button></form>';
  const badges = createBadges({
    doc: document,
    i18n,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as number),
  });
  const hosts = () => [...document.querySelectorAll(BADGE_TAG)];
  const label = () => shadows.at(-1)!.querySelector('span')!;
  return { badges, hosts, label, shadows, anchor: document.getElementById('w')! };
}

describe('status badge', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('sits right after the widget in a closed shadow root, with no attributes on the host', () => {
    const t = setup();
    t.badges.show('w1', t.anchor, 'solving');
    expect(t.hosts()).toHaveLength(1);
    const host = t.hosts()[0]!;
    expect(t.anchor.nextElementSibling).toBe(host);
    expect(host.attributes).toHaveLength(0);
    expect(host.shadowRoot).toBeNull(); // closed: the page cannot reach inside
    expect(t.label().textContent).toBe('AnySolver: Solving…');
    expect(t.label().getAttribute('role')).toBe('status');
    expect(t.shadows[0]!.querySelector('style')!.textContent).toContain(':host');
    expect(document.head.querySelector('style')).toBeNull(); // no global CSS
  });

  it('updates in place, says solved, then goes away', () => {
    vi.useFakeTimers();
    const t = setup();
    t.badges.show('w1', t.anchor, 'solving');
    t.badges.show('w1', t.anchor, 'solved');
    expect(t.hosts()).toHaveLength(1);
    expect(t.label().textContent).toBe('AnySolver: Solved');
    vi.advanceTimersByTime(SOLVED_BADGE_MS - 1);
    expect(t.hosts()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(t.hosts()).toHaveLength(0);
  });

  it('a failure stays, with the reason as its tooltip; a new attempt clears the removal timer', () => {
    vi.useFakeTimers();
    const t = setup();
    t.badges.show('w1', t.anchor, 'failed', { key: 'err_ERROR_ZERO_BALANCE' });
    vi.advanceTimersByTime(SOLVED_BADGE_MS * 5);
    expect(t.hosts()).toHaveLength(1);
    expect(t.label().textContent).toBe('AnySolver: Not solved');
    // No catalogue (a torn-down runtime): English label, and no words for the reason.
    expect(t.label().title).toBe('');
    t.badges.show('w1', t.anchor, 'solved');
    t.badges.show('w1', t.anchor, 'solving');
    vi.advanceTimersByTime(SOLVED_BADGE_MS * 2);
    expect(t.hosts()).toHaveLength(1);
    expect(t.label().title).toBe('');
  });

  it.each([
    ['ja', 'AnySolver: 解決中…', 'ltr'],
    ['ar', 'AnySolver: جارٍ الحل…', 'rtl'],
  ])(
    'speaks the extension language (%s) through the content ' +
      'script i18n, the reason rendered with its numbers',
    (locale, solving, dir) => {
      const cat = catalogue(locale);
      const i18n: BadgeI18n = {
        getMessage: (key, subs) => getMessageIn(cat, locale, key, subs),
        getUILanguage: () => uiLanguage(locale),
      };
      const t = setup(i18n);
      t.badges.show('w1', t.anchor, 'solving');
      expect(t.label().textContent).toBe(solving);
      expect(t.label().dir).toBe(dir);
      t.badges.show('w1', t.anchor, 'failed', { key: 'err_RATE_LIMITED_TAB', params: [1234] });
      expect(t.label().textContent).toBe(cat.badgeNotSolved!.message);
      const n = new Intl.NumberFormat(uiLanguage(locale)).format(1234);
      expect(t.label().title).toBe(cat.err_RATE_LIMITED_TAB!.message.replace('$COUNT$', n));
    },
  );

  it('follows a re-rendered widget and can be removed or cleared', () => {
    const t = setup();
    t.badges.show('w1', t.anchor, 'solving');
    const other = document.querySelector('button')!;
    t.badges.show('w1', other, 'solving');
    expect(t.hosts()).toHaveLength(1);
    expect(other.nextElementSibling).toBe(t.hosts()[0]);
    t.badges.show('w2', t.anchor, 'solving');
    t.badges.remove('w1');
    expect(t.hosts()).toHaveLength(1);
    t.badges.clear();
    expect(t.hosts()).toHaveLength(0);
  });

  it('never throws into the page', () => {
    const t = setup();
    const detached = document.createElement('div');
    const frozen = {
      after: () => {
        throw new Error('nope');
      },
    } as unknown as Element;
    expect(() => t.badges.show('w1', frozen, 'solving')).not.toThrow();
    expect(() => t.badges.show('w2', detached, 'solving')).not.toThrow();
    expect(() => t.badges.remove('nope')).not.toThrow();
  });
});
