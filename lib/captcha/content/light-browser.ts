/**
 * What WXT's ContentScriptContext needs from `browser` (only `runtime.id`, to notice an extension reload),
 * without the ~10 KB webextension-polyfill: the always-on content script must stay small. wxt.config.ts
 * resolves `wxt/browser` to this file for WXT's content-script context only.
 */
const g = globalThis as { browser?: { runtime?: { id?: string } }; chrome?: { runtime?: { id?: string } } };

export const browser = g.browser ?? g.chrome;
