import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { migrate } from '../store/migrate';
import { MIGRATIONS } from '../store/migrations';
import { REPO_ROOT } from './temp-core';
import { writeSchemaContent } from './schema-content';

/** One committed fixture per released schema version: a library as that version of the app left it. */
export const SCHEMA_FIXTURE_DIR = join(REPO_ROOT, 'src', 'core', 'store', 'fixtures');

export function schemaFixturePath(version: number): string {
  return join(SCHEMA_FIXTURE_DIR, `schema-v${version}.sqlite.gz`);
}

/**
 * Builds the library of schema `version` in `file`: the migrations released up to that version (the
 * list is append-only, so these are that version's own), then the representative content in that
 * version's shape, in WAL mode as the app leaves it.
 */
export function buildSchemaFixture(file: string, version: number, extraDocuments = 0): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, version));
    writeSchemaContent(db, { level: version, schema: version, extraDocuments });
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}

/** Writes every fixture's gzip into SCHEMA_FIXTURE_DIR (scripts/schema-fixtures.ts). */
export function writeSchemaFixtures(workDir: string): string[] {
  mkdirSync(SCHEMA_FIXTURE_DIR, { recursive: true });
  const written: string[] = [];
  for (const migration of MIGRATIONS) {
    const file = join(workDir, `schema-v${migration.version}.sqlite`);
    buildSchemaFixture(file, migration.version);
    // gzip's header carries no time when none is given, so the same bytes give the same file.
    writeFileSync(schemaFixturePath(migration.version), gzipSync(readFileSync(file), { level: 9 }));
    written.push(schemaFixturePath(migration.version));
  }
  return written;
}

/** Unpacks a committed fixture into `file` (the library file of a data folder). */
export function unpackSchemaFixture(version: number, file: string): void {
  writeFileSync(file, gunzipSync(readFileSync(schemaFixturePath(version))));
}
