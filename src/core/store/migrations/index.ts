import type { Migration } from '../migration';
import { migration001 } from './001-initial';
import { migration002 } from './002-import-provenance';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002];
