import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration001 } from './001-initial';
import { migration002 } from './002-import-provenance';

describe('migration 002: import provenance and structure', () => {
  it('keeps existing documents and records their metadata as first imported', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [migration001]);
    db.prepare(
      `INSERT INTO documents (id, title, author, outlet, published_at, url, language, format, source_name, text,
         text_sha256, original_sha256, original_bytes, byte_size, imported_at)
       VALUES ('d', 'T', 'A', 'O', '2026-01-02', 'https://x.example/a', 'en', 'txt', 'a.txt', 'Body', 'h', 's', x'00', 1, 'now')`,
    ).run();
    db.prepare(
      "INSERT INTO blocks (document_id, ordinal, kind, level, start_offset, end_offset) VALUES ('d', 0, 'paragraph', 0, 0, 4)",
    ).run();

    migrate(db, [migration001, migration002]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const row = db.prepare('SELECT original_metadata, direction FROM documents').get() as {
      original_metadata: string;
      direction: null;
    };
    expect(JSON.parse(row.original_metadata)).toEqual({
      title: 'T',
      author: 'A',
      outlet: 'O',
      publishedAt: '2026-01-02',
      url: 'https://x.example/a',
      language: 'en',
    });
    expect(db.prepare('SELECT boilerplate, marks FROM blocks').get()).toEqual({
      boilerplate: 0,
      marks: null,
    });
    expect(() => db.prepare("UPDATE documents SET direction = 'up'").run()).toThrow(/CHECK/);
    db.close();
  });
});
