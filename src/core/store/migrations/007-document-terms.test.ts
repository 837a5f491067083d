import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration001 } from './001-initial';
import { migration002 } from './002-import-provenance';
import { migration003 } from './003-excerpt-metadata-history';
import { migration004 } from './004-search-index';
import { migration005 } from './005-composer';
import { migration006 } from './006-print-settings';
import { migration007 } from './007-document-terms';

const BEFORE = [migration001, migration002, migration003, migration004, migration005, migration006];

describe('migration 007: document word counts', () => {
  it('counts the words of the documents already indexed, and marks new and retitled ones', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.pragma('trusted_schema = OFF');
    migrate(db, BEFORE);
    const body = `Harbour ${'tariffs '.repeat(8)}and ${'ships '.repeat(7)}end`;
    db.prepare(
      `INSERT INTO documents (id, title, format, source_name, text, text_sha256, original_sha256, original_bytes, byte_size, imported_at)
       VALUES ('d', 'Port report', 'txt', 'a.txt', ?, 'h', 's', x'00', 1, 'now')`,
    ).run(body);
    db.exec(
      `INSERT INTO document_search (document_id, headings, imported_at) VALUES ('d', 'Customs', 'now')`,
    );

    migrate(db, [...BEFORE, migration007]);

    expect(db.pragma('user_version', { simple: true })).toBe(7);
    // Eight "tariffs" are kept, seven "ships" are not; the length counts title and headings too.
    expect(db.prepare('SELECT term, body, tokens FROM document_terms').all()).toEqual([
      { term: 'tariff', body: 8, tokens: 21 },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM document_terms_pending').get()).toEqual({ n: 0 });

    db.exec("UPDATE documents SET title = 'Other' WHERE id = 'd'");
    expect(db.prepare('SELECT key FROM document_terms_pending').all()).toEqual([{ key: 1 }]);
    expect(db.prepare('SELECT count(*) AS n FROM document_terms').get()).toEqual({ n: 0 });
    db.exec("DELETE FROM documents WHERE id = 'd'");
    expect(db.prepare('SELECT count(*) AS n FROM document_terms_pending').get()).toEqual({ n: 0 });
    db.close();
  });
});
