import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration001 } from './001-initial';
import { migration002 } from './002-import-provenance';
import { migration003 } from './003-excerpt-metadata-history';

describe('migration 003: excerpt metadata, tags and edit history', () => {
  it('adds colours, tags and history while keeping existing excerpts', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [migration001, migration002]);
    db.exec(`INSERT INTO documents (id, title, format, source_name, text, text_sha256, original_sha256, original_bytes, byte_size, imported_at)
               VALUES ('d', 'T', 'txt', 'a.txt', 'Body text', 'h', 's', x'00', 1, 'now');
             INSERT INTO excerpts (id, document_id, document_text_sha256, quote, prefix, suffix, start_offset, end_offset, created_at, updated_at)
               VALUES ('e', 'd', 'h', 'Body', '', ' text', 0, 4, 'now', 'now');`);
    migrate(db, [migration001, migration002, migration003]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT color, carried_from FROM excerpts').get()).toEqual({
      color: null,
      carried_from: null,
    });
    expect(() => db.exec("UPDATE excerpts SET color = 'plaid'")).toThrow(/CHECK/);
    db.exec("INSERT INTO tags (name, created_at) VALUES ('Shipping', 'now')");
    expect(() => db.exec("INSERT INTO tags (name, created_at) VALUES ('shipping', 'now')")).toThrow(/UNIQUE/);
    db.exec("INSERT INTO excerpt_tags (excerpt_id, tag_id) VALUES ('e', 1)");
    db.exec("DELETE FROM excerpts WHERE id = 'e'");
    expect(db.prepare('SELECT count(*) AS n FROM excerpt_tags').get()).toEqual({ n: 0 });
    db.close();
  });
});
