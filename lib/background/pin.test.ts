import { describe, expect, it, vi } from 'vitest';
import { pinned } from './pin';

describe('pinned', () => {
  it('pins when the documentId is known, and goes by frame when it is not', async () => {
    const run = vi.fn(async (pin: boolean) => pin);
    expect(await pinned('doc-1', run)).toBe(true);
    expect(await pinned(undefined, run)).toBe(false);
    expect(run.mock.calls).toEqual([[true], [false]]);
  });

  it('asks again by frame when the browser refuses the property (Firefox ESR 140)', async () => {
    for (const message of [
      'Type error for parameter options (Unexpected property "documentId") for tabs.sendMessage.',
      'Type error for parameter injection (Error processing target: Unexpected property "documentIds") ' +
        'for scripting.executeScript.',
    ]) {
      const run = vi.fn(async (pin: boolean) => {
        if (pin) throw new Error(message);
        return 'by frame';
      });
      expect(await pinned('doc-1', run)).toBe('by frame');
      expect(run.mock.calls).toEqual([[true], [false]]);
    }
  });

  it('never falls back for a document that is gone: the token must not reach its successor', async () => {
    for (const message of [
      'Could not establish connection. Receiving end does not exist.',
      'Invalid documentId: 6f1c2a4e-0000-4000-8000-000000000000',
    ]) {
      const run = vi.fn(async (pin: boolean) => {
        if (pin) throw new Error(message);
        return 'by frame';
      });
      await expect(pinned('doc-1', run)).rejects.toThrow(message);
      expect(run.mock.calls).toEqual([[true]]);
    }
  });
});
