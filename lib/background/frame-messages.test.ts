import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundToContent } from '@/lib/messaging';
import { createHarness, sender, settle, widget } from '@/lib/solver/test-kit';
import { createFrameMessages } from './frame-messages';

beforeEach(() => {
  fakeBrowser.reset();
});

/** A real engine (fake API and clock) whose deliveries and notifications go through the frame messages. */
function run(frameReply: unknown, settings = { autoSubmit: false, showBadge: true }) {
  const h = createHarness({ solveMs: 4000, settings });
  const sent: Array<{ tabId: number; frameId: number; message: BackgroundToContent; documentId?: string }> =
    [];
  const frames = createFrameMessages({
    send: async (tabId, frameId, message, documentId) => {
      sent.push({ tabId, frameId, message, ...(documentId ? { documentId } : {}) });
      return message.type === 'fill' ? frameReply : undefined;
    },
    readSettings: async () => settings,
  });
  /** How many notifications came before the token was delivered. */
  let fillAt = -1;
  h.setDeliver((job, token) => {
    fillAt = h.notified.length;
    return frames.deliver(job, token);
  });
  return { h, sent, frames, fillAt: () => fillAt };
}

describe('frame messages', () => {
  it('a solved token costs its frame one message: the fill, carrying the badge setting', async () => {
    const { h, sent, frames, fillAt } = run(true);
    await h.solver.report({ ...sender(4, 2), documentId: 'DOC' }, [widget('w')]);
    await h.clock.advance(8000);
    await settle();
    expect(h.delivered).toHaveLength(1);
    // The notifications replayed in order: those before the fill, then those after it.
    for (const job of h.notified.slice(0, fillAt())) await frames.status(job);
    const before = sent.length;
    for (const job of h.notified.slice(fillAt())) await frames.status(job);
    expect(h.notified.slice(fillAt()).map((j) => j.status)).toContain('solved');
    const fills = sent.filter((s) => s.message.type === 'fill');
    expect(fills).toEqual([
      {
        tabId: 4,
        frameId: 2,
        documentId: 'DOC',
        message: {
          type: 'fill',
          widgetId: 'w',
          kind: 'recaptcha-v2',
          token: h.delivered[0]!.token,
          autoSubmit: false,
          showBadge: true,
        },
      },
    ]);
    // While it was being solved the frame heard `solving` (in the same document); after the fill, nothing.
    const statuses = sent.filter((s) => s.message.type === 'status');
    expect(statuses.map((s) => [s.tabId, s.frameId, s.documentId])).toEqual(
      statuses.map(() => [4, 2, 'DOC']),
    );
    const states = sent.flatMap((s) => (s.message.type === 'status' ? [s.message.state] : []));
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['solving']));
    expect(sent.slice(before)).toEqual([]);
  });

  it('a fill the frame did not take is not solved: the frame hears failed, with the reason', async () => {
    const { h, sent, frames } = run(false);
    await h.solver.report(sender(4, 0), [widget('w')]);
    await h.clock.advance(8000);
    await settle();
    for (const job of h.notified) await frames.status(job);
    const last = sent.at(-1)!.message;
    expect(h.notified.at(-1)!.status).not.toBe('solved');
    expect(last).toMatchObject({ type: 'status', widgetId: 'w', state: 'failed', showBadge: true });
  });
});
