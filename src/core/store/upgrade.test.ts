import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../library/session';
import { digestDatabase, digestFile, isHealthy } from '../testing/database-digest';
import { writeSchemaContent } from '../testing/schema-content';
import { unpackSchemaFixture } from '../testing/schema-fixtures';
import { FONTS_DIR, tempDir } from '../testing/temp-core';
import { backupFolder, checkedBackups } from './backups';
import { checkHere } from './file-check';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import { DATABASE_FILE_NAME } from './open';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function folder(): string {
  const dir = tempDir('briefing-upgrade-');
  cleanups.push(dir.dispose);
  return dir.path;
}

/** A library this version of the app creates and then fills with the content of `level`. */
function freshInstall(level: number): Database.Database {
  const db = new Database(join(folder(), 'fresh.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db);
  writeSchemaContent(db, { level, schema: LATEST_SCHEMA_VERSION });
  return db;
}

function emptySchemaAt(version: number): readonly string[] {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, version));
  const { schema } = digestDatabase(db);
  db.close();
  return schema;
}

describe.each(MIGRATIONS.map((migration) => migration.version))(
  'a library of schema version %i',
  (version) => {
    it('upgrades to the latest schema and equals a fresh install with the same content', async () => {
      const dataDir = folder();
      const file = join(dataDir, DATABASE_FILE_NAME);
      unpackSchemaFixture(version, file);
      const { version: found, digest: before } = digestFile(file);
      expect(found).toBe(version);
      expect(isHealthy(before)).toBe(true);
      // The fixture was made by the migrations released up to its version; a released migration that
      // was edited since would change this.
      expect(before.schema).toEqual(emptySchemaAt(version));

      const library = await openLibrary(
        {
          dataDir,
          fontsDir: FONTS_DIR,
          chooseSavePath: () => Promise.resolve(null),
          chooseOpenPaths: () => Promise.resolve(null),
          showItemInFolder: () => undefined,
          now: () => new Date('2026-11-28T07:00:00Z'),
        },
        { scheduledBackups: false },
      );
      const core = library.core();
      expect(library.status().state).toBe('ok');
      expect(core).not.toBeNull();
      const upgraded = digestDatabase(core!.db);
      expect(schemaVersion(core!.db)).toBe(LATEST_SCHEMA_VERSION);
      // The library reads back through the API.
      expect((await library.handlers.listDocuments({})).length).toBe(4);
      expect((await library.handlers.getBriefing({ briefingId: 'brf-1' })).title).toBe(
        'Black Sea shipping note',
      );
      await library.close();

      const fresh = freshInstall(version);
      const expected = digestDatabase(fresh);
      fresh.close();
      expect(upgraded.integrity).toBe('ok');
      expect(upgraded.foreignKeyProblems).toBe(0);
      expect(Object.values(upgraded.fts).every((answer) => answer === 'ok')).toBe(true);
      expect(upgraded.schema).toEqual(expected.schema);
      expect(upgraded.tables).toEqual(expected.tables);
      expect(upgraded.indexes).toEqual(expected.indexes);
      expect(upgraded).toEqual(expected);

      // An upgrade is preceded by a verified backup of the library as it was.
      const backups = await checkedBackups(dataDir, checkHere);
      if (version === LATEST_SCHEMA_VERSION) {
        expect(backups).toEqual([]);
      } else {
        expect(backups).toHaveLength(1);
        expect(backups[0]).toMatchObject({ reason: 'pre-migration', schemaVersion: version, ok: true });
        expect(digestFile(join(backupFolder(dataDir), backups[0]!.id)).digest).toEqual(before);
      }
    });
  },
);
