import { browser } from 'wxt/browser';
import {
  createSightings,
  VENDOR_FRAME_FILTERS,
  VENDOR_SCRIPT_PATTERNS,
} from '@/lib/captcha/vendor-sightings';
import { contentMessageSchema, pageMessageSchema } from '@/lib/messaging';
import { WATCHDOG_ALARM } from '@/lib/solver/engine';
import { contentHandlers, pageHandlers } from './handlers';
import { applyManagedKey } from './managed-key';
import { classifySender, extensionOrigin } from './sender';
import { createServices } from './services';
import { asPageSender } from './vendor-frame';

/** Register every background listener (synchronously, at worker start) and resume unfinished jobs. */
export function setUpBackground(): void {
  const services = createServices();
  const { solver } = services;
  const origin = extensionOrigin();
  // Captcha vendors are seen by the browser, not by a script in every frame (lib/captcha/vendor-sightings.ts):
  // a vendor frame starting to load, or a vendor script requested, injects the detector into its page frame.
  const sightings = createSightings({
    inject: (t) => services.injectDetector(t.tabId, t.frameId, t.documentId, t.vendor),
  });

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const from = classifySender(sender, origin, browser.runtime.id);
    if (from.kind === 'content') {
      const parsed = contentMessageSchema.safeParse(message);
      if (!parsed.success) return undefined; // a page-influenced message that is not ours: ignore
      const handler = contentHandlers[parsed.data.type] as (
        s: typeof services,
        m: typeof parsed.data,
        f: typeof from,
      ) => unknown;
      // A frame agent in a vendor's widget frame speaks for the page embedding it (vendor-frame.ts).
      return asPageSender(from)
        .then((sender) => (sender ? handler(services, parsed.data, sender) : undefined))
        .catch(() => undefined);
    }
    if (from.kind === 'page') {
      const parsed = pageMessageSchema.safeParse(message);
      if (!parsed.success) return Promise.resolve({ ok: false, notice: { key: 'err_UNEXPECTED' } });
      const handler = pageHandlers[parsed.data.type] as (
        s: typeof services,
        m: typeof parsed.data,
      ) => unknown;
      // The page renders the notice; what was thrown is not shown (it could quote a request).
      return Promise.resolve(handler(services, parsed.data)).catch(() => ({
        ok: false,
        notice: { key: 'err_UNEXPECTED' },
      }));
    }
    return undefined;
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCHDOG_ALARM) void solver.onAlarm(alarm);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    sightings.forget(tabId, -1);
    void services.forgetDocuments(tabId, -1);
    void solver.onTabRemoved(tabId);
  });
  browser.webNavigation.onBeforeNavigate.addListener((d) => void sightings.onFrame(d), {
    url: VENDOR_FRAME_FILTERS,
  });
  browser.webRequest.onBeforeRequest.addListener((d) => void sightings.onScript(d), {
    urls: VENDOR_SCRIPT_PATTERNS,
    types: ['script'],
  });
  browser.webNavigation.onCommitted.addListener((d) => {
    // Chrome and Firefox ESR 153 name the committed document; ESR 140 does not.
    const { documentId } = d as { documentId?: string };
    sightings.forget(d.tabId, d.frameId, documentId);
    void services.forgetDocuments(d.tabId, d.frameId);
    void solver.onNavigated(d.tabId, d.frameId, documentId);
  });
  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'solve-page') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await solver.solveTab(tab.id);
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== 'solve-image' || tab?.id === undefined || !info.srcUrl) return;
    void services.image.solveImage(tab.id, info.frameId ?? 0, info.srcUrl);
  });
  // Image captchas the user marked on a site are looked for again on the next visit, in every frame.
  browser.webNavigation.onCompleted.addListener(
    (d) => void services.image.onFrameLoaded(d.tabId, d.frameId, d.url),
  );
  // A policy (storage.managed) applies live: the key now; settings are read through it on every use.
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void applyManagedKey(services, { refreshBalance: true }).catch(() => undefined);
  });
  services.setUpContextMenu();
  // Every wake (install, browser start, an event after the worker was stopped) resumes unfinished jobs.
  void applyManagedKey(services)
    .catch(() => undefined)
    .finally(() => solver.resume());
}
