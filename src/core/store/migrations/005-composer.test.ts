import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration001 } from './001-initial';
import { migration002 } from './002-import-provenance';
import { migration003 } from './003-excerpt-metadata-history';
import { migration004 } from './004-search-index';
import { migration005 } from './005-composer';

const BEFORE = [migration001, migration002, migration003, migration004];

describe('migration 005: briefing composer', () => {
  it('keeps existing briefings, sections and blocks, and adds the composer columns', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.pragma('trusted_schema = OFF');
    migrate(db, BEFORE);
    db.exec(`INSERT INTO documents (id, title, format, source_name, text, text_sha256, original_sha256, original_bytes, byte_size, imported_at)
               VALUES ('d', 'T', 'txt', 'a.txt', 'Body text', 'h', 's', x'00', 1, 'now');
             INSERT INTO excerpts (id, document_id, document_text_sha256, quote, prefix, suffix, start_offset, end_offset, created_at, updated_at)
               VALUES ('e', 'd', 'h', 'Body', '', ' text', 0, 4, 'now', 'now');
             INSERT INTO briefings (id, title, briefing_date, created_at, updated_at) VALUES ('b', 'Brief', '2026-01-01', 'now', 'now');
             INSERT INTO sections (id, briefing_id, position, heading) VALUES ('s', 'b', 0, 'Discussion');
             INSERT INTO briefing_items (id, section_id, position, kind, excerpt_id, body) VALUES
               ('i1', 's', 0, 'excerpt', 'e', 'Body'), ('i2', 's', 1, 'commentary', NULL, 'My view');`);

    migrate(db, [...BEFORE, migration005]);

    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(
      db
        .prepare(
          'SELECT id, briefing_id, section_id, position, kind, excerpt_id, body, content FROM briefing_items ORDER BY position',
        )
        .all(),
    ).toEqual([
      {
        id: 'i1',
        briefing_id: 'b',
        section_id: 's',
        position: 0,
        kind: 'excerpt',
        excerpt_id: 'e',
        body: 'Body',
        content: null,
      },
      {
        id: 'i2',
        briefing_id: 'b',
        section_id: 's',
        position: 1,
        kind: 'commentary',
        excerpt_id: null,
        body: 'My view',
        content: null,
      },
    ]);
    expect(
      db
        .prepare('SELECT recipients, citation_style, repeat_citations, opened_at, deleted_at FROM briefings')
        .get(),
    ).toEqual({
      recipients: '',
      citation_style: 'chicago',
      repeat_citations: 'reuse',
      opened_at: null,
      deleted_at: null,
    });
    expect(db.prepare('SELECT level, guidance FROM sections').get()).toEqual({ level: 1, guidance: '' });

    // Key judgments need both qualifiers; other kinds have none.
    db.exec(`INSERT INTO briefing_items (id, briefing_id, section_id, position, kind, body, likelihood, confidence)
               VALUES ('j', 'b', 's', 2, 'judgment', 'Talks resume', 'likely', 'moderate')`);
    expect(() =>
      db.exec(
        `INSERT INTO briefing_items (id, briefing_id, section_id, position, kind, body) VALUES ('j2', 'b', 's', 3, 'judgment', 'x')`,
      ),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(`INSERT INTO briefing_items (id, briefing_id, section_id, position, kind, body, likelihood, confidence)
                 VALUES ('j3', 'b', 's', 3, 'judgment', 'x', 'probable', 'moderate')`),
    ).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE briefing_items SET content = 'not json' WHERE id = 'i2'`)).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE sections SET level = 3`)).toThrow(/CHECK/);

    // A block cannot sit in another briefing's section.
    db.exec(`INSERT INTO briefings (id, title, briefing_date, created_at, updated_at) VALUES ('b2', 'Other', '2026-01-01', 'now', 'now');
             INSERT INTO sections (id, briefing_id, position, heading) VALUES ('s2', 'b2', 0, 'Other');`);
    expect(() => db.exec(`UPDATE briefing_items SET section_id = 's2' WHERE id = 'i2'`)).toThrow(
      /FOREIGN KEY/,
    );

    // Quoted excerpts stay protected; deleting a briefing takes its sections, blocks and versions.
    expect(() => db.exec(`DELETE FROM excerpts WHERE id = 'e'`)).toThrow(/FOREIGN KEY/);
    db.exec(
      `INSERT INTO briefing_versions (id, briefing_id, name, reason, snapshot, created_at) VALUES ('v', 'b', 'First', 'manual', '{}', 'now')`,
    );
    db.exec(`DELETE FROM briefings WHERE id = 'b'`);
    expect(db.prepare('SELECT count(*) AS n FROM briefing_items').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM briefing_versions').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
