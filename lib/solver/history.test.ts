import { describe, expect, it } from 'vitest';
import { appendHistory, computeTotals, pushCapped } from './history';
import type { HistoryRecord } from './jobs';
import { startOfDay } from './limits';

const NOW = new Date(2026, 10, 28, 15, 0).getTime(); // local time: "today" is the local day
const DAY = 86_400_000;
const rec = (at: number, cost: number, status: HistoryRecord['status'] = 'solved'): HistoryRecord => ({
  at,
  jobId: String(at),
  origin: 'https://a.test',
  kind: 'turnstile',
  status,
  cost,
  polls: 1,
});

describe('computeTotals', () => {
  it('sums spend today, over 7 days and all time, and the success rate', () => {
    const history = [
      rec(NOW - 40 * DAY, 0.5),
      rec(startOfDay(NOW) - 6 * DAY + 1, 0.1, 'failed'), // the 7th day back still counts for the week
      rec(startOfDay(NOW) - 1, 0.01, 'expired'), // just before midnight: yesterday
      rec(startOfDay(NOW), 0.002),
      rec(NOW, 0.003, 'cancelled'), // cancelled: not counted in the success rate
    ];
    // Paid, not delivered (the failed, expired and cancelled tasks with a cost) is part of the spend and
    // shown apart.
    expect(computeTotals(history, NOW)).toEqual({
      today: 0.005,
      week: 0.115,
      allTime: 0.615,
      notDeliveredToday: 0.003,
      notDeliveredWeek: 0.113,
      successRate: 2 / 4,
      count: 5,
    });
  });

  it('has no success rate without finished tasks', () => {
    expect(computeTotals([], NOW)).toEqual({
      today: 0,
      week: 0,
      allTime: 0,
      notDeliveredToday: 0,
      notDeliveredWeek: 0,
      successRate: null,
      count: 0,
    });
  });
});

describe('capped lists', () => {
  it('keeps the newest records', () => {
    const h = [rec(1, 0), rec(2, 0), rec(3, 0)];
    expect(appendHistory(h, rec(4, 0), 3).map((r) => r.at)).toEqual([2, 3, 4]);
    expect(pushCapped([1, 2, 3], 4, 2)).toEqual([3, 4]);
    expect(pushCapped(undefined, 7)).toEqual([7]);
  });
});
