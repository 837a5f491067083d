import type { Migration } from '../migration';

/**
 * The briefing composer: distribution line, citation options, last-opened order and soft delete on
 * briefings; nested sections with template guidance; key-judgment items and structured content on
 * items; named versions; and coalescing of typing in the edit history.
 *
 * briefing_items is rebuilt (SQLite cannot change a CHECK in place) with the briefing's id on every
 * row, tied to its section's briefing by a composite key, so a briefing's items are one indexed
 * lookup and can never drift into another briefing's section.
 */
export const migration005: Migration = {
  version: 5,
  name: 'briefing composer',
  sql: `
    ALTER TABLE briefings ADD COLUMN recipients TEXT NOT NULL DEFAULT '';
    ALTER TABLE briefings ADD COLUMN citation_style TEXT NOT NULL DEFAULT 'chicago'
      CHECK (citation_style IN ('chicago', 'short'));
    ALTER TABLE briefings ADD COLUMN repeat_citations TEXT NOT NULL DEFAULT 'reuse'
      CHECK (repeat_citations IN ('reuse', 'ibid'));
    ALTER TABLE briefings ADD COLUMN template TEXT NOT NULL DEFAULT '';
    ALTER TABLE briefings ADD COLUMN opened_at TEXT;
    ALTER TABLE briefings ADD COLUMN deleted_at TEXT;

    ALTER TABLE sections ADD COLUMN level INTEGER NOT NULL DEFAULT 1 CHECK (level IN (1, 2));
    ALTER TABLE sections ADD COLUMN guidance TEXT NOT NULL DEFAULT '';
    CREATE UNIQUE INDEX sections_by_id_and_briefing ON sections (id, briefing_id);

    CREATE TABLE briefing_items_v5 (
      id TEXT PRIMARY KEY,
      briefing_id TEXT NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
      section_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('excerpt', 'commentary', 'judgment')),
      excerpt_id TEXT REFERENCES excerpts(id) ON DELETE RESTRICT,
      -- excerpt: the quote as printed; commentary: its plain text; judgment: the sentence.
      body TEXT NOT NULL DEFAULT '',
      -- excerpt: its trim (JSON segments) or NULL when quoted whole; commentary: the rich text (JSON).
      content TEXT CHECK (content IS NULL OR json_valid(content)),
      likelihood TEXT CHECK (likelihood IN ('almost-no-chance', 'very-unlikely', 'unlikely',
        'roughly-even-chance', 'likely', 'very-likely', 'almost-certain')),
      confidence TEXT CHECK (confidence IN ('low', 'moderate', 'high')),
      FOREIGN KEY (section_id, briefing_id) REFERENCES sections (id, briefing_id) ON DELETE CASCADE,
      CHECK ((kind = 'excerpt') = (excerpt_id IS NOT NULL)),
      CHECK ((kind = 'judgment') = (likelihood IS NOT NULL AND confidence IS NOT NULL))
    ) STRICT;
    INSERT INTO briefing_items_v5 (id, briefing_id, section_id, position, kind, excerpt_id, body)
      SELECT i.id, s.briefing_id, i.section_id, i.position, i.kind, i.excerpt_id, i.body
        FROM briefing_items i JOIN sections s ON s.id = i.section_id;
    DROP TABLE briefing_items;
    ALTER TABLE briefing_items_v5 RENAME TO briefing_items;
    CREATE INDEX briefing_items_by_section ON briefing_items (section_id, position);
    CREATE INDEX briefing_items_by_briefing ON briefing_items (briefing_id);
    CREATE INDEX briefing_items_by_excerpt ON briefing_items (excerpt_id);

    CREATE TABLE briefing_versions (
      id TEXT PRIMARY KEY,
      briefing_id TEXT NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('manual', 'export', 'restore')),
      snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX briefing_versions_by_briefing ON briefing_versions (briefing_id, created_at);

    -- Keystrokes in one block within a few seconds become one undo step.
    ALTER TABLE history ADD COLUMN coalesce_key TEXT;
  `,
};
