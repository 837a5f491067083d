import type { Migration } from '../migration';

/**
 * Import gains: text direction, the metadata as first imported (edits never lose it), site
 * furniture flagged on blocks, inline emphasis on blocks, and indexes to find earlier versions of a
 * source by URL or by title and outlet.
 */
export const migration002: Migration = {
  version: 2,
  name: 'import provenance and structure',
  sql: `
    ALTER TABLE documents ADD COLUMN direction TEXT CHECK (direction IN ('ltr', 'rtl'));
    ALTER TABLE documents ADD COLUMN original_metadata TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE documents ADD COLUMN metadata_updated_at TEXT;
    CREATE INDEX documents_by_url ON documents (url) WHERE url IS NOT NULL;
    CREATE INDEX documents_by_title_outlet ON documents (title, outlet);
    CREATE INDEX documents_by_previous ON documents (previous_version_id) WHERE previous_version_id IS NOT NULL;

    ALTER TABLE blocks ADD COLUMN boilerplate INTEGER NOT NULL DEFAULT 0 CHECK (boilerplate IN (0, 1));
    ALTER TABLE blocks ADD COLUMN marks TEXT;

    UPDATE documents SET original_metadata = json_object(
      'title', title, 'author', author, 'outlet', outlet, 'publishedAt', published_at,
      'url', url, 'language', language);
  `,
};
