import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration008 } from './008-excerpt-search-facts';
import { MIGRATIONS } from './index';

/** Every migration before this one. */
const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration008));

function addDocument(db: Database.Database, id: string): void {
  db.prepare(
    `INSERT INTO documents (id, title, format, source_name, text, text_sha256, original_sha256, original_bytes, byte_size, imported_at)
     VALUES (?, 'Port report', 'txt', 'a.txt', 'Harbour tariffs rose', 'h', ?, x'00', 1, 'now')`,
  ).run(id, `sha-${id}`);
}

function addExcerpt(db: Database.Database, id: string, documentId: string, createdAt: string): void {
  db.prepare(
    `INSERT INTO excerpts (id, document_id, document_text_sha256, quote, prefix, suffix, start_offset, end_offset, created_at, updated_at)
     VALUES (?, ?, 'h', 'Harbour tariffs', '', '', 0, 15, ?, ?)`,
  ).run(id, documentId, createdAt, createdAt);
}

const facts = (db: Database.Database) =>
  db
    .prepare(
      'SELECT excerpt_id AS id, document_key AS documentKey, created_at AS createdAt FROM excerpt_search ORDER BY excerpt_id',
    )
    .all();

describe('migration 008: excerpt search facts', () => {
  it('copies each excerpt document key and creation time, and triggers keep them in step', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.pragma('trusted_schema = OFF');
    migrate(db, BEFORE);
    addDocument(db, 'indexed');
    db.exec(`INSERT INTO document_search (key, document_id, imported_at) VALUES (7, 'indexed', 'now')`);
    // A document without a search row yet: its excerpt has no document key until it is indexed.
    addDocument(db, 'later');
    addExcerpt(db, 'e1', 'indexed', '2026-01-01T00:00:00.000Z');
    addExcerpt(db, 'e2', 'later', '2026-01-02T00:00:00.000Z');

    migrate(db, [...BEFORE, migration008]);

    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(facts(db)).toEqual([
      { id: 'e1', documentKey: 7, createdAt: '2026-01-01T00:00:00.000Z' },
      { id: 'e2', documentKey: null, createdAt: '2026-01-02T00:00:00.000Z' },
    ]);

    // Indexed after its excerpts (a bundle import stores both in one transaction, in either order).
    db.exec(`INSERT INTO document_search (key, document_id, imported_at) VALUES (9, 'later', 'now')`);
    // Stored after its document was indexed.
    addExcerpt(db, 'e3', 'indexed', '2026-01-03T00:00:00.000Z');
    expect(facts(db)).toEqual([
      { id: 'e1', documentKey: 7, createdAt: '2026-01-01T00:00:00.000Z' },
      { id: 'e2', documentKey: 9, createdAt: '2026-01-02T00:00:00.000Z' },
      { id: 'e3', documentKey: 7, createdAt: '2026-01-03T00:00:00.000Z' },
    ]);

    // Moved to another document, redated.
    db.exec(
      "UPDATE excerpts SET document_id = 'later', created_at = '2026-02-01T00:00:00.000Z' WHERE id = 'e1'",
    );
    expect(facts(db)[0]).toEqual({ id: 'e1', documentKey: 9, createdAt: '2026-02-01T00:00:00.000Z' });

    // A search row removed: no key left behind that a new row could take.
    db.exec('DELETE FROM document_search WHERE key = 9');
    expect(facts(db).map((row) => (row as { documentKey: number | null }).documentKey)).toEqual([
      null,
      null,
      7,
    ]);

    db.exec("DELETE FROM excerpts WHERE id = 'e3'");
    expect(facts(db)).toHaveLength(2);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
