import type Database from 'better-sqlite3';
import { prepared } from '../store/statements';
import { search } from './service';

/** A word of at least this many letters from a title is searched to warm the search path. */
const MIN_WARM_WORD = 4;

/**
 * Runs one search as the search box sends it, for a word of the newest document's title, and
 * returns true when it did (false on an empty library). The first search on a connection costs about
 * twice a later one at 50,000 documents (about 100 ms more): preparing its statements, creating the
 * temp highlight tables, compiling the JavaScript, and reading the pages every search reads (the
 * indexes' structure and document sizes). The library session calls this once, when the API has
 * been quiet for a moment after opening, so that the analyst's first query answers as fast as the
 * rest.
 */
export function warmSearch(db: Database.Database): boolean {
  const title = prepared(db, 'SELECT title FROM documents ORDER BY imported_at DESC LIMIT 1')
    .pluck()
    .get() as string | undefined;
  const word = (title ?? '').match(/[\p{L}\p{N}]+/gu)?.find((candidate) => candidate.length >= MIN_WARM_WORD);
  if (word === undefined) return false;
  search(db, { query: word, typeahead: true, limit: 20 });
  return true;
}
