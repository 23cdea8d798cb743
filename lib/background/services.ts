import { browser as defaultBrowser } from 'wxt/browser';
import { createAnySolverClient } from '@/lib/anysolver/client';
import { parseEndpoint } from '@/lib/anysolver/endpoint';
import type { AnySolverClient } from '@/lib/anysolver/types';
import { cropScreenshot } from '@/lib/captcha/image/crop';
import { fetchImageDataUri } from '@/lib/captcha/image/fetch-image';
import {
  createInjector,
  type DocumentRecord,
  type InjectTarget,
  type ScriptRunner,
} from '@/lib/captcha/inject';
import type { VendorName } from '@/lib/captcha/vendor';
import { createKeyStore } from '@/lib/key-store';
import type { BackgroundToContent } from '@/lib/messaging';
import type { Settings } from '@/lib/settings';
import { type AnnounceTarget, createAnnouncer, dispatchSolveEvent } from '@/lib/solver/announce';
import { createSolver } from '@/lib/solver/engine';
import type { Job } from '@/lib/solver/jobs';
import { engineStorage, imageFetchesItem, imagePairsItem, readSettings } from '@/lib/storage';
import { fetchBalance } from './balance';
import { createFrameMessages } from './frame-messages';
import { createImageFlow } from './image-flow';
import { pinned } from './pin';

/** A client bound to the endpoint in the settings at the time of each call (the user may change it). */
function settingsBoundClient(): AnySolverClient {
  const current = async () => {
    const { endpoint } = await readSettings();
    const parsed = parseEndpoint(endpoint);
    // Not a user message: the job fails as UNEXPECTED, the options page shows the endpoint's own error.
    if (!parsed.ok) throw new Error('invalid endpoint');
    return createAnySolverClient({ endpoint: parsed.url });
  };
  return {
    createTask: async (key, task, routing) => (await current()).createTask(key, task, routing),
    getTaskResult: async (key, id) => (await current()).getTaskResult(key, id),
    getBalance: async (key) => (await current()).getBalance(key),
  };
}

/**
 * Send to one frame. With the documentId (Chrome, Firefox ESR 153), a frame that navigated since it reported
 * the widget, or a tab id reused after a restart, never receives the message — so a token only reaches
 * its page (e2e/firefox/delivery.firefox.ts replaces the document mid-task in Firefox).
 */
const frameSender =
  (browser: WebExt) =>
  async (
    tabId: number,
    frameId: number,
    message: BackgroundToContent,
    documentId?: string,
  ): Promise<unknown> =>
    pinned(documentId, (pin) =>
      browser.tabs.sendMessage(
        tabId,
        message,
        (pin ? { frameId, documentId } : { frameId }) as { frameId: number },
      ),
    );

/** The browser APIs the background uses (the real `browser`, or WXT's fake browser in tests). */
export type WebExt = typeof defaultBrowser;
type ExecuteScript = Parameters<WebExt['scripting']['executeScript']>[0];

/** scripting.executeScript for lib/captcha/inject.ts. */
const scriptRunnerOf = (browser: WebExt): ScriptRunner => ({
  async func(t, world, fn, args) {
    const results = await pinned(t.documentId, (pin) =>
      browser.scripting.executeScript({
        target: targetOf(t, pin),
        world,
        injectImmediately: true,
        func: fn,
        args,
      } as unknown as ExecuteScript),
    );
    return results[0]?.result as ReturnType<typeof fn> | undefined;
  },
  async file(t, file) {
    await pinned(t.documentId, (pin) =>
      browser.scripting.executeScript({ target: targetOf(t, pin), files: [file] } as ExecuteScript),
    );
  },
});

/**
 * Per-document injection records (channel secret, main-world half injected), in storage.session so a
 * stopped worker does not inject a document's main-world half twice; a memory copy answers at once.
 */
const documentRecordsOf = (browser: WebExt) => {
  const KEY = 'injectedDocuments';
  const MAX = 500;
  let memory: Record<string, DocumentRecord> | null = null;
  const load = async () => {
    const stored = (await browser.storage.session.get(KEY).catch(() => ({}))) as Record<string, unknown>;
    memory ??= (stored[KEY] as Record<string, DocumentRecord> | undefined) ?? {};
    return memory;
  };
  const save = () => browser.storage.session.set({ [KEY]: memory }).catch(() => undefined);
  return {
    async get(key: string) {
      return (await load())[key];
    },
    async set(key: string, rec: DocumentRecord) {
      const m = await load();
      m[key] = rec;
      const keys = Object.keys(m);
      for (const k of keys.slice(0, Math.max(0, keys.length - MAX))) delete m[k];
      await save();
    },
    async forget(tabId: number, frameId: number) {
      const m = await load();
      let changed = false;
      for (const k of Object.keys(m)) {
        const [t, f, documentId] = k.split(':');
        // A documentId names one document for good: only frame-keyed records (no documentId) go stale.
        const frameKeyed = !documentId;
        if (
          Number(t) === tabId &&
          (frameId === -1 || (frameKeyed && (frameId === 0 || Number(f) === frameId)))
        ) {
          delete m[k];
          changed = true;
        }
      }
      if (changed) await save();
    },
  };
};

