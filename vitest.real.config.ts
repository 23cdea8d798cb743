import { defineConfig } from 'vitest/config';
import { corpusProblem } from './e2e/real/real-rig';

// The real-vendor suite (`npm run e2e:real`, not part of `npm test`): the vendors' real client scripts from
// the vendor corpus kept outside the repository (e2e/real/README.md). Without the corpus it stops here.
const problem = corpusProblem();
if (problem) {
  console.error(`e2e:real: ${problem}`);
  process.exit(1);
}

export default defineConfig({
  test: {
    include: ['e2e/real/*.real.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    reporters: ['default', './e2e/real/summary-reporter.ts'],
  },
});
