import type { Migration } from '../migration';
import { indexDocument } from '../search-index';

/**
 * unicode61 with diacritics folded and marks kept inside words (Arabic, Devanagari...), then Porter
 * stems; an index of three-letter prefixes makes the word being typed (`bra*`) a single lookup.
 */
const TOKENIZE = `prefix = '3', tokenize = 'porter unicode61 remove_diacritics 2 categories ''L* N* Co M*'''`;

/**
 * Full-text search. Documents are indexed whole (title, headings, body) so ranking and facets work on
 * one row per document however long it is; a hit is mapped back to its block by offset. The index
 * reads the text from `documents` (external content) through a stable integer key, and triggers keep
 * it in step in the same transaction as every change to the data. Excerpts are indexed with their
 * note and tag names.
 */
export const migration004: Migration = {
  version: 4,
  name: 'full-text search',
  sql: `
    -- One narrow row per document: the index key, the headings, and the facts that filters, facets
    -- and sorting read (so a search never touches the wide documents rows). author_key and
    -- outlet_key are folded (lower case, no accents) by the store when it writes the row.
    CREATE TABLE document_search (
      key INTEGER PRIMARY KEY,
      document_id TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
      headings TEXT NOT NULL DEFAULT '',
      author TEXT,
      outlet TEXT,
      published TEXT,
      imported_at TEXT NOT NULL,
      author_key TEXT NOT NULL DEFAULT '',
      outlet_key TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX document_search_by_published ON document_search (published);
    CREATE INDEX document_search_by_imported ON document_search (imported_at);

    CREATE VIEW document_search_content AS
      SELECT s.key AS key, d.title AS title, s.headings AS headings, d.text AS body
        FROM document_search s JOIN documents d ON d.id = s.document_id;

    CREATE VIRTUAL TABLE document_fts USING fts5(
      title, headings, body,
      content = 'document_search_content', content_rowid = 'key',
      ${TOKENIZE}
    );

    CREATE TRIGGER document_search_insert AFTER INSERT ON document_search BEGIN
      INSERT INTO document_fts (rowid, title, headings, body)
        SELECT new.key, d.title, new.headings, d.text FROM documents d WHERE d.id = new.document_id;
    END;
    CREATE TRIGGER document_search_title_old BEFORE UPDATE OF title, text ON documents BEGIN
      INSERT INTO document_fts (document_fts, rowid, title, headings, body)
        SELECT 'delete', s.key, old.title, s.headings, old.text
          FROM document_search s WHERE s.document_id = old.id;
    END;
    CREATE TRIGGER document_search_title_new AFTER UPDATE OF title, text ON documents BEGIN
      INSERT INTO document_fts (rowid, title, headings, body)
        SELECT s.key, new.title, s.headings, new.text FROM document_search s WHERE s.document_id = new.id;
    END;
    CREATE TRIGGER document_search_delete BEFORE DELETE ON documents BEGIN
      INSERT INTO document_fts (document_fts, rowid, title, headings, body)
        SELECT 'delete', s.key, old.title, s.headings, old.text
          FROM document_search s WHERE s.document_id = old.id;
      DELETE FROM document_search WHERE document_id = old.id;
    END;

    CREATE TABLE excerpt_search (
      key INTEGER PRIMARY KEY,
      excerpt_id TEXT NOT NULL UNIQUE REFERENCES excerpts(id) ON DELETE CASCADE
    ) STRICT;

    CREATE VIRTUAL TABLE excerpt_fts USING fts5(quote, note, tags, ${TOKENIZE});

    CREATE TRIGGER excerpt_search_insert AFTER INSERT ON excerpts BEGIN
      INSERT INTO excerpt_search (excerpt_id) VALUES (new.id);
      INSERT INTO excerpt_fts (rowid, quote, note, tags)
        SELECT s.key, new.quote, new.note, '' FROM excerpt_search s WHERE s.excerpt_id = new.id;
    END;
    CREATE TRIGGER excerpt_search_update AFTER UPDATE OF quote, note ON excerpts BEGIN
      UPDATE excerpt_fts SET quote = new.quote, note = new.note
        WHERE rowid = (SELECT key FROM excerpt_search WHERE excerpt_id = new.id);
    END;
    CREATE TRIGGER excerpt_search_delete BEFORE DELETE ON excerpts BEGIN
      DELETE FROM excerpt_fts WHERE rowid = (SELECT key FROM excerpt_search WHERE excerpt_id = old.id);
      DELETE FROM excerpt_search WHERE excerpt_id = old.id;
    END;
    CREATE TRIGGER excerpt_search_tag_added AFTER INSERT ON excerpt_tags BEGIN
      UPDATE excerpt_fts SET tags = (
          SELECT coalesce(group_concat(t.name, ' '), '') FROM excerpt_tags et JOIN tags t ON t.id = et.tag_id
           WHERE et.excerpt_id = new.excerpt_id)
        WHERE rowid = (SELECT key FROM excerpt_search WHERE excerpt_id = new.excerpt_id);
    END;
    CREATE TRIGGER excerpt_search_tag_removed AFTER DELETE ON excerpt_tags BEGIN
      UPDATE excerpt_fts SET tags = (
          SELECT coalesce(group_concat(t.name, ' '), '') FROM excerpt_tags et JOIN tags t ON t.id = et.tag_id
           WHERE et.excerpt_id = old.excerpt_id)
        WHERE rowid = (SELECT key FROM excerpt_search WHERE excerpt_id = old.excerpt_id);
    END;
    CREATE TRIGGER excerpt_search_tag_renamed AFTER UPDATE OF name ON tags BEGIN
      UPDATE excerpt_fts SET tags = (
          SELECT coalesce(group_concat(t.name, ' '), '') FROM excerpt_tags et JOIN tags t ON t.id = et.tag_id
           WHERE et.excerpt_id = (SELECT excerpt_id FROM excerpt_search WHERE key = excerpt_fts.rowid))
        WHERE rowid IN (
          SELECT s.key FROM excerpt_search s JOIN excerpt_tags et ON et.excerpt_id = s.excerpt_id
           WHERE et.tag_id = new.id);
    END;

    CREATE TABLE saved_searches (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(name) > 0),
      query TEXT NOT NULL,
      created_at TEXT NOT NULL,
      last_run_at TEXT
    ) STRICT;
    CREATE INDEX documents_by_imported ON documents (imported_at);
  `,
  backfill: (db) => {
    const documents = db.prepare('SELECT id, text FROM documents ORDER BY rowid').all() as {
      id: string;
      text: string;
    }[];
    const blocksOf = db.prepare(
      "SELECT kind, start_offset AS start, end_offset AS end FROM blocks WHERE document_id = ? AND kind = 'heading' ORDER BY ordinal",
    );
    for (const document of documents) {
      const headings = blocksOf.all(document.id) as { kind: 'heading'; start: number; end: number }[];
      indexDocument(db, document.id, document.text, headings);
    }
    db.exec(`INSERT INTO excerpt_search (excerpt_id) SELECT id FROM excerpts ORDER BY rowid;
      INSERT INTO excerpt_fts (rowid, quote, note, tags)
        SELECT s.key, e.quote, e.note, coalesce((
            SELECT group_concat(t.name, ' ') FROM excerpt_tags et JOIN tags t ON t.id = et.tag_id
             WHERE et.excerpt_id = e.id), '')
          FROM excerpt_search s JOIN excerpts e ON e.id = s.excerpt_id;`);
  },
};
