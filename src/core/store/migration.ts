import type Database from 'better-sqlite3';

/** One append-only schema step. `version` is the `user_version` the database has after it. */
export type Migration = Readonly<{
  version: number;
  name: string;
  sql: string;
  /** Work SQL cannot do exactly (e.g. text offsets counted in UTF-16 units), in the same transaction. */
  backfill?: (db: Database.Database) => void;
}>;
