import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { jobsItem } from '../storage';
import type { Job } from './jobs';
import { createJobStore } from './store';

const job = (id: string, tabId: number) => ({ id, tabId, frameId: 0, status: 'queued' }) as unknown as Job;

describe('job store: which tabs have jobs', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a fresh worker learns it from storage (jobs written by an earlier worker count)', async () => {
    await jobsItem.setValue({ a: job('a', 4) });
    const store = createJobStore(jobsItem);
    expect(await store.mayHaveJobs(4)).toBe(true);
    expect(await store.mayHaveJobs(5)).toBe(false);
  });

  it('follows its own writes without reading storage again', async () => {
    const store = createJobStore(jobsItem);
    expect(await store.mayHaveJobs(7)).toBe(false);
    await store.mutate((jobs) => {
      jobs.b = job('b', 7);
    });
    expect(await store.mayHaveJobs(7)).toBe(true);
    await store.mutate((jobs) => {
      delete jobs.b;
    });
    expect(await store.mayHaveJobs(7)).toBe(false);
  });

  it('a read that started before a write cannot hide the written job', async () => {
    const store = createJobStore(jobsItem);
    const [, early] = await Promise.all([
      store.mutate((jobs) => {
        jobs.c = job('c', 9);
      }),
      store.mayHaveJobs(9),
    ]);
    expect(typeof early).toBe('boolean');
    expect(await store.mayHaveJobs(9)).toBe(true);
  });
});