/** documentIds pins the document that was seen: a frame that navigated meanwhile is skipped. */
function targetOf(t: Pick<InjectTarget, 'tabId' | 'frameId' | 'documentId'>, pin: boolean) {
  return pin && t.documentId
    ? { tabId: t.tabId, documentIds: [t.documentId] }
    : { tabId: t.tabId, frameIds: [t.frameId] };
}

/**
 * The solve events (opt-in: lib/solver/announce.ts): one tiny function into exactly the frame and
 * document that has the widget, in the extension's isolated world (the page's world may be booby-trapped;
 * a string `detail` reaches the page's listeners from there in both browsers).
 */
function createSolveEvents(browser: WebExt) {
  return createAnnouncer({
    readSettings,
    now: () => Date.now(),
    dispatch: (t: AnnounceTarget, name: string, detail: string) =>
      pinned(t.documentId, (pin) =>
        browser.scripting.executeScript({
          target: targetOf(t, pin),
          world: 'ISOLATED',
          injectImmediately: true,
          func: dispatchSolveEvent,
          args: [name, detail, t.origin],
        } as unknown as ExecuteScript),
      ),
  });
}

/** Everything the background's handlers use, built once per worker lifetime. */
export function createServices(browser: WebExt = defaultBrowser) {
  const sendToFrame = frameSender(browser);
  const documentRecords = documentRecordsOf(browser);
  const keyStore = createKeyStore();
  const api = settingsBoundClient();
  // After a paid task finishes, refresh the cached balance once things settle (the API asks callers
  // not to hammer getBalance: one refresh per burst of solves).
  let balanceTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshBalanceSoon = () => {
    clearTimeout(balanceTimer);
    balanceTimer = setTimeout(async () => {
      const key = await keyStore.get();
      if (key) await fetchBalance(api, key);
    }, 2000);
  };
  const frames = createFrameMessages({ send: sendToFrame, readSettings });
  const solver = createSolver({
    api,
    storage: engineStorage,
    getKey: () => keyStore.get(),
    readSettings,
    deliver: (job, token, settings) => frames.deliver(job, token, settings),
    notify(job: Job, settings?: Settings) {
      if (job.taskId && (job.status === 'solved' || job.status === 'failed')) refreshBalanceSoon();
      void frames.status(job, settings).catch(() => undefined);
    },
    setBadge(tabId: number | null, text: string, color: string) {
      const details = tabId === null ? {} : { tabId };
      void browser.action.setBadgeText({ ...details, text }).catch(() => undefined);
      void browser.action.setBadgeBackgroundColor({ ...details, color }).catch(() => undefined);
    },
    alarms: {
      create: (name, info) => void browser.alarms.create(name, info),
      clear: (name) => void browser.alarms.clear(name),
    },
    liveTabs: async () => (await browser.tabs.query({})).flatMap((t) => (t.id === undefined ? [] : [t.id])),
    // After the limits passed: the image the user sees (image-flow.ts). `image` is built below.
    prepareWidget: (job) => image.prepare(job),
    announce: createSolveEvents(browser),
    now: () => Date.now(),
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
  });

  /** Inject what a vendor sighting calls for (lib/captcha/inject.ts); the detector starts once per frame. */
  const injectOne = createInjector(scriptRunnerOf(browser), documentRecords);
  const injectDetector = (
    tabId: number,
    frameId: number,
    documentId?: string,
    vendor: VendorName = 'image',
  ) => injectOne({ tabId, frameId, documentId, vendor });

  const image = createImageFlow({
    solver,
    inject: injectDetector,
    send: sendToFrame,
    async frame(tabId, frameId) {
      const f = await browser.webNavigation.getFrame({ tabId, frameId }).catch(() => null);
      // documentId: Chrome and Firefox ESR 153 (ESR 140 has none; job keys then carry none either).
      return f ? { url: f.url, documentId: (f as { documentId?: string }).documentId } : null;
    },
    pairs: imagePairsItem,
    fetchImage: (url, credentials) => fetchImageDataUri(url, { credentials }),
    tab: async (tabId) => {
      const t = await browser.tabs.get(tabId);
      return { active: t.active, windowId: t.windowId };
    },
    captureVisible: (windowId) => browser.tabs.captureVisibleTab(windowId, { format: 'png' }),
    crop: cropScreenshot,
    fetched: imageFetchesItem,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  });

  return {
    browser,
    keyStore,
    api,
    solver,
    image,
    injectDetector,
    /** A frame committed a new document (frameId) or the tab closed (-1): its injection records go. */
    forgetDocuments: (tabId: number, frameId: number) => documentRecords.forget(tabId, frameId),
    setUpContextMenu() {
      // contextMenus.create throws on duplicates after a worker restart: recreate from scratch.
      void browser.contextMenus.removeAll().then(() =>
        browser.contextMenus.create({
          id: 'solve-image',
          title: browser.i18n.getMessage('menuSolveImage') || 'Solve this image captcha',
          contexts: ['image'],
        }),
      );
    },
  };
}

export type Services = ReturnType<typeof createServices>;
