import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { FRAME_AGENT_MATCHES } from './lib/captcha/frame-agent/matches';
import { managedSchema } from './lib/managed-schema';
import { run as writeVendorLists } from './scripts/vendors.mjs';

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  // OUT_DIR lets parallel builds (e2e, bench) use their own folders.
  outDir: process.env.OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The vendor lists, from the vendor folders (scripts/vendors.mjs): a new folder is in the build.
    'build:before': () => {
      writeVendorLists();
    },
    // Chrome's policy schema, derived from the settings schema (lib/managed-schema.ts).
    'build:publicAssets': (_wxt, files) => {
      files.push({
        relativeDest: 'managed-schema.json',
        contents: `${JSON.stringify(managedSchema(), null, 2)}\n`,
      });
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'scripting', 'contextMenus', 'webNavigation', 'webRequest'],
    host_permissions: ['<all_urls>'],
    // The only always-declared script: the frame agent, in the vendors' own widget frames only.
    content_scripts: [
      { matches: FRAME_AGENT_MATCHES, js: ['frame-agent.js'], all_frames: true, run_at: 'document_start' },
    ],
    commands: {
      'solve-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandSolvePage__',
      },
    },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
    // Managed configuration (docs/automation.md): Chrome reads policy values for this extension through
    // this schema; Firefox reads policies.json → 3rdparty → Extensions and has no schema key.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'anysolver-extension@anysolver.local',
              // 140: first version with data_collection_permissions (and MAIN-world content scripts).
              strict_min_version: '140.0',
              // What every task transmits to the API (README, Privacy): the page's URL (browsingActivity)
              // and what the page shows of the captcha — its title, the widget's fields, a marked image
              // (websiteContent). Without them nothing can be solved, so they are required.
              data_collection_permissions: { required: ['browsingActivity', 'websiteContent'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
