import { defineConfig } from 'vitest/config'

// The reading page in a real browser: Debian's Chromium driven by playwright-core,
// against the worker under `wrangler dev` with the replay model; and the Node-side
// tests of the scripts and the README (test/node). Runs in Node.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts', 'test/node/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/browser.json' }]] : ['default'],
  },
})
