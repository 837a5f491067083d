import type Database from 'better-sqlite3';
import { CoreError } from '../errors';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations';

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The schema version this build of the app writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export type MigrateOptions = Readonly<{
  /** Called inside the transaction after each step (the crash harness kills the process there). */
  afterStep?: (version: number) => void;
}>;

/**
 * Brings the database up to the latest schema in one transaction: every pending migration runs, each
 * sets `user_version` and passes `foreign_key_check`, and only then does anything commit. A crash or
 * a failing step leaves the version the database had before, never a version in between and never a
 * half-changed schema. A database written by a newer version of the app is refused untouched.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  options: MigrateOptions = {},
): { from: number; to: number } {
  refuseNewerSchema(db, migrations);
  const from = schemaVersion(db);
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      migration.backfill?.(db);
      const problems = db.pragma('foreign_key_check') as unknown[];
      if (problems.length > 0) {
        throw new Error(`Migration ${migration.version} left ${problems.length} foreign key problems`);
      }
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
      options.afterStep?.(migration.version);
    }
  })();
  return { from, to: schemaVersion(db) };
}

export function refuseNewerSchema(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  const found = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (found > latest) {
    throw new CoreError(
      'store-too-new',
      `This library was written by a newer version of Briefing Builder (schema ${found}; this version understands up to ${latest}). Update the app to open it; the file was not changed.`,
    );
  }
}
