import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What two libraries must share to count as the same: schema, health and content. */
export type DatabaseDigest = Readonly<{
  /** sqlite_master without root pages, whitespace in the SQL collapsed, sorted. */
  schema: readonly string[];
  integrity: string;
  foreignKeyProblems: number;
  /** Each FTS5 table's 'integrity-check' (against its content), 'ok' or the error. */
  fts: Readonly<Record<string, string>>;
  /** SHA-256 of each table's rows (declared columns, sorted), FTS segment storage left out. */
  tables: Readonly<Record<string, string>>;
  /** SHA-256 of each FTS5 index as fts5vocab 'instance' rows: every term at every position. */
  indexes: Readonly<Record<string, string>>;
}>;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function hashRows(rows: readonly unknown[]): string {
  const hash = createHash('sha256');
  for (const row of rows) {
    hash.update(
      JSON.stringify(Object.values(row as Record<string, unknown>), (_key, value: unknown) =>
        Buffer.isBuffer(value) ? `blob:${createHash('sha256').update(value).digest('hex')}` : value,
      ),
    );
    hash.update('\n');
  }
  return hash.digest('hex');
}

/**
 * A digest of a library for comparing an upgraded one with a fresh install. Implicit rowids are
 * left out (a table rebuilt by a migration numbers its rows differently; nothing refers to them),
 * and so are FTS5's segment tables (their layout depends on the order of writes), whose content is
 * compared term by term through fts5vocab instead.
 */
export function digestDatabase(db: Database.Database): DatabaseDigest {
  const master = db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
  const schema = master.map(
    (row) => `${row.type} ${row.name} on ${row.tbl_name}: ${(row.sql ?? '').replace(/\s+/g, ' ').trim()}`,
  );
  const ftsTables = master
    .filter((row) => row.type === 'table' && /CREATE VIRTUAL TABLE .* USING fts5\(/i.test(row.sql ?? ''))
    .map((row) => row.name);
  const segmentTables = new Set(ftsTables.flatMap((name) => [`${name}_data`, `${name}_idx`]));
  const tables: Record<string, string> = {};
  for (const row of master) {
    if (row.type !== 'table' || ftsTables.includes(row.name) || segmentTables.has(row.name)) continue;
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(row.name) as string[])
      .map(quote)
      .join(', ');
    const order = columns
      .split(', ')
      .map((_, index) => String(index + 1))
      .join(', ');
    tables[row.name] = hashRows(
      db.prepare(`SELECT ${columns} FROM ${quote(row.name)} ORDER BY ${order}`).all(),
    );
  }
  const fts: Record<string, string> = {};
  const indexes: Record<string, string> = {};
  for (const name of ftsTables) {
    try {
      db.prepare(`INSERT INTO ${quote(name)} (${quote(name)}, rank) VALUES ('integrity-check', 1)`).run();
      fts[name] = 'ok';
    } catch (error) {
      fts[name] = error instanceof Error ? error.message : String(error);
    }
    const vocab = `temp.${quote(`digest_vocab_${name}`)}`;
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${vocab} USING fts5vocab(main, ${quote(name)}, instance)`);
    indexes[name] = hashRows(
      db.prepare(`SELECT term, doc, col, offset FROM ${vocab} ORDER BY 1, 2, 3, 4`).all(),
    );
    db.exec(`DROP TABLE ${vocab}`);
  }
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
    .map((row) => row.integrity_check)
    .join('; ');
  return {
    schema,
    integrity,
    foreignKeyProblems: (db.pragma('foreign_key_check') as unknown[]).length,
    fts,
    tables,
    indexes,
  };
}

/**
 * The digest of a library file as the next opener would see it (its -wal included), taken on a
 * scratch copy: FTS5's integrity-check needs a writable connection, and the file itself must stay as
 * it is.
 */
export function digestFile(file: string): { version: number; digest: DatabaseDigest } {
  const scratch = mkdtempSync(join(tmpdir(), 'briefing-digest-'));
  try {
    const copy = join(scratch, 'library.sqlite');
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    const db = new Database(copy, { fileMustExist: true });
    try {
      return { version: db.pragma('user_version', { simple: true }) as number, digest: digestDatabase(db) };
    } finally {
      db.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** integrity_check, foreign_key_check and every FTS5 integrity-check passed. */
export function isHealthy(digest: DatabaseDigest): boolean {
  return (
    digest.integrity === 'ok' &&
    digest.foreignKeyProblems === 0 &&
    Object.values(digest.fts).every((answer) => answer === 'ok')
  );
}
