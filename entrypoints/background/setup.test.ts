// setUpBackground on WXT's fake browser: the listeners it registers, and each event routed to its lib
// function. The services are fakes recording their calls (the real ones are tested in lib/background/).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Services, WebExt } from '@/lib/background/services';
import { WATCHDOG_ALARM } from '@/lib/solver/engine';
import { setUpBackground } from './setup';

/** An event for the APIs the fake browser leaves unimplemented (webRequest, commands, contextMenus). */
function event<A extends unknown[]>() {
  const listeners: Array<(...a: A) => unknown> = [];
  return {
    addListener: (l: (...a: A) => unknown) => void listeners.push(l),
    hasListeners: () => listeners.length > 0,
    trigger: (...a: A) => Promise.all(listeners.map((l) => l(...a))),
  };
}

function start() {
  const b = {
    ...fakeBrowser,
    webRequest: { onBeforeRequest: event() },
    commands: { onCommand: event<[string]>() },
    contextMenus: { onClicked: event<[unknown, unknown]>() },
  };
  const solver = {
    report: vi.fn(async () => []),
    widgetsGone: vi.fn(async () => undefined),
    expired: vi.fn(async () => undefined),
    onAlarm: vi.fn(async () => undefined),
    onTabRemoved: vi.fn(async () => undefined),
    onNavigated: vi.fn(async () => undefined),
    solveTab: vi.fn(async () => undefined),
    resume: vi.fn(async () => undefined),
    accountChanged: vi.fn(async () => undefined),
  };
  const keyStore = { get: vi.fn(async () => 'anysolver_key_1234'), set: vi.fn(), clear: vi.fn() };
  const services = {
    browser: b,
    keyStore,
    api: { getBalance: vi.fn(), createTask: vi.fn(), getTaskResult: vi.fn() },
    solver,
    image: { solveImage: vi.fn(async () => ({ ok: true, jobId: 'j' })), onFrameLoaded: vi.fn() },
    injectDetector: vi.fn(async () => undefined),
    forgetDocuments: vi.fn(async () => undefined),
    setUpContextMenu: vi.fn(),
  };
  const make = vi.fn(() => services as unknown as Services);
  setUpBackground(b as unknown as WebExt, make);
  return { b, solver, keyStore, services, make };
}

const ID = fakeBrowser.runtime.id;
const page = { id: ID, url: fakeBrowser.runtime.getURL('/popup.html') };
const tabFrame = { id: ID, url: 'https://shop.test/', tab: { id: 5, url: 'https://shop.test/' }, frameId: 0 };
const settle = () => new Promise((r) => setTimeout(r, 0));
/** A runtime message as the browser delivers it: the listeners' replies. */
const message = (b: ReturnType<typeof start>['b'], m: unknown, sender: unknown) =>
  b.runtime.onMessage.trigger(m, sender as never, () => undefined);

beforeEach(() => {
  fakeBrowser.reset();
});

