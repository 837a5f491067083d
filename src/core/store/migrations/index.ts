import type { Migration } from '../migration';
import { migration001 } from './001-initial';
import { migration002 } from './002-import-provenance';
import { migration003 } from './003-excerpt-metadata-history';
import { migration004 } from './004-search-index';
import { migration005 } from './005-composer';
import { migration006 } from './006-print-settings';
import { migration007 } from './007-document-terms';
import { migration008 } from './008-excerpt-search-facts';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
];
