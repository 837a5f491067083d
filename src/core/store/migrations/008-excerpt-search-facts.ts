import type { Migration } from '../migration';

/**
 * The facts an excerpt search filters and sorts by, kept in the narrow excerpt_search row: the key of
 * the excerpt's document in document_search (its author, outlet and date) and when the excerpt was
 * made. A filtered excerpt search (or a document search filtered by tag) then reads narrow rows by
 * integer key for every match, not the wide excerpts rows (quote, prefix, suffix): at 200,000 excerpts
 * a common word with a filter read some 20,000 of them, up to a sixth of a second.
 *
 * Triggers keep both in step in the same transaction as the change: an excerpt stored (its document
 * may be indexed before or after it, as a bundle import does), a document indexed, an excerpt moved to
 * another document or redated, a document's search row removed (its key is set to null, so a key used
 * again never points at another document).
 */
export const migration008: Migration = {
  version: 8,
  name: 'excerpt search facts',
  sql: `
    ALTER TABLE excerpt_search ADD COLUMN document_key INTEGER
      REFERENCES document_search(key) ON DELETE SET NULL;
    ALTER TABLE excerpt_search ADD COLUMN created_at TEXT NOT NULL DEFAULT '';

    UPDATE excerpt_search SET
        document_key = (SELECT s.key FROM excerpts e JOIN document_search s ON s.document_id = e.document_id
                         WHERE e.id = excerpt_search.excerpt_id),
        created_at = coalesce((SELECT e.created_at FROM excerpts e WHERE e.id = excerpt_search.excerpt_id), '');
    CREATE INDEX excerpt_search_by_document ON excerpt_search (document_key);

    DROP TRIGGER excerpt_search_insert;
    CREATE TRIGGER excerpt_search_insert AFTER INSERT ON excerpts BEGIN
      INSERT INTO excerpt_search (excerpt_id, document_key, created_at)
        VALUES (new.id, (SELECT key FROM document_search WHERE document_id = new.document_id), new.created_at);
      INSERT INTO excerpt_fts (rowid, quote, note, tags)
        SELECT s.key, new.quote, new.note, '' FROM excerpt_search s WHERE s.excerpt_id = new.id;
    END;
    CREATE TRIGGER excerpt_search_facts AFTER UPDATE OF document_id, created_at ON excerpts BEGIN
      UPDATE excerpt_search SET
          document_key = (SELECT key FROM document_search WHERE document_id = new.document_id),
          created_at = new.created_at
        WHERE excerpt_id = new.id;
    END;
    CREATE TRIGGER excerpt_search_document_indexed AFTER INSERT ON document_search BEGIN
      UPDATE excerpt_search SET document_key = new.key
        WHERE excerpt_id IN (SELECT id FROM excerpts WHERE document_id = new.document_id);
    END;
  `,
};
