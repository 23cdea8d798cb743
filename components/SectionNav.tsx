import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/ui/i18n';
import { sectionAt, sectionFromHash } from '@/lib/ui/options-sections';

export interface NavSection {
  id: string;
  label: string;
}

/**
 * The reading line, as a fraction of the window's height from its top: the section crossing it is current.
 */
const LINE = 0.3;
// Input that means the user moves the page themselves (then the current section follows the scroll again).
const USER_SCROLL = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Name the current section in the address bar without adding a history entry. */
function writeHash(id: string): void {
  if (location.hash !== `#${id}`) history.replaceState(history.state, '', `#${id}`);
}

/**
 * The options page's section navigation: a sticky sidebar of links on wide windows, a menu button on
 * narrow ones (CSS decides which shows). The current section has aria-current and follows the scroll
 * and the URL's hash; a link scrolls to its section and moves focus to its heading.
 * `ready`: the sections after the first are rendered (they wait for the settings).
 */
export function SectionNav({ sections, ready }: { sections: readonly NavSection[]; ready: boolean }) {
  const ids = sections.map((s) => s.id);
  const [current, setCurrent] = useState(() => sectionFromHash(location.hash, ids) ?? ids[0]);
  const [open, setOpen] = useState(false);
  const navRef = useRef<HTMLElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  // A section asked for before it is rendered (by the URL the page opened with, or an early click).
  const pending = useRef(sectionFromHash(location.hash, ids));
  // After a jump the jumped-to section stays current until the user scrolls: a section near the end of
  // the page may never reach the reading line, and a smooth scroll passes the sections between.
  const pinned = useRef(false);

  /** Scroll to a section and make it current; false when it is not on the page (yet). */
  const show = (id: string, focus: boolean): boolean => {
    const section = document.getElementById(id);
    if (!section) return false;
    pinned.current = true;
    setCurrent(id);
    writeHash(id);
    section.scrollIntoView({ block: 'start', behavior: focus && !reducedMotion() ? 'smooth' : 'auto' });
    if (focus) {
      // The heading, so a screen reader announces where the user landed and Tab goes on from there.
      const heading = document.getElementById(`${id}-h`) ?? section;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
    return true;
  };

  // options.html#history: show History once it is rendered.
  useEffect(() => {
    if (pending.current && show(pending.current, false)) pending.current = null;
  }, [ready]);

  // A hash changed by hand (or by a link elsewhere) while the page is open.
  useEffect(() => {
    const onHash = () => {
      const id = sectionFromHash(location.hash, ids);
      if (id) show(id, false);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  // The current section follows the scroll: recomputed when a section crosses the reading line
  // (IntersectionObserver with the window shrunk to the band above the line) and when a scroll ends
  // (for the end of the page, where the last sections never reach the line).
  useEffect(() => {
    const elements = ids.map((id) => document.getElementById(id)).filter((el) => el !== null);
    const follow = () => {
      if (pinned.current) return;
      const root = document.documentElement;
      const id = sectionAt(
        elements.map((el) => ({ id: el.id, top: el.getBoundingClientRect().top })),
        innerHeight * LINE,
        // Scrolled to the end (a page that does not scroll has no end to reach).
        scrollY > 0 && innerHeight + scrollY >= root.scrollHeight - 2,
      );
      if (!id) return;
      setCurrent(id);
      // The top of the page keeps a bare URL unless one was asked for.
      if (id !== ids[0] || location.hash) writeHash(id);
    };
    const unpin = () => {
      pinned.current = false;
    };
    const observer =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver(follow, { rootMargin: `0px 0px -${Math.round((1 - LINE) * 100)}% 0px` })
        : null;
    for (const el of elements) observer?.observe(el);
    addEventListener('scrollend', follow);
    for (const type of USER_SCROLL) addEventListener(type, unpin, { capture: true, passive: true });
    return () => {
      observer?.disconnect();
      removeEventListener('scrollend', follow);
      for (const type of USER_SCROLL) removeEventListener(type, unpin, { capture: true });
    };
  }, [ready]);

  // The narrow menu closes when the user clicks anywhere outside it (here) or tabs out of it (the nav's
  // own focusout: it needs no listener added after the menu opened, so a fast Tab is never missed).
  useEffect(() => {
    if (!open) return;
    const outside = (e: Event) => {
      if (!navRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const currentLabel = sections.find((s) => s.id === current)?.label ?? '';
  return (
    <nav
      ref={navRef}
      class={open ? 'section-nav open' : 'section-nav'}
      aria-label={t('optionsSections')}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        setOpen(false);
        toggleRef.current?.focus();
      }}
      onFocusOut={(e) => {
        if (!navRef.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        class="nav-toggle"
        aria-expanded={open}
        aria-controls="section-nav-list"
        onClick={() => setOpen(!open)}
      >
        <span class="nav-toggle-label">{t('optionsSections')}</span>{' '}
        <span class="nav-toggle-current">{currentLabel}</span>
      </button>
      <ul id="section-nav-list">
        {sections.map((s) => (
          <li key={s.id}>
            <a
              href={`#${s.id}`}
              aria-current={s.id === current ? 'true' : undefined}
              onClick={(e) => {
                // Ctrl/Shift/middle click: the browser opens options.html#<id> in a new tab or window.
                if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
                e.preventDefault();
                setOpen(false);
                // Before the settings have loaded only Account is on the page: go there once it is.
                if (!show(s.id, true)) pending.current = s.id;
              }}
            >
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
