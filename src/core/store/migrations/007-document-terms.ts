import { countPendingDocumentTerms } from '../document-terms';
import type { Migration } from '../migration';

/**
 * Word counts per document, for ranking a word found in most of the library without reading every
 * position FTS5 holds for it (bm25() over 48,000 matches spends most of its time there): the words a
 * document's body uses at least BODY_COUNT_KEPT times, with that count and the document's length in
 * tokens (all columns, as bm25() counts it). A document is marked pending by trigger when it is
 * indexed or its title changes, and the store counts pending documents (with the index's tokenizer,
 * which SQL cannot call) in the same transaction; while any is pending, search ranks with bm25()
 * alone.
 */
export const migration007: Migration = {
  version: 7,
  name: 'document word counts',
  sql: `
    CREATE TABLE document_terms (
      term TEXT NOT NULL,
      key INTEGER NOT NULL REFERENCES document_search(key) ON DELETE CASCADE,
      body INTEGER NOT NULL,
      tokens INTEGER NOT NULL,
      PRIMARY KEY (term, key)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX document_terms_by_key ON document_terms (key);

    CREATE TABLE document_terms_pending (
      key INTEGER PRIMARY KEY REFERENCES document_search(key) ON DELETE CASCADE
    ) STRICT;

    CREATE TRIGGER document_terms_indexed AFTER INSERT ON document_search BEGIN
      INSERT OR IGNORE INTO document_terms_pending (key) VALUES (new.key);
    END;
    CREATE TRIGGER document_terms_headings AFTER UPDATE OF headings ON document_search BEGIN
      DELETE FROM document_terms WHERE key = new.key;
      INSERT OR IGNORE INTO document_terms_pending (key) VALUES (new.key);
    END;
    CREATE TRIGGER document_terms_title AFTER UPDATE OF title, text ON documents BEGIN
      DELETE FROM document_terms WHERE key = (SELECT key FROM document_search WHERE document_id = new.id);
      INSERT OR IGNORE INTO document_terms_pending (key)
        SELECT key FROM document_search WHERE document_id = new.id;
    END;

    INSERT INTO document_terms_pending (key) SELECT key FROM document_search;
  `,
  backfill: (db) => countPendingDocumentTerms(db),
};
