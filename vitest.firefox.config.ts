import { defineConfig } from 'vitest/config';

// Firefox ESR tests (e2e/firefox): one Firefox at a time (2-core machines), generous timeouts.
export default defineConfig({
  test: {
    include: ['e2e/firefox/**/*.firefox.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    retry: process.env.CI ? 1 : 0,
  },
});
