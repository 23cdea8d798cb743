import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * WXT's content-script context only reads `browser.runtime.id`; give it a tiny shim instead of the
 * webextension-polyfill so the always-on captcha content script stays within its size budget (the
 * background and extension pages keep the polyfill).
 */
const lightBrowserForContentScripts = {
  name: 'anysolver:light-browser-for-content-scripts',
  enforce: 'pre' as const,
  resolveId(id: string, importer?: string) {
    if (id !== 'wxt/browser' && id !== '@wxt-dev/webextension-polyfill/browser') return null;
    if (!importer || !/wxt[\\/]dist[\\/]utils[\\/](content-script-context|internal[\\/]custom-events)\.mjs$/.test(importer)) return null;
    return fileURLToPath(new URL('./lib/captcha/content/light-browser.ts', import.meta.url));
  },
};

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  // OUT_DIR lets parallel builds (e2e, bench) use their own folders.
  outDir: process.env.OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact(), lightBrowserForContentScripts] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'scripting', 'contextMenus', 'webNavigation', 'webRequest'],
    host_permissions: ['<all_urls>'],
    commands: {
      'solve-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandSolvePage__',
      },
    },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'anysolver-extension@anysolver.local',
              // 140: first version with data_collection_permissions (and MAIN-world content scripts).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
