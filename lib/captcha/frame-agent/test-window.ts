/** A fake AgentWindow for the frame agents' tests: records posts, delivers messages, runs timers by hand. */
import fc from 'fast-check';
import { vi } from 'vitest';
import type { AgentWindow, FrameAgent } from './types';

export interface FakeWindow extends AgentWindow {
  /** What the agent posted to the page: [message, targetOrigin]. */
  posted: [unknown, string][];
  /** Deliver `data` as a message event from `source` (default: the parent page). */
  emit(data: unknown, source?: unknown): void;
  /** Run the timers due within `ms`. */
  advance(ms: number): void;
  listeners(): number;
}

export function fakeWindow(href: string): FakeWindow {
  const posted: [unknown, string][] = [];
  const handlers = new Set<(e: MessageEvent) => void>();
  let now = 0;
  let timers: { at: number; f: () => void }[] = [];
  const parent = {
    postMessage(m: unknown, origin: string) {
      posted.push([m, origin]);
    },
  };
  return {
    location: { href },
    parent,
    posted,
    addEventListener: (_t, f) => handlers.add(f),
    removeEventListener: (_t, f) => handlers.delete(f),
    setTimeout(f, ms) {
      const t = { at: now + ms, f };
      timers.push(t);
      return t;
    },
    clearTimeout(id) {
      timers = timers.filter((t) => t !== id);
    },
    emit(data, source = parent) {
      for (const f of handlers) f({ data, source } as MessageEvent);
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.f();
    },
    listeners: () => handlers.size,
  };
}

/**
 * A frame where everything around the agent breaks: its parent throws on postMessage (a detached frame)
 * and `onChange` throws (a caller's bug). The agent must throw neither into the frame.
 */
export function brokenFrame(href: string) {
  const win = fakeWindow(href);
  win.parent.postMessage = () => {
    throw new Error('detached');
  };
  const onChange = vi.fn(() => {
    throw new Error('caller bug');
  });
  return { win, onChange };
}

/** `agent.parse` on any string and any URL: it must never throw (a property test's body). */
export function assertParseNeverThrows(agent: FrameAgent): void {
  fc.assert(
    fc.property(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true }), (s, u) => {
      agent.parse(s);
      agent.parse(u);
    }),
  );
}
