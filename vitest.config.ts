import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'lib/**/*.test.{ts,tsx}',
      'components/**/*.test.{ts,tsx}',
      'entrypoints/**/*.test.{ts,tsx}',
      'sandbox/**/*.test.{ts,mjs}',
      'tests/**/*.test.{ts,tsx}',
    ],
    restoreMocks: true,
    // Fixture DOMs name vendor scripts and frames by their real URLs: never fetch them, and do not
    // print a load error for each one.
    environmentOptions: {
      happyDOM: {
        settings: {
          disableJavaScriptFileLoading: true,
          disableIframePageLoading: true,
          disableCSSFileLoading: true,
          handleDisabledFileLoadingAsSuccess: true,
        },
      },
    },
    testTimeout: 15_000,
  },
});
