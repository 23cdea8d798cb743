/** Test data for the UI tests: jobs, history records and totals with sensible defaults. */
import type { HistoryRecord, Job, Totals } from './types';

export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

export const job = (over: Partial<Job> = {}): Job => ({
  id: 'j1',
  key: `7|0||${over.id ?? 'j1'}`,
  tabId: 7,
  frameId: 0,
  frameUrl: 'https://shop.example/login',
  origin: 'https://shop.example',
  site: 'shop.example',
  topSite: 'shop.example',
  gesture: false,
  widget: { widgetId: over.id ?? 'j1', kind: over.kind ?? 'recaptcha-v2', websiteKey: '6Lc-test' },
  kind: 'recaptcha-v2',
  status: 'detected',
  createdAt: T0,
  polls: 0,
  transientErrors: 0,
  attempt: 1,
  autoResolves: 0,
  ...over,
});

export const record = (over: Partial<HistoryRecord> = {}): HistoryRecord => ({
  at: T0,
  jobId: `j-${over.at ?? T0}`,
  origin: 'https://shop.example',
  kind: 'recaptcha-v2',
  taskType: 'ReCaptchaV2TokenProxyLess',
  status: 'solved',
  cost: 0.001,
  provider: 'Multibot',
  createToReadyMs: 9000,
  readyToFilledMs: 40,
  polls: 4,
  taskId: `t-${over.at ?? T0}`,
  ...over,
});

export const totals = (over: Partial<Totals> = {}): Totals => ({
  today: 0.012,
  week: 0.05,
  allTime: 1.25,
  notDeliveredToday: 0,
  notDeliveredWeek: 0,
  successRate: 0.9,
  count: 40,
  ...over,
});
