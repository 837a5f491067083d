import { test as base, expect, _electron, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startE2eHost } from '../host/server';
import { findElectronBinary, findSystemChromium, QUIET_CHROMIUM_ARGS } from './browsers';

export type AppFixture = Readonly<{ page: Page; exportDir: string; dataDir: string }>;

const REPO_ROOT = resolve(__dirname, '../..');

/**
 * `app` opens Briefing Builder on a fresh library seeded from the sample corpus: in Chromium through
 * the e2e host (project `browser`), or as the real Electron app (project `electron`, skipped where
 * no Electron binary exists).
 */
export const test = base.extend<{ app: AppFixture }>({
  app: async ({ playwright }, use, testInfo) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'briefing-e2e-'));
    const exportDir = join(dataDir, 'exports');
    try {
      if (testInfo.project.name === 'electron') {
        const executablePath = findElectronBinary();
        testInfo.skip(
          executablePath === undefined,
          'No Electron binary on this machine (set ELECTRON_EXEC_PATH or run npm run prepare-electron).',
        );
        const electronApp = await _electron.launch({
          executablePath: executablePath ?? '',
          args: [REPO_ROOT],
          env: { ...process.env, BRIEFING_DATA_DIR: dataDir, BRIEFING_E2E_EXPORT_DIR: exportDir },
        });
        try {
          const page = await electronApp.firstWindow();
          await use({ page, exportDir, dataDir });
        } finally {
          await electronApp.close();
        }
        return;
      }
      const host = await startE2eHost({ dataDir, exportDir });
      const chromium = findSystemChromium();
      // The browser is launched here, not through the `browser` fixture, so the electron project
      // never needs one.
      const browser = await playwright.chromium.launch({
        ...(chromium === undefined ? {} : { executablePath: chromium }),
        args: QUIET_CHROMIUM_ARGS,
      });
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(String(error)));
      await page.goto(host.url);
      try {
        await use({ page, exportDir, dataDir });
      } finally {
        await context.close();
        await browser.close();
        await host.close();
      }
      expect(problems, 'uncaught errors in the page').toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
