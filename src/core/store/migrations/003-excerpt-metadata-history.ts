import type { Migration } from '../migration';

/**
 * Excerpt metadata and undo: a colour (category) on excerpts, tags, the excerpt an excerpt was
 * carried over from (newer version of a source), ordered collection positions, and the edit
 * history that undo and redo replay.
 */
export const migration003: Migration = {
  version: 3,
  name: 'excerpt metadata, tags and edit history',
  sql: `
    ALTER TABLE excerpts ADD COLUMN color TEXT
      CHECK (color IN ('yellow', 'green', 'blue', 'pink', 'purple', 'orange'));
    ALTER TABLE excerpts ADD COLUMN carried_from TEXT REFERENCES excerpts(id) ON DELETE SET NULL;
    CREATE INDEX excerpts_by_created ON excerpts (created_at);
    CREATE INDEX excerpts_by_carried_from ON excerpts (carried_from) WHERE carried_from IS NOT NULL;

    CREATE TABLE tags (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE excerpt_tags (
      excerpt_id TEXT NOT NULL REFERENCES excerpts(id) ON DELETE CASCADE,
      tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
      PRIMARY KEY (excerpt_id, tag_id)
    ) STRICT;
    CREATE INDEX excerpt_tags_by_tag ON excerpt_tags (tag_id);

    CREATE INDEX collection_items_by_position ON collection_items (collection_id, position);
    CREATE INDEX collection_items_by_excerpt ON collection_items (excerpt_id);

    CREATE TABLE history (
      id INTEGER PRIMARY KEY,
      scope TEXT NOT NULL,
      label TEXT NOT NULL,
      changes TEXT NOT NULL,
      undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX history_by_scope ON history (scope, id);
  `,
};
