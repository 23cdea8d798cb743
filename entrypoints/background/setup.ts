import { browser } from 'wxt/browser';
import { applyManagedKey } from '@/lib/background/managed-key';
import { createRouter } from '@/lib/background/router';
import { extensionOrigin } from '@/lib/background/sender';
import { createServices, type Services, type WebExt } from '@/lib/background/services';
import { asPageSender } from '@/lib/background/vendor-frame';
import {
  createSightings,
  VENDOR_FRAME_FILTERS,
  VENDOR_SCRIPT_PATTERNS,
} from '@/lib/captcha/vendor-sightings';
import { WATCHDOG_ALARM } from '@/lib/solver/engine';
import { contentHandlers, pageHandlers } from './handlers';

/**
 * Register every background listener (synchronously, at worker start) and resume unfinished jobs.
 * Wiring only: each listener hands its event to a lib/ function. `b` and `make` are the browser and the
 * services (tests pass WXT's fake browser and fakes).
 */
export function setUpBackground(
  b: WebExt = browser,
  make: (b: WebExt) => Services = createServices,
): Services {
  const services = make(b);
  const { solver } = services;
  // Captcha vendors are seen by the browser, not by a script in every frame (vendor-sightings.ts):
  // a vendor frame starting to load, or a vendor script requested, injects the detector into its page frame.
  const sightings = createSightings({
    inject: (t) => services.injectDetector(t.tabId, t.frameId, t.documentId, t.vendor),
  });

  b.runtime.onMessage.addListener(
    createRouter({
      services,
      content: contentHandlers,
      pages: pageHandlers,
      origin: extensionOrigin(b),
      ownId: b.runtime.id,
      pageSender: (from) => asPageSender(from, b.webNavigation),
    }),
  );
  b.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCHDOG_ALARM) void solver.onAlarm(alarm);
  });
  b.tabs.onRemoved.addListener((tabId) => {
    sightings.forget(tabId, -1);
    void services.forgetDocuments(tabId, -1);
    void solver.onTabRemoved(tabId);
  });
  b.webNavigation.onBeforeNavigate.addListener((d) => void sightings.onFrame(d), {
    url: VENDOR_FRAME_FILTERS,
  });
  b.webRequest.onBeforeRequest.addListener((d) => void sightings.onScript(d), {
    urls: VENDOR_SCRIPT_PATTERNS,
    types: ['script'],
  });
  b.webNavigation.onCommitted.addListener((d) => {
    // Chrome and Firefox ESR 153 name the committed document; ESR 140 does not.
    const { documentId } = d as { documentId?: string };
    sightings.forget(d.tabId, d.frameId, documentId);
    void services.forgetDocuments(d.tabId, d.frameId);
    void solver.onNavigated(d.tabId, d.frameId, documentId);
  });
  b.commands.onCommand.addListener(async (command) => {
    if (command !== 'solve-page') return;
    const [tab] = await b.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await solver.solveTab(tab.id);
  });
  b.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== 'solve-image' || tab?.id === undefined || !info.srcUrl) return;
    void services.image.solveImage(tab.id, info.frameId ?? 0, info.srcUrl);
  });
  // Image captchas the user marked on a site are looked for again on the next visit, in every frame.
  b.webNavigation.onCompleted.addListener(
    (d) => void services.image.onFrameLoaded(d.tabId, d.frameId, d.url),
  );
  // A policy (storage.managed) applies live: the key now; settings are read through it on every use.
  b.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void applyManagedKey(services, { refreshBalance: true }).catch(() => undefined);
  });
  services.setUpContextMenu();
  // Every wake (install, browser start, an event after the worker was stopped) resumes unfinished jobs.
  void applyManagedKey(services)
    .catch(() => undefined)
    .finally(() => solver.resume());
  return services;
}
