// The on-page status badge: beside the widget while it is solved, in a closed shadow root (read here
// through CDP, which sees closed roots; page scripts cannot), gone a few seconds after "Solved", and never
// added when the user switched it off.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPushed, type Harness, launch, until } from './harness';

const TAG = 'CAPTCHA-STATUS';

interface CdpNode {
  nodeName: string;
  nodeValue?: string;
  children?: CdpNode[];
  shadowRoots?: Array<CdpNode & { shadowRootType?: string }>;
}

/** Every badge on the page: its shadow root type and its text, as Chromium's inspector sees them. */
async function badges(page: Page): Promise<Array<{ mode?: string; text: string }>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const text = (n: CdpNode): string =>
      (n.nodeName === '#text' ? (n.nodeValue ?? '') : '') + (n.children ?? []).map(text).join('');
    const found: Array<{ mode?: string; text: string }> = [];
    const walk = (n: CdpNode) => {
      if (n.nodeName === TAG) {
        const shadow = n.shadowRoots?.[0];
        const label = (shadow?.children ?? []).filter((c) => c.nodeName === 'SPAN');
        found.push({ mode: shadow?.shadowRootType, text: label.map(text).join('') });
      }
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
    };
    walk(root);
    return found;
  } finally {
    await cdp.detach();
  }
}

describe('status badge', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch({ solveMs: 2500, settings: { showBadge: true } });
  });
  afterAll(() => h?.close());

  it('says solving beside the widget, then solved, then goes away', async () => {
    const page = await h.open('recaptcha/v2-checkbox.html');
    const solving = await until(
      async () => (await badges(page)).find((b) => /Solving/.test(b.text)),
      20_000,
      'solving badge',
    );
    expect(solving).toEqual({ mode: 'closed', text: 'AnySolver: Solving…' });
    // One host, right after the site's container, with no attributes; the page cannot open its shadow root.
    expect(
      await page.evaluate((tag) => {
        const hosts = document.querySelectorAll(tag);
        const host = hosts[0] as HTMLElement;
        return {
          count: hosts.length,
          after: host.previousElementSibling?.className,
          attributes: host.attributes.length,
          shadow: host.shadowRoot,
        };
      }, TAG),
    ).toMatchObject({ count: 1, after: 'g-recaptcha', attributes: 0, shadow: null });
    // Small and inline: at most one short line added under the widget.
    expect(
      await page.evaluate((tag) => document.querySelector(tag)!.getBoundingClientRect().height, TAG),
    ).toBeLessThan(30);

    await firstPushed(page, '__calls', 30_000);
    expect(
      await until(
        async () => (await badges(page)).find((b) => b.text === 'AnySolver: Solved'),
        10_000,
        'solved badge',
      ),
    ).toBeTruthy();
    await until(async () => ((await badges(page)).length === 0 ? true : null), 15_000, 'badge removed');
    await page.close();
  });

  it('is never added when the user switched it off', async () => {
    await h.configure({ settings: { showBadge: false } });
    const page = await h.open('recaptcha/v2-checkbox.html');
    await firstPushed(page, '__calls', 30_000);
    expect(await badges(page)).toEqual([]);
    expect(await page.evaluate((tag) => document.querySelectorAll(tag).length, TAG)).toBe(0);
    await page.close();
  });
});
