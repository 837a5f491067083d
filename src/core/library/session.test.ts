import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { CoreError } from '../errors';
import type { CorePorts } from '../ports';
import { backupFolder, checkedBackups, listBackups, makeBackup, rotateBackups } from '../store/backups';
import { checkHere, sourceCheckWorker } from '../store/file-check';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from '../store/migrate';
import { MIGRATIONS } from '../store/migrations';
import { DATABASE_FILE_NAME } from '../store/open';
import { unpackSchemaFixture } from '../testing/schema-fixtures';
import { FONTS_DIR, tempDir } from '../testing/temp-core';
import { openLibrary, type Library } from './session';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let clock = Date.parse('2026-11-28T06:00:00Z');
function ports(dataDir: string, exportDir = dataDir): CorePorts {
  return {
    dataDir,
    fontsDir: FONTS_DIR,
    chooseSavePath: (request) => Promise.resolve(join(exportDir, request.defaultFileName)),
    chooseOpenPaths: () => Promise.resolve(null),
    showItemInFolder: () => undefined,
    now: () => new Date((clock += 1000)),
  };
}

function folder(): string {
  const dir = tempDir('briefing-library-');
  cleanups.push(dir.dispose);
  return dir.path;
}

async function open(dataDir: string, scheduled = false): Promise<Library> {
  const library = await openLibrary(ports(dataDir), { scheduledBackups: scheduled });
  cleanups.push(() => library.close());
  return library;
}

async function fill(library: Library): Promise<{ documentId: string; briefingId: string }> {
  const imported = await library.handlers.importPastedText({
    text: 'Grain corridor report\n\nShipping insurers raised war-risk premiums for Black Sea routes in March.',
  });
  const documentId = imported.documentId!;
  const excerpt = await library.handlers.createExcerpt({ documentId, start: 23, end: 60 });
  const briefing = await library.handlers.createBriefing({ title: 'Corridor note' });
  await library.handlers.addExcerptToBriefing({ briefingId: briefing.id, excerptId: excerpt.id });
  return { documentId, briefingId: briefing.id };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A folder holding a library with a document and a briefing in it, closed. */
async function filledFolder(): Promise<string> {
  const dataDir = folder();
  const first = await open(dataDir);
  await fill(first);
  await first.close();
  return dataDir;
}

async function rejection(promise: Promise<unknown>): Promise<CoreError> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CoreError);
  return error as CoreError;
}

