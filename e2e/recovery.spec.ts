import { test as base, expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LATEST_SCHEMA_VERSION } from '../src/core/store/migrate';
import { DATABASE_FILE_NAME } from '../src/core/store/open';
import { startE2eHost, type E2eHost } from './host/server';
import { AppPage } from './pages/app-page';
import { findSystemChromium, QUIET_CHROMIUM_ARGS } from './support/browsers';

// These journeys damage or replace the library file before the app starts, so each runs its own
// e2e host in the browser project. The Electron project would need the same file set up before
// launch (BRIEFING_DATA_DIR); it is skipped here like every Electron run without a binary.
const test = base.extend<{ dataDir: string; open: (host: E2eHost) => Promise<Page> }>({
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'briefing-e2e-recovery-'));
    try {
      await use(dataDir);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  open: async ({ playwright }, use, testInfo) => {
    testInfo.skip(testInfo.project.name === 'electron', 'Runs against the browser e2e host.');
    const chromium = findSystemChromium();
    const browser = await playwright.chromium.launch({
      ...(chromium === undefined ? {} : { executablePath: chromium }),
      args: QUIET_CHROMIUM_ARGS,
    });
    const problems: string[] = [];
    try {
      await use(async (host) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        page.on('pageerror', (error) => problems.push(String(error)));
        await page.goto(host.url);
        return page;
      });
    } finally {
      await browser.close();
    }
    expect(problems, 'uncaught errors in the page').toEqual([]);
  },
});

const DOCUMENT = 'Red Sea War-Risk Premiums Refuse to Fall';

/**
 * Runs the app once on `dataDir` (a first run imports the sample corpus), does `work`, and closes
 * it, leaving a library for the journey to damage or replace; returns the export folder.
 */
async function runOnce(dataDir: string, work: (host: E2eHost) => Promise<unknown> = () => Promise.resolve()) {
  const exportDir = join(dataDir, 'exports');
  const host = await startE2eHost({ dataDir, exportDir });
  try {
    await work(host);
  } finally {
    await host.close();
  }
  return exportDir;
}

test('a damaged library opens on the recovery screen, and the newest good backup brings the work back', async ({
  dataDir,
  open,
}) => {
  // A library with the sample corpus and a briefing, backed up, then closed.
  const exportDir = await runOnce(dataDir, async (first) => {
    await first.handlers.createBriefing({ title: 'Red Sea shipping note' });
    await first.library.backupNow('scheduled');
  });

  // The file is damaged while the app is closed (a disk fault, a bad sync).
  const file = join(dataDir, DATABASE_FILE_NAME);
  const bytes = readFileSync(file);
  bytes.fill(0x00, 0, 100);
  bytes.write('damaged by a sync client', 0);
  writeFileSync(file, bytes);
  const damagedHash = createHash('sha256').update(bytes).digest('hex');

  const host = await startE2eHost({ dataDir, exportDir });
  try {
    const page = await open(host);
    await expect(page.getByRole('heading', { name: 'Your library could not be opened' })).toBeVisible();
    await expect(page.getByText(/the file is damaged or is not a Briefing Builder library/)).toBeVisible();
    const backups = page.getByRole('region', { name: 'Backups' }).getByRole('listitem');
    await expect(backups).toHaveCount(1);
    await expect(backups.first()).toContainText('scheduled backup');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: join('test-results', 'recovery-screen.png') });

    await page.getByRole('button', { name: /^Restore newest good backup/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your library was replaced' })).toContainText(
      /set-aside\/briefing-builder-.*-damaged\.sqlite/,
    );
    await new AppPage(page).openDocument(DOCUMENT);
    await expect(page.getByRole('heading', { name: DOCUMENT }).first()).toBeVisible();
    expect((await host.handlers.listBriefings({})).map((briefing) => briefing.title)).toContain(
      'Red Sea shipping note',
    );
    const { setAside } = await host.handlers.libraryStatus({});
    expect(
      createHash('sha256')
        .update(readFileSync(join(dataDir, setAside ?? '')))
        .digest('hex'),
    ).toBe(damagedHash);
  } finally {
    await host.close();
  }
});

test('a library from a newer version opens read-only with a banner, and changes are refused', async ({
  dataDir,
  open,
}) => {
  const exportDir = await runOnce(dataDir);
  const db = new Database(join(dataDir, DATABASE_FILE_NAME));
  db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
  db.close();

  const host = await startE2eHost({ dataDir, exportDir });
  try {
    const page = await open(host);
    await expect(page.getByRole('status').filter({ hasText: 'Read-only library.' })).toContainText(
      'saved by a newer version of Briefing Builder',
    );
    await new AppPage(page).openDocument(DOCUMENT);
    await expect(page.getByRole('heading', { name: DOCUMENT }).first()).toBeVisible();
    await expect(host.handlers.createBriefing({ title: 'Not saved' })).rejects.toMatchObject({
      code: 'library-read-only',
    });
  } finally {
    await host.close();
  }
});

test('damage found by the check of a large library, after it opened, sends the window to recovery', async ({
  dataDir,
  open,
}) => {
  const exportDir = await runOnce(dataDir);
  // Two indexes the window does not read on its way in are damaged: the library still opens.
  const file = join(dataDir, DATABASE_FILE_NAME);
  const db = new Database(file);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const roots = db
    .prepare(
      "SELECT rootpage FROM sqlite_master WHERE name IN ('excerpts_by_carried_from', 'briefing_versions_by_briefing')",
    )
    .pluck()
    .all() as number[];
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  expect(roots).toHaveLength(2);
  const bytes = readFileSync(file);
  for (const root of roots) bytes.fill(0x5a, (root - 1) * pageSize, root * pageSize);
  writeFileSync(file, bytes);

  // Every library counts as large here, and its check waits until the window is up.
  let windowUp: () => void = () => undefined;
  const checkAfter = new Promise<void>((resolve) => {
    windowUp = resolve;
  });
  const host = await startE2eHost({
    dataDir,
    exportDir,
    library: { scheduledBackups: false, startCheckLimitBytes: 0, backgroundWorkAfter: checkAfter },
  });
  try {
    const page = await open(host);
    const ui = new AppPage(page);
    await expect(ui.library.getByRole('button', { name: new RegExp(DOCUMENT) })).toBeVisible();
    windowUp();
    expect(await host.library.startCheck()).toBe('damaged');
    // The next thing the analyst does finds the library closed, and the window says why.
    await ui.library.getByRole('button', { name: new RegExp(DOCUMENT) }).click();
    await expect(page.getByRole('heading', { name: 'Your library could not be opened' })).toBeVisible();
    await expect(page.getByText(/the quick check found/)).toBeVisible();
  } finally {
    await host.close();
  }
});
