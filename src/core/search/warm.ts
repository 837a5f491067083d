import type Database from 'better-sqlite3';
import { prepared } from '../store/statements';
import { searchDocuments, searchExcerptHits } from './service';

/** A word of at least this many letters from a title is searched to warm the search path. */
const MIN_WARM_WORD = 4;

/** Rows read ahead from each FTS5 document-size table, at most (about 2,000 pages, 8 MB). */
const SIZE_ROWS_READ = 500_000;

/** A half of a search: its documents or its excerpts (each search thread answers one). */
export type SearchHalf = 'documents' | 'excerpts';

/** Per half: the document-size table its bm25() reads, and how the half is searched. */
const HALVES = {
  documents: { sizes: 'document_fts_docsize', search: searchDocuments },
  excerpts: { sizes: 'excerpt_fts_docsize', search: searchExcerptHits },
} as const;

/**
 * Runs one search as the search box sends it, for a word of the newest document's title, and
 * returns true when it did (false on an empty library). The first search on a connection costs about
 * twice a later one at 50,000 documents (about 100 ms more): preparing its statements, creating the
 * temp highlight tables, compiling the JavaScript, and reading the pages every search reads. The
 * largest share of those pages are the document sizes bm25() reads for every match (the FTS5
 * docsize tables: about 900 pages at 50,000 documents and 200,000 excerpts, scattered through the
 * file, so that a first query of common words read most of them one by one); they are read here
 * ahead of time, which a search of one title word alone does not do. The library session calls this
 * once, as soon as the library opens (or when the API has been quiet for a moment, if the window is
 * already asking), on each search thread for the half that thread answers, so that the analyst's
 * first query answers as fast as the rest.
 */
export function warmSearch(
  db: Database.Database,
  halves: readonly SearchHalf[] = ['documents', 'excerpts'],
): boolean {
  for (const half of halves) {
    prepared(db, `SELECT count(*) FROM (SELECT 1 FROM ${HALVES[half].sizes} LIMIT ${SIZE_ROWS_READ})`).get();
  }
  const title = prepared(db, 'SELECT title FROM documents ORDER BY imported_at DESC LIMIT 1')
    .pluck()
    .get() as string | undefined;
  const word = (title ?? '').match(/[\p{L}\p{N}]+/gu)?.find((candidate) => candidate.length >= MIN_WARM_WORD);
  if (word === undefined) return false;
  for (const half of halves) HALVES[half].search(db, { query: word, typeahead: true, limit: 20 });
  return true;
}
