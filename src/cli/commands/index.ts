import { BRIEFING_COMMANDS } from './briefing';
import { COLLECTION_COMMANDS } from './collections';
import type { Command } from './command';
import { CORPUS_COMMANDS } from './corpus';
import { EXCERPT_COMMANDS } from './excerpts';
import { SEARCH_COMMANDS } from './search';

export const COMMANDS: Readonly<Record<string, Command>> = {
  ...CORPUS_COMMANDS,
  ...EXCERPT_COMMANDS,
  ...COLLECTION_COMMANDS,
  ...BRIEFING_COMMANDS,
  ...SEARCH_COMMANDS,
};

/** Options that take a value, on any command; `--json` and `--help` are flags. */
export const VALUED_OPTIONS = [
  'data-dir',
  'out',
  'quote',
  'note',
  'tag',
  'document',
  'limit',
  'format',
  'fixed-date',
  'page-size',
  'title-page',
  'contents',
  'notes',
  'appendix',
  'language',
] as const;
