import { defineConfig } from '@playwright/test';

/**
 * Two projects over the same specs: `browser` drives the built renderer in Chromium against the
 * real core through the e2e host; `electron` drives the real app and skips itself where no Electron
 * binary exists (see e2e/support/fixtures.ts).
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    viewport: { width: 1440, height: 900 },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'browser', use: { browserName: 'chromium' } },
    { name: 'electron', use: {} },
  ],
});
