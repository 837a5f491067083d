import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '../errors';
import { tempDir } from '../testing/temp-core';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import { DATABASE_FILE_NAME, openStore } from './open';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function freshDir(): string {
  const dir = tempDir();
  cleanups.push(dir.dispose);
  return dir.path;
}

describe('opening the store', () => {
  it('creates the database with durable settings on every open', () => {
    const dataDir = freshDir();
    const db = openStore({ dataDir });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
    const again = openStore({ dataDir });
    expect(again.pragma('synchronous', { simple: true })).toBe(2);
    again.close();
  });

  it('refuses a database from a newer version without changing a byte', () => {
    const dataDir = freshDir();
    const file = join(dataDir, DATABASE_FILE_NAME);
    const foreign = new Database(file);
    foreign.exec('CREATE TABLE future (x INTEGER)');
    foreign.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    foreign.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');

    let caught: unknown;
    try {
      openStore({ dataDir });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CoreError);
    expect((caught as CoreError).code).toBe('store-too-new');
    expect((caught as CoreError).message).toMatch(/newer version of Briefing Builder/);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('has FTS5 compiled into the bundled SQLite', () => {
    const db = new Database(':memory:');
    expect(() => db.exec('CREATE VIRTUAL TABLE t USING fts5(body)')).not.toThrow();
    db.close();
  });
});

describe('migration runner', () => {
  it('numbers migrations 1, 2, 3... with no gaps', () => {
    MIGRATIONS.forEach((migration, index) => expect(migration.version).toBe(index + 1));
  });

  it('rolls back the whole run when a step fails: the old version, none of the steps', () => {
    const db = new Database(':memory:');
    const broken = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO missing VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('a', 'b')").get()).toBeUndefined();
    migrate(db, broken.slice(0, 1));
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });
});
