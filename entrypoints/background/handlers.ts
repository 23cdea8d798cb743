import { browser } from 'wxt/browser';
import { parseEndpoint } from '@/lib/anysolver/endpoint';
import { maskKey } from '@/lib/key-store';
import type {
  ContentMessage,
  ContentReplies,
  ContentRequest,
  DetectorState,
  PageMessage,
  PageRequest,
  Reply,
} from '@/lib/messaging';
import { detectorJob } from '@/lib/solver/detector-view';
import {
  balanceItem,
  keySourceItem,
  pausedSitesItem,
  readManaged,
  readSettings,
  updateSettings,
} from '@/lib/storage';
import { setupApply, setupStatus } from './automation';
import { fetchBalance } from './balance';
import { applyManagedKey } from './managed-key';
import type { SenderKind } from './sender';
import type { Services } from './services';

type Content = Extract<SenderKind, { kind: 'content' }>;
/** One handler per content message, returning its declared reply (lib/messaging.ts ContentReplies). */
export type ContentHandlers = {
  [T in ContentMessage['type']]: (
    s: Services,
    m: ContentRequest<T>,
    from: Content,
  ) => Promise<ContentReplies[T]> | ContentReplies[T];
};
/** One handler per page message, returning its declared reply (lib/messaging.ts PageReplies). */
export type PageHandlers = {
  [T in PageMessage['type']]: (s: Services, m: PageRequest<T>) => Promise<Reply<T>>;
};

/** The cache is fresh for 30 s: the API asks callers not to hammer getBalance. */
const BALANCE_TTL_MS = 30_000;

/** Content-script messages: a content script can only report what it saw; the engine decides. */
export const contentHandlers: ContentHandlers = {
  // The detector (entrypoints/vendor-detect.ts, added by H3) runs only in frames where a vendor was seen.
  async 'widgets:found'(s, m, from) {
    // websiteURL is the frame's URL as the browser reports it, never what the page claims.
    const widgets = m.widgets.map((w) => ({ ...w, websiteURL: from.frameUrl }));
    // An image is read only when its job starts, after the limits (image-flow.ts `prepare`). `gesture`
    // (Job.gesture): the frame's own transient user activation, read by the content side — a page cannot
    // fake it (only a real input event sets it), so unasked starts stay bounded per site.
    await s.solver.report({ ...from, gesture: m.gesture === true }, widgets);
  },
  'widgets:gone': (s, m, from) => s.solver.widgetsGone(from.tabId, from.frameId, m.widgetIds),
  'widget:expired': (s, m, from) => s.solver.expired(from.tabId, from.frameId, m.widgetId),
};

/** A key set by policy cannot be replaced or removed from the extension's pages. */
const MANAGED_KEY = { ok: false as const, notice: { key: 'err_MANAGED_KEY' }, code: 'MANAGED' };
const keyManaged = async () => (await readManaged()).clientKey !== undefined;

/** Extension-page messages (popup, options, the automation setup page). */
export const pageHandlers: PageHandlers = {
  async 'key:save'(s, m) {
    if (await keyManaged()) return MANAGED_KEY;
    const key = m.key.trim();
    if (!/^[\w.-]{8,200}$/.test(key))
      return { ok: false, notice: { key: 'err_INVALID_KEY_FORMAT' }, code: 'INVALID_KEY_FORMAT' };
    const endpoint = m.endpoint ?? (await readSettings()).endpoint;
    const parsed = parseEndpoint(endpoint);
    if (!parsed.ok) return { ok: false, notice: parsed.notice, code: 'INVALID_ENDPOINT' };
    await updateSettings({ endpoint: parsed.url });
    const reply = await fetchBalance(s.api, key);
    if (reply.ok) {
      await s.keyStore.set(key);
      await keySourceItem.removeValue();
      await s.solver.accountChanged();
    }
    return reply;
  },
  async 'key:clear'(s) {
    if (await keyManaged()) return MANAGED_KEY;
    await s.keyStore.clear();
    await balanceItem.removeValue();
    return { ok: true };
  },
  async 'key:status'(s) {
    const [key, managed] = await Promise.all([s.keyStore.get(), keyManaged()]);
    return key ? { hasKey: true, masked: maskKey(key), managed } : { hasKey: false, managed };
  },
  async 'balance:get'(s, m) {
    const key = await s.keyStore.get();
    if (!key) return { ok: false, notice: { key: 'err_NO_KEY' }, code: 'NO_KEY' };
    const cached = await balanceItem.getValue();
    if (!m.refresh && cached.balance !== null && Date.now() - cached.at < BALANCE_TTL_MS) {
      return { ok: true, balance: cached.balance, at: cached.at };
    }
    return fetchBalance(s.api, key);
  },
  async 'tab:state'(s, m) {
    const [jobs, totals, cap, paused, managed] = await Promise.all([
      s.solver.tabJobs(m.tabId),
      s.solver.totals(),
      s.solver.capStatus(),
      pausedSitesItem.getValue(),
      readManaged(),
    ]);
    return {
      jobs,
      totals,
      cap,
      pausedSites: paused,
      accountBlock: await s.solver.accountBlock(),
      managed: {
        locked: managed.locked,
        keyManaged: managed.clientKey !== undefined,
        settings: managed.settings,
      },
    };
  },
  // The DevTools panel: every job of the tab, its createTask body built as the engine builds it (key
  // redacted: the key never leaves the background), and the settings that decide whether a job starts.
  async 'detector:state'(s, m): Promise<DetectorState> {
    const [jobs, settings, cap, paused, block, key] = await Promise.all([
      s.solver.tabJobs(m.tabId),
      readSettings(),
      s.solver.capStatus(),
      pausedSitesItem.getValue(),
      s.solver.accountBlock(),
      s.keyStore.get(),
    ]);
    const endpoint = parseEndpoint(settings.endpoint);
    const { autoSolve, autoSolveKinds, limits, sites, polling, routing } = settings;
    return {
      jobs: jobs.map((j) => detectorJob(j, routing)),
      endpoint: endpoint.ok ? endpoint.url : settings.endpoint,
      settings: { autoSolve, autoSolveKinds, limits, sites, polling, routing },
      pausedSites: paused,
      cap,
      accountBlock: block ? { code: block.code, notice: block.notice, message: block.message } : null,
      hasKey: Boolean(key),
    };
  },
  solve: (s, m) => (m.jobId ? s.solver.solve(m.jobId) : s.solver.solveTab(m.tabId)),
  'job:cancel': (s, m) => s.solver.cancel(m.jobId),
  async 'site:pause'(_s, m) {
    const host = new URL(m.origin).origin;
    const list = new Set(await pausedSitesItem.getValue());
    if (m.paused) list.add(host);
    else list.delete(host);
    await pausedSitesItem.setValue([...list]);
    return { ok: true };
  },
  'history:clear': (s) => s.solver.clearHistory(),
  // The context menu's code path (setup.ts), also reachable from extension pages.
  'image:solve': (s, m) => s.image.solveImage(m.tabId, m.frameId, m.srcUrl),
  async 'data:clearAll'(s) {
    await s.keyStore.clear();
    await browser.storage.local.clear();
    await browser.storage.session?.clear();
    // A policy's key is the administrator's, not this browser's data: it comes straight back.
    await applyManagedKey(s);
    return { ok: true };
  },
  'setup:apply': setupApply,
  'setup:status': setupStatus,
};
