/**
 * Test support: answer browser.i18n.getMessage from the real public/_locales/en/messages.json the way
 * Chrome does (named placeholders whose content is $1…$9), so component tests see the shipped English.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** The English catalogue shipped with the extension. */
export const messages: Record<string, Entry> = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'),
);

/** Chrome's getMessage over the English catalogue ('' for an unknown key, like the browser). */
export function getMessage(key: string, subs: string[] = []): string {
  const entry = messages[key];
  if (!entry) return '';
  const positional = (s: string) => s.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return entry.message
    .replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
      const ph = entry.placeholders?.[name.toLowerCase()];
      return ph ? positional(ph.content) : whole;
    })
    .replace(/\$\$/g, '$');
}

/** Install the catalogue on the fake browser (call after fakeBrowser.reset()). */
export function installI18n(): void {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string | string[]) =>
    getMessage(key, typeof subs === 'string' ? [subs] : subs)) as never);
}
