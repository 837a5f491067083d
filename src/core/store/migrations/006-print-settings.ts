import type { Migration } from '../migration';

/**
 * How each briefing prints (page size, title page, contents, endnotes or footnotes, the source
 * appendix, language), as JSON read through normalisePrintSettings: a missing or unknown field takes
 * its default, so the column never needs another migration for a new option.
 */
export const migration006: Migration = {
  version: 6,
  name: 'print settings',
  sql: `
    ALTER TABLE briefings ADD COLUMN print_settings TEXT NOT NULL DEFAULT '{}'
      CHECK (json_valid(print_settings));
  `,
};