describe('setUpBackground', () => {
  it('registers every listener at start, builds the services once and resumes the jobs', async () => {
    const { b, make, solver, services } = start();
    expect(make).toHaveBeenCalledTimes(1);
    for (const e of [
      b.runtime.onMessage,
      b.alarms.onAlarm,
      b.tabs.onRemoved,
      b.webNavigation.onBeforeNavigate,
      b.webNavigation.onCommitted,
      b.webNavigation.onCompleted,
      b.webRequest.onBeforeRequest,
      b.commands.onCommand,
      b.contextMenus.onClicked,
      b.storage.onChanged,
    ])
      expect(e.hasListeners()).toBe(true);
    expect(services.setUpContextMenu).toHaveBeenCalledTimes(1);
    await settle();
    expect(solver.resume).toHaveBeenCalledTimes(1);
  });

  it("routes an extension page's message to its handler and answers with its reply", async () => {
    const { b } = start();
    const [reply] = await message(b, { type: 'key:status' }, page);
    expect(reply).toEqual({ hasKey: true, masked: expect.stringContaining('…'), managed: false });
    // Not a page message: a clear error, nothing done.
    const [bad] = await message(b, { type: 'key:nope' }, page);
    expect(bad).toEqual({ ok: false, notice: { key: 'err_UNEXPECTED' } });
  });

  it("parses a tab's content message and routes it with the browser's tab and frame", async () => {
    const { b, solver, keyStore } = start();
    await settle(); // the start's own work (the policy key) done
    const [reply] = await message(b, { type: 'widgets:gone', widgetIds: ['w1'] }, tabFrame);
    expect(reply).toBeUndefined();
    expect(solver.widgetsGone).toHaveBeenCalledWith(5, 0, ['w1']);
    await message(b, { type: 'widget:expired', widgetId: 'w2' }, tabFrame);
    expect(solver.expired).toHaveBeenCalledWith(5, 0, 'w2');
    // A content script cannot speak the pages' protocol, nor send junk.
    keyStore.get.mockClear();
    expect(await message(b, { type: 'key:status' }, tabFrame)).toEqual([undefined]);
    expect(await message(b, { type: 'widgets:gone', widgetIds: 'x' }, tabFrame)).toEqual([undefined]);
    expect(keyStore.get).not.toHaveBeenCalled();
    expect(solver.widgetsGone).toHaveBeenCalledTimes(1);
  });

  it('ignores a message from a web page or another extension', async () => {
    const { b, keyStore, solver } = start();
    await settle(); // the start's own work (the policy key) done
    keyStore.get.mockClear();
    const foreign = [
      { id: 'other-extension', url: 'chrome-extension://other-extension/x.html' },
      { id: 'other-extension', url: 'https://evil.test/', tab: { id: 9 }, frameId: 0 },
      { url: 'https://evil.test/' },
    ];
    for (const sender of foreign) {
      expect(await message(b, { type: 'key:status' }, sender as never)).toEqual([undefined]);
      await message(b, { type: 'widgets:gone', widgetIds: ['w'] }, sender as never);
    }
    expect(keyStore.get).not.toHaveBeenCalled();
    expect(solver.widgetsGone).not.toHaveBeenCalled();
  });

  it('routes the watchdog alarm (and only it) to the engine', async () => {
    const { b, solver } = start();
    await b.alarms.onAlarm.trigger({ name: 'something-else', scheduledTime: 1 } as never);
    expect(solver.onAlarm).not.toHaveBeenCalled();
    await b.alarms.onAlarm.trigger({ name: WATCHDOG_ALARM, scheduledTime: 2 } as never);
    expect(solver.onAlarm).toHaveBeenCalledWith({ name: WATCHDOG_ALARM, scheduledTime: 2 });
  });

  it("routes a closed tab and a frame's navigation (its documentId) to the engine, records", async () => {
    const { b, solver, services } = start();
    await b.tabs.onRemoved.trigger(3, { windowId: 1, isWindowClosing: false });
    expect(solver.onTabRemoved).toHaveBeenCalledWith(3);
    expect(services.forgetDocuments).toHaveBeenCalledWith(3, -1);
    await b.webNavigation.onCommitted.trigger({
      tabId: 4,
      frameId: 2,
      documentId: 'DOC-2',
      url: 'https://shop.test/next',
    } as never);
    expect(solver.onNavigated).toHaveBeenCalledWith(4, 2, 'DOC-2');
    expect(services.forgetDocuments).toHaveBeenCalledWith(4, 2);
  });

  it('routes the solve-page command and the context menu', async () => {
    const { b, solver, services } = start();
    await b.contextMenus.onClicked.trigger(
      { menuItemId: 'solve-image', frameId: 2, srcUrl: 'https://shop.test/c.png' },
      { id: 6 },
    );
    expect(services.image.solveImage).toHaveBeenCalledWith(6, 2, 'https://shop.test/c.png');
    await b.commands.onCommand.trigger('other');
    expect(solver.solveTab).not.toHaveBeenCalled();
    const query = vi.spyOn(b.tabs, 'query').mockResolvedValue([{ id: 11 }] as never);
    await b.commands.onCommand.trigger('solve-page');
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(solver.solveTab).toHaveBeenCalledWith(11);
  });
});
