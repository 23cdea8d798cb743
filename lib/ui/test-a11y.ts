/** Test support: accessibility checks shared by the popup and options page tests. */
import { expect } from 'vitest';

/**
 * Every control on the page (more than `moreThan` of them) is in the tab order and has a name: its
 * text, an aria-label, or a <label for> pointing at it.
 */
export function expectControlsNamedAndTabbable(moreThan: number): void {
  const controls = [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]')];
  expect(controls.length).toBeGreaterThan(moreThan);
  for (const el of controls) {
    expect(el.tabIndex, el.outerHTML).toBeGreaterThanOrEqual(0);
    const named =
      el.textContent?.trim() ||
      el.getAttribute('aria-label') ||
      (el.id && document.querySelector(`label[for="${el.id}"]`));
    expect(named, el.outerHTML).toBeTruthy();
  }
}
