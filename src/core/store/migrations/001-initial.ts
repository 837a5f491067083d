import type { Migration } from '../migration';

/** The first schema: documents and their blocks, excerpts, collections and briefings. */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  sql: `
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE documents (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      author TEXT,
      outlet TEXT,
      published_at TEXT,
      url TEXT,
      language TEXT,
      format TEXT NOT NULL,
      source_name TEXT NOT NULL,
      text TEXT NOT NULL,
      text_sha256 TEXT NOT NULL,
      original_sha256 TEXT NOT NULL UNIQUE,
      original_bytes BLOB NOT NULL,
      byte_size INTEGER NOT NULL,
      imported_at TEXT NOT NULL,
      previous_version_id TEXT REFERENCES documents(id)
    ) STRICT;

    CREATE TABLE blocks (
      id INTEGER PRIMARY KEY,
      document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      ordinal INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('heading', 'paragraph', 'list-item', 'block-quote')),
      level INTEGER NOT NULL DEFAULT 0,
      start_offset INTEGER NOT NULL,
      end_offset INTEGER NOT NULL,
      page INTEGER,
      UNIQUE (document_id, ordinal),
      CHECK (start_offset >= 0 AND end_offset >= start_offset)
    ) STRICT;

    CREATE TABLE excerpts (
      id TEXT PRIMARY KEY,
      document_id TEXT NOT NULL REFERENCES documents(id),
      document_text_sha256 TEXT NOT NULL,
      quote TEXT NOT NULL CHECK (length(quote) > 0),
      prefix TEXT NOT NULL,
      suffix TEXT NOT NULL,
      start_offset INTEGER NOT NULL,
      end_offset INTEGER NOT NULL,
      page INTEGER,
      note TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (start_offset >= 0 AND end_offset > start_offset)
    ) STRICT;
    CREATE INDEX excerpts_by_document ON excerpts (document_id, start_offset);

    CREATE TABLE collections (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE collection_items (
      collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
      excerpt_id TEXT NOT NULL REFERENCES excerpts(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      PRIMARY KEY (collection_id, excerpt_id)
    ) STRICT;

    CREATE TABLE briefings (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      subtitle TEXT NOT NULL DEFAULT '',
      author TEXT NOT NULL DEFAULT '',
      briefing_date TEXT NOT NULL,
      marking TEXT NOT NULL DEFAULT '',
      bluf TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE sections (
      id TEXT PRIMARY KEY,
      briefing_id TEXT NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      heading TEXT NOT NULL
    ) STRICT;
    CREATE INDEX sections_by_briefing ON sections (briefing_id, position);

    CREATE TABLE briefing_items (
      id TEXT PRIMARY KEY,
      section_id TEXT NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('excerpt', 'commentary')),
      excerpt_id TEXT REFERENCES excerpts(id) ON DELETE RESTRICT,
      body TEXT NOT NULL DEFAULT '',
      CHECK ((kind = 'excerpt') = (excerpt_id IS NOT NULL))
    ) STRICT;
    CREATE INDEX briefing_items_by_section ON briefing_items (section_id, position);
    CREATE INDEX briefing_items_by_excerpt ON briefing_items (excerpt_id);
  `,
};
