import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration001 } from './001-initial';
import { migration002 } from './002-import-provenance';
import { migration003 } from './003-excerpt-metadata-history';
import { migration004 } from './004-search-index';

const ftsMatches = (db: Database.Database, table: string, match: string): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get(match) as { n: number }).n;

describe('migration 004: full-text search', () => {
  it('indexes existing documents (headings cut by UTF-16 offsets) and excerpts with their tags', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.pragma('trusted_schema = OFF');
    migrate(db, [migration001, migration002, migration003]);
    // An astral character before the heading: SQLite's substr() would count it as one character.
    const text = '😀 Intro line\n\nHarbour heading\n\nBody about tariffs';
    db.prepare(
      `INSERT INTO documents (id, title, format, source_name, text, text_sha256, original_sha256, original_bytes, byte_size, imported_at)
       VALUES ('d', 'Old title', 'md', 'a.md', ?, 'h', 's', x'00', 1, 'now')`,
    ).run(text);
    const headingStart = text.indexOf('Harbour');
    db.prepare(
      `INSERT INTO blocks (document_id, ordinal, kind, level, start_offset, end_offset) VALUES
        ('d', 0, 'paragraph', 0, 0, 13), ('d', 1, 'heading', 1, ?, ?), ('d', 2, 'paragraph', 0, ?, ?)`,
    ).run(headingStart, headingStart + 15, text.indexOf('Body'), text.length);
    db.exec(`INSERT INTO excerpts (id, document_id, document_text_sha256, quote, prefix, suffix, start_offset, end_offset, note, created_at, updated_at)
               VALUES ('e', 'd', 'h', 'Body about tariffs', '', '', 0, 4, 'customs note', 'now', 'now');
             INSERT INTO tags (name, created_at) VALUES ('trade', 'now');
             INSERT INTO excerpt_tags (excerpt_id, tag_id) VALUES ('e', 1);`);

    migrate(db, [migration001, migration002, migration003, migration004]);

    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT headings FROM document_search').get()).toEqual({ headings: 'Harbour heading' });
    expect(ftsMatches(db, 'document_fts', 'headings:harbour')).toBe(1);
    expect(ftsMatches(db, 'document_fts', 'title:old')).toBe(1);
    expect(ftsMatches(db, 'document_fts', 'tariff')).toBe(1);
    expect(ftsMatches(db, 'excerpt_fts', 'note:customs')).toBe(1);
    expect(ftsMatches(db, 'excerpt_fts', 'tags:trade')).toBe(1);

    // Triggers keep the index in step with every change.
    db.exec("UPDATE documents SET title = 'New title' WHERE id = 'd'");
    expect(ftsMatches(db, 'document_fts', 'title:old')).toBe(0);
    expect(ftsMatches(db, 'document_fts', 'title:new')).toBe(1);
    db.exec("UPDATE tags SET name = 'commerce' WHERE id = 1");
    expect(ftsMatches(db, 'excerpt_fts', 'tags:commerce')).toBe(1);
    db.exec("DELETE FROM excerpt_tags WHERE excerpt_id = 'e'");
    expect(ftsMatches(db, 'excerpt_fts', 'tags:commerce')).toBe(0);
    db.exec("UPDATE excerpts SET note = 'shipping' WHERE id = 'e'");
    expect(ftsMatches(db, 'excerpt_fts', 'note:customs')).toBe(0);
    db.exec("DELETE FROM excerpts WHERE id = 'e'");
    expect(ftsMatches(db, 'excerpt_fts', 'shipping')).toBe(0);
    db.exec("DELETE FROM blocks; DELETE FROM documents WHERE id = 'd'");
    expect(ftsMatches(db, 'document_fts', 'tariff')).toBe(0);
    expect(() => db.exec("INSERT INTO document_fts (document_fts) VALUES ('integrity-check')")).not.toThrow();
    expect(() => db.exec("INSERT INTO excerpt_fts (excerpt_fts) VALUES ('integrity-check')")).not.toThrow();
    expect(db.prepare('SELECT count(*) AS n FROM document_search').get()).toEqual({ n: 0 });
    db.close();
  });
});
