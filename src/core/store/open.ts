import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CoreError } from '../errors';
import { migrate, refuseNewerSchema } from './migrate';

export const DATABASE_FILE_NAME = 'briefing-builder.sqlite';

export type OpenStoreOptions = Readonly<{
  dataDir: string;
  nativeBinding?: string | undefined;
  /** Called inside the migration transaction after each step (progress; the crash harness). */
  onMigrationStep?: ((version: number) => void) | undefined;
}>;

/**
 * Opens (creating if needed) the library database in `dataDir`, applies the durability settings on
 * every open and migrates it to the latest schema.
 */
export function openStore(options: OpenStoreOptions): Database.Database {
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, DATABASE_FILE_NAME);
  const db = new Database(
    file,
    options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding },
  );
  try {
    // Refuse a newer database before any pragma below can touch its header.
    refuseNewerSchema(db);
    applyConnectionSettings(db);
    migrate(
      db,
      undefined,
      options.onMigrationStep === undefined ? {} : { afterStep: options.onMigrationStep },
    );
    return db;
  } catch (error) {
    db.close();
    if (error instanceof CoreError) throw error;
    if (error instanceof Error && /not a database|malformed/i.test(error.message)) {
      throw new CoreError(
        'internal',
        `The library file ${file} is damaged or is not a Briefing Builder database (${error.message}).`,
      );
    }
    throw error;
  }
}

export type OpenedLibrary = Readonly<{
  db: Database.Database;
  /** Written by a newer version of the app: opened with SQLite's read-only flag, nothing migrated. */
  readOnly: boolean;
}>;

/**
 * Opens the library as the app does: like openStore, except that a library written by a newer
 * version of the app is opened read-only (the analyst can still read and export it) instead of
 * refused. Nothing is written to it, not even a pragma that changes its header.
 */
export function openLibraryStore(options: OpenStoreOptions): OpenedLibrary {
  try {
    return { db: openStore(options), readOnly: false };
  } catch (error) {
    if (!(error instanceof CoreError) || error.code !== 'store-too-new') throw error;
  }
  return { db: openReader(join(options.dataDir, DATABASE_FILE_NAME), options.nativeBinding), readOnly: true };
}

/**
 * A read-only connection to a library file that exists, with the settings that apply to reading:
 * waiting for writers, no trust in the schema's functions, and the page cache.
 */
export function openReader(file: string, nativeBinding?: string): Database.Database {
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding === undefined ? {} : { nativeBinding }),
  });
  db.pragma('busy_timeout = 5000');
  db.pragma('trusted_schema = OFF');
  db.pragma('cache_size = -32768');
  return db;
}

export function applyConnectionSettings(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // better-sqlite3 builds SQLite so that WAL implies synchronous=NORMAL; analysts' work must survive
  // a power cut, so ask for FULL on every open.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('trusted_schema = OFF');
  // A 32 MB page cache keeps large excerpt lists and searches in memory.
  db.pragma('cache_size = -32768');
}
