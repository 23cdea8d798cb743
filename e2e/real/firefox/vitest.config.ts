import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// The real-vendor cases in Firefox ESR (`npm run e2e:real:firefox`, not part of `npm test`): the vendors'
// real client scripts from the vendor corpus kept outside the repository (e2e/real/README.md), the built
// Firefox MV3 extension (.output/firefox-mv3 or $FIREFOX_EXT_DIR). Without the corpus or Firefox ESR the
// cases are skipped with a message (the summary says why).
export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, '../../..'),
    include: ['e2e/real/firefox/**/*.firefox.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 90_000,
    reporters: ['default', './e2e/real/firefox/summary-reporter.ts'],
  },
});
