import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration001 } from './001-initial';

describe('migration 001: initial schema', () => {
  it('creates every table of the library and enforces its constraints', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [migration001]);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'documents',
        'blocks',
        'excerpts',
        'collections',
        'collection_items',
        'briefings',
        'sections',
        'briefing_items',
        'meta',
      ]),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    // An excerpt must point at an existing document.
    expect(() =>
      db
        .prepare(
          `INSERT INTO excerpts (id, document_id, document_text_sha256, quote, prefix, suffix, start_offset, end_offset, created_at, updated_at)
         VALUES ('e', 'missing', 'x', 'q', '', '', 0, 1, 'now', 'now')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    // A commentary item cannot carry an excerpt, and an excerpt item needs one.
    db.exec(`INSERT INTO briefings (id, title, briefing_date, created_at, updated_at) VALUES ('b', 'T', '2026-01-01', 'now', 'now');
             INSERT INTO sections (id, briefing_id, position, heading) VALUES ('s', 'b', 0, 'H');`);
    expect(() =>
      db.exec("INSERT INTO briefing_items (id, section_id, position, kind) VALUES ('i', 's', 0, 'excerpt')"),
    ).toThrow(/CHECK/);
    db.close();
  });
});
