/**
 * The popup's storage access, through the items of lib/storage-items.ts (zod-free: lib/storage.ts
 * parses settings with zod, and the popup must open fast — zod would more than double its bundle).
 * Settings written here keep every other field; the background re-parses them through the schema on
 * every read.
 */

import { browser } from 'wxt/browser';
import { historyItem, settingsItem } from '@/lib/storage-items';
import type { PopupStorage, PopupTab } from './popup-state';

/** The real PopupStorage over browser.storage. */
export function createPopupStorage(): PopupStorage {
  return {
    async readAutoSolve() {
      const s = await settingsItem.getValue();
      return s?.autoSolve ?? true;
    },
    async writeAutoSolve(on) {
      const s = (await settingsItem.getValue()) ?? {};
      await settingsItem.setValue({ ...s, autoSolve: on });
    },
    async readHistory() {
      const h = await historyItem.getValue();
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
