/**
 * The popup's storage access, by the keys of lib/storage-keys.ts (the items themselves are declared in
 * lib/storage-items.ts). Zod-free and free of item definitions: lib/storage.ts parses settings with zod,
 * and the popup must open fast (zod would more than double its bundle). Settings written here keep
 * every other field; the background re-parses them through the schema on every read.
 */

import { browser } from 'wxt/browser';
import { storage } from '#imports';
import type { Settings } from '@/lib/settings';
import { HISTORY_KEY, SETTINGS_KEY } from '@/lib/storage-keys';
import type { PopupStorage, PopupTab } from './popup-state';
import type { HistoryRecord } from './types';

/** The real PopupStorage over browser.storage. */
export function createPopupStorage(): PopupStorage {
  return {
    async readAutoSolve() {
      const s = await storage.getItem<Partial<Settings>>(SETTINGS_KEY);
      return s?.autoSolve ?? true;
    },
    async writeAutoSolve(on) {
      const s = (await storage.getItem<Partial<Settings>>(SETTINGS_KEY)) ?? {};
      await storage.setItem(SETTINGS_KEY, { ...s, autoSolve: on });
    },
    async readHistory() {
      const h = await storage.getItem<HistoryRecord[]>(HISTORY_KEY);
      return Array.isArray(h) ? [...h].sort((a, b) => b.at - a.at) : [];
    },
    onChanged(cb) {
      const listener = () => cb();
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

/**
 * The tab the popup acts on: the active tab of its window. `?tab=<id>` overrides it, so the popup can
 * be opened as a normal page (end-to-end tests, and the keyboard shortcut's fallback).
 */
export async function resolvePopupTab(search: string): Promise<PopupTab | null> {
  const forced = Number(new URLSearchParams(search).get('tab'));
  const tab =
    Number.isInteger(forced) && forced > 0
      ? await browser.tabs.get(forced).catch(() => null)
      : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (tab?.id === undefined) return null;
  return { id: tab.id, origin: webOrigin(tab.url) };
}

/** The origin of an http(s) page; null for browser pages, files and the extension itself. */
export function webOrigin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}