describe('backups', () => {
  it('makes verified, self-contained backups online and lists them newest first', async () => {
    const dataDir = folder();
    const library = await open(dataDir);
    await fill(library);
    const first = await library.handlers.backupNow({});
    await library.handlers.importPastedText({ text: 'A second document arrives after the first backup.' });
    const second = await library.handlers.backupNow({});
    const listed = await library.handlers.listBackups({});
    expect(listed.map((backup) => backup.id)).toEqual([second.id, first.id]);
    expect(listed.every((backup) => backup.ok && backup.schemaVersion === LATEST_SCHEMA_VERSION)).toBe(true);
    // One file each: no -wal or -journal beside a backup.
    expect(readdirSync(backupFolder(dataDir)).sort()).toEqual([first.id, second.id].sort());
    const copy = new Database(join(backupFolder(dataDir), first.id), { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 1 });
    copy.close();
  });

  it('marks a damaged backup as not good and refuses to restore it', async () => {
    const dataDir = folder();
    const library = await open(dataDir);
    await fill(library);
    const backup = await library.handlers.backupNow({});
    const file = join(backupFolder(dataDir), backup.id);
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096, 4096 * 3); // two pages of the schema and data overwritten
    writeFileSync(file, bytes);
    const [listed] = await library.handlers.listBackups({});
    expect(listed?.ok).toBe(false);
    expect(listed?.problem).toBeTruthy();
    const refused = await rejection(library.handlers.restoreBackup({ backupId: backup.id }));
    expect(refused.code).toBe('restore-failed');
    expect((await library.handlers.listDocuments({})).length).toBe(1);
  });

  it('keeps the newest backups of each kind and deletes the older ones', async () => {
    const dataDir = folder();
    const library = await open(dataDir);
    await fill(library);
    const db = library.core()!.db;
    for (let i = 0; i < 5; i += 1) {
      await makeBackup(db, dataDir, { reason: 'scheduled', now: new Date(Date.UTC(2026, 0, 1 + i)) });
    }
    await makeBackup(db, dataDir, { reason: 'pre-migration', now: new Date(Date.UTC(2025, 0, 1)) });
    const removed = rotateBackups(dataDir, { keep: 3, keepBeforeChanges: 1 });
    expect(removed).toHaveLength(2);
    const left = await checkedBackups(dataDir, checkHere);
    expect(left.map((backup) => `${backup.createdAt.slice(0, 10)} ${backup.reason}`)).toEqual([
      '2026-01-05 scheduled',
      '2026-01-04 scheduled',
      '2026-01-03 scheduled',
      '2025-01-01 pre-migration',
    ]);
  });

  it('backs up at start when the newest backup is older than the interval, and not otherwise', async () => {
    const dataDir = folder();
    const library = await openLibrary(ports(dataDir), { backupIntervalMs: 60 * 60 * 1000 });
    await library.close();
    expect(await checkedBackups(dataDir, checkHere)).toHaveLength(1);
    const again = await openLibrary(ports(dataDir), { backupIntervalMs: 60 * 60 * 1000 });
    await again.close();
    expect(await checkedBackups(dataDir, checkHere)).toHaveLength(1);
    clock += 2 * 60 * 60 * 1000;
    const later = await openLibrary(ports(dataDir), { backupIntervalMs: 60 * 60 * 1000 });
    await later.close();
    const all = await checkedBackups(dataDir, checkHere);
    expect(all).toHaveLength(2);
    expect(all.every((backup) => backup.ok && backup.reason === 'scheduled')).toBe(true);
  });

  it('backs up an older library before migrating it, as the older version left it', async () => {
    const dataDir = folder();
    const old = new Database(join(dataDir, DATABASE_FILE_NAME));
    migrate(old, MIGRATIONS.slice(0, 5));
    old.close();
    const library = await open(dataDir);
    expect(library.status().state).toBe('ok');
    const [backup] = await checkedBackups(dataDir, checkHere);
    expect(backup).toMatchObject({ reason: 'pre-migration', schemaVersion: 5, ok: true });
    expect(schemaVersion(library.core()!.db)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('refuses a backup id that is a path, at the door and in core', async () => {
    const dataDir = folder();
    const library = await open(dataDir);
    for (const backupId of ['../briefing-builder.sqlite', '/etc/passwd', 'backup-x.sqlite', '']) {
      const envelope = await dispatch(library.handlers, 'restoreBackup', { backupId });
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    const missing = await rejection(
      library.handlers.restoreBackup({ backupId: 'backup-20260101T000000000Z-v7-manual.sqlite' }),
    );
    expect(missing.code).toBe('backup-not-found');
  });
});

describe('a library from a newer version', () => {
  it('opens read-only: reads and exports work, every change is refused, the file is untouched', async () => {
    const dataDir = folder();
    const first = await open(dataDir);
    const { briefingId } = await fill(first);
    await first.close();
    const file = join(dataDir, DATABASE_FILE_NAME);
    const newer = new Database(file);
    newer.exec('CREATE TABLE from_the_future (x INTEGER)');
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    newer.close();
    const before = sha(file);

    const library = await open(dataDir, true);
    const status = await library.handlers.libraryStatus({});
    expect(status).toMatchObject({ state: 'read-only', schemaVersion: LATEST_SCHEMA_VERSION + 1 });
    expect(status.message).toMatch(/newer version of Briefing Builder.*read-only/);
    expect(await library.handlers.listDocuments({})).toHaveLength(1);
    expect((await library.handlers.openBriefing({ briefingId })).title).toBe('Corridor note');
    const exported = await library.handlers.exportBriefing({ briefingId, format: 'md' });
    expect(readFileSync(exported.path!, 'utf8')).toContain('war-risk');
    expect(await library.handlers.listBriefingVersions({ briefingId })).toEqual([]);
    for (const attempt of [
      library.handlers.importPastedText({ text: 'A change that must not be saved anywhere at all.' }),
      library.handlers.createBriefing({ title: 'New' }),
      library.handlers.updateBriefing({ briefingId, title: 'Renamed' }),
      library.handlers.saveSearch({ name: 'x', query: 'grain' }),
    ]) {
      const refused = await rejection(attempt);
      expect(refused.code).toBe('library-read-only');
    }
    await library.close();
    expect(sha(file)).toBe(before);
    // No scheduled backup of a library this version cannot write.
    expect(listBackups(dataDir)).toEqual([]);
  });
});

describe('a damaged library', () => {
  it('opens in recovery, restores the newest good backup and keeps the damaged file', async () => {
    const dataDir = folder();
    const first = await open(dataDir);
    const { documentId } = await fill(first);
    const backup = await first.handlers.backupNow({});
    await first.close();
    const file = join(dataDir, DATABASE_FILE_NAME);
    writeFileSync(file, Buffer.from('This is not an SQLite database at all, it is a stray text file.'));
    const damagedHash = sha(file);

    const library = await open(dataDir);
    const status = await library.handlers.libraryStatus({});
    expect(status.state).toBe('damaged');
    expect(status.message).toMatch(/could not open your library/);
    expect(status.message).not.toContain(dataDir);
    const refused = await rejection(library.handlers.listDocuments({}));
    expect(refused.code).toBe('library-damaged');
    const backups = await library.handlers.listBackups({});
    expect(backups.map((listed) => [listed.id, listed.ok])).toEqual([[backup.id, true]]);

    const restored = await library.handlers.restoreBackup({ backupId: backup.id });
    expect(restored.state).toBe('ok');
    expect(restored.setAside).toMatch(/^set-aside\/briefing-builder-.*-damaged\.sqlite$/);
    expect(sha(join(dataDir, restored.setAside!))).toBe(damagedHash);
    const documents = await library.handlers.listDocuments({});
    expect(documents.map((document) => document.id)).toEqual([documentId]);
    expect(await library.handlers.listBriefings({})).toHaveLength(1);
    // The restored library takes changes.
    await library.handlers.importPastedText({ text: 'Work goes on in the restored library afterwards.' });
    expect(await library.handlers.listDocuments({})).toHaveLength(2);
  });

  it('finds damage inside a file SQLite can still open (quick_check)', async () => {
    const dataDir = await filledFolder();
    const file = join(dataDir, DATABASE_FILE_NAME);
    const bytes = readFileSync(file);
    bytes.fill(0xff, 4096, bytes.length); // every page after the first
    writeFileSync(file, bytes);
    const library = await open(dataDir);
    expect(library.status().state).toBe('damaged');
  });

  it('says an upgrade failed (not that the file is damaged) and leaves the old version as it was', async () => {
    const dataDir = folder();
    const file = join(dataDir, DATABASE_FILE_NAME);
    unpackSchemaFixture(1, file);
    const library = await openLibrary(
      {
        ...ports(dataDir),
        onMigrationStep: (version) => {
          if (version === 3) throw new Error('disk I/O error');
        },
      },
      { scheduledBackups: false },
    );
    cleanups.push(() => library.close());
    const status = library.status();
    expect(status.state).toBe('damaged');
    expect(status.message).toMatch(
      /could not bring your library up to date for this version \(disk I\/O error\)/,
    );
    expect(status.message).not.toMatch(/is damaged/);
    const db = new Database(file, { readonly: true });
    expect(schemaVersion(db)).toBe(1);
    db.close();
    // The backup made before the upgrade is there to restore.
    expect((await library.handlers.listBackups({})).map((backup) => [backup.reason, backup.ok])).toEqual([
      ['pre-migration', true],
    ]);
  });

  describe('a library too large to check before it opens', () => {
    // Every library counts as large here; its quick check runs on the check thread after it opens.
    const openLarge = async (dataDir: string) => {
      const library = await openLibrary(
        { ...ports(dataDir), checkWorker: sourceCheckWorker() },
        { scheduledBackups: false, startCheckLimitBytes: 0 },
      );
      cleanups.push(() => library.close());
      return library;
    };

    it('opens at once, and damage the check finds sends it to recovery', async () => {
      const dataDir = await filledFolder();
      const file = join(dataDir, DATABASE_FILE_NAME);
      // Damage the pages of the excerpts table's index only: the library still opens.
      const db = new Database(file);
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      const roots = db
        .prepare("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'excerpts'")
        .pluck()
        .all() as number[];
      db.close();
      expect(roots.length).toBeGreaterThan(0);
      const bytes = readFileSync(file);
      for (const root of roots) bytes.fill(0x5a, (root - 1) * pageSize + 8, root * pageSize);
      writeFileSync(file, bytes);

      const library = await openLarge(dataDir);
      expect(library.status().state).toBe('ok');
      expect(await library.startCheck()).toBe('damaged');
      expect(library.status().state).toBe('damaged');
      expect(library.status().message).toMatch(/the quick check found/);
      const refused = await rejection(library.handlers.listBriefings({}));
      expect(refused.code).toBe('library-damaged');
    });

    it('starts the check only once the window has been quiet for a moment', async () => {
      const dataDir = await filledFolder();
      // A stand-in check thread: notes that it started, then passes.
      const started = join(dataDir, 'check-started');
      const checkWorker = {
        eval: true,
        filename: `require('node:fs').writeFileSync(${JSON.stringify(started)}, String(Date.now()));
          require('node:worker_threads').parentPort.postMessage({ ok: true, schemaVersion: 1, problem: null });`,
      };
      let windowLoaded = () => undefined as void;
      const library = await openLibrary(
        { ...ports(dataDir), checkWorker },
        {
          scheduledBackups: false,
          startCheckLimitBytes: 0,
          checkAfterQuietMs: 300,
          backgroundWorkAfter: new Promise<void>((resolve) => {
            windowLoaded = resolve;
          }),
        },
      );
      cleanups.push(() => library.close());
      const result = library.startCheck();
      windowLoaded();
      // The window keeps asking for a second: no check yet.
      const busyUntil = Date.now() + 1000;
      while (Date.now() < busyUntil) {
        await library.handlers.listDocuments({});
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const quietFrom = Date.now();
      expect(existsSync(started)).toBe(false);
      expect(await result).toBe('passed');
      expect(Number(readFileSync(started, 'utf8')) - quietFrom).toBeGreaterThanOrEqual(250);
    });

    it('stays open when the check passes', async () => {
      const dataDir = await filledFolder();
      const library = await openLarge(dataDir);
      expect(await library.startCheck()).toBe('passed');
      expect(library.status().state).toBe('ok');
      expect(await library.handlers.listDocuments({})).toHaveLength(1);
    });
  });

  it('starts an empty library on request, with the damaged file set aside', async () => {
    const dataDir = folder();
    const file = join(dataDir, DATABASE_FILE_NAME);
    writeFileSync(file, 'garbage '.repeat(600));
    const library = await open(dataDir);
    expect(await library.handlers.listBackups({})).toEqual([]);
    const status = await library.handlers.startEmptyLibrary({});
    expect(status.state).toBe('ok');
    expect(readFileSync(join(dataDir, status.setAside!), 'utf8')).toContain('garbage');
    expect(await library.handlers.listDocuments({})).toEqual([]);
    expect(existsSync(file)).toBe(true);
    const again = await rejection(library.handlers.startEmptyLibrary({}));
    expect(again.code).toBe('invalid-input');
  });
});

describe('warming the search path', () => {
  const warmed = (library: Library) =>
    library
      .core()
      ?.db.prepare("SELECT count(*) AS n FROM temp.sqlite_master WHERE name = 'document_page_fts'")
      .pluck()
      .get() === 1;
  const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('warms as soon as the library opens when the window has not asked for anything yet', async () => {
    const dataDir = await filledFolder();

    const library = await open(dataDir);
    await tick(50);
    expect(warmed(library)).toBe(true);
  });

  it('waits for a quiet moment when the window is already asking', async () => {
    const dataDir = await filledFolder();

    const library = await open(dataDir);
    await library.handlers.listDocuments({});
    await tick(50);
    expect(warmed(library)).toBe(false);
    await tick(700);
    expect(warmed(library)).toBe(true);
  });
});
