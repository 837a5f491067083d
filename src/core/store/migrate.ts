import type Database from 'better-sqlite3';
import { CoreError } from '../errors';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations';

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The schema version this build of the app writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Brings the database up to the latest schema, one transaction per migration with `user_version`
 * set inside it, so a crash leaves either the old or the new version. A database written by a newer
 * version of the app is refused untouched.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  refuseNewerSchema(db, migrations);
  const from = schemaVersion(db);
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      migration.backfill?.(db);
      const problems = db.pragma('foreign_key_check') as unknown[];
      if (problems.length > 0) {
        throw new Error(`Migration ${migration.version} left ${problems.length} foreign key problems`);
      }
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
    })();
  }
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
