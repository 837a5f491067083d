import type Database from 'better-sqlite3';
import type { SearchRequest } from '../../shared/dto';
import { prepared } from '../store/statements';
import { search } from './service';

/** A word of at least this many letters from a title is searched to warm the search path. */
const MIN_WARM_WORD = 4;

/**
 * Titles whose words make the warm-up's full page, and how many times that page is searched: three
 * times 20 hits run the page's JavaScript (highlights, passages, snippets) often enough for V8 to
 * compile it, which one hit in one document did not. At 50,000 documents the analyst's first query
 * then took a median 55 ms in the window instead of 68, and a second query of other words 47 instead
 * of 69 (six runs each).
 */
const PAGE_TITLES = 20;
const PAGE_SEARCHES = 3;

/** Rows read ahead from each FTS5 document-size table, at most (about 2,000 pages, 8 MB). */
const SIZE_ROWS_READ = 500_000;

/** A half of a search: its documents or its excerpts. */
export type SearchHalf = 'documents' | 'excerpts';

/** Per half: the FTS5 document-size table its bm25() reads for every match. */
const SIZES = { documents: 'document_fts_docsize', excerpts: 'excerpt_fts_docsize' } as const;

/**
 * Reads the document sizes that bm25() reads for every match of the halves given. At 50,000
 * documents and 200,000 excerpts the FTS5 docsize tables are about 900 pages scattered through the
 * file: a first query of common words read most of them one by one. A search of one rare word does
 * not read them, so the warm-up reads them ahead.
 */
export function readAheadSizes(db: Database.Database, halves: readonly SearchHalf[]): void {
  for (const half of halves) {
    prepared(db, `SELECT count(*) FROM (SELECT 1 FROM ${SIZES[half]} LIMIT ${SIZE_ROWS_READ})`).get();
  }
}

/**
 * The searches a warm-up runs, as the search box sends them, from words of the newest documents'
 * titles (none on an empty library): the newest title's first word as typed (a prefix) and
 * submitted (one word), its first two words submitted, and a word of each of the 20 newest titles,
 * any of them (a full page of documents and excerpts), a few times. Between them they take every
 * path a search of words takes (a prefix or not, one word or several, ranked whole or in parts), so
 * that each path's statements are prepared, its temporary tables made and its JavaScript compiled
 * before the analyst's first query.
 */
export function warmRequests(db: Database.Database): SearchRequest[] {
  const titles = prepared(
    db,
    `SELECT title FROM documents ORDER BY imported_at DESC LIMIT ${String(PAGE_TITLES)}`,
  )
    .pluck()
    .all() as string[];
  const wordsOf = (title: string) =>
    title.match(/[\p{L}\p{N}]+/gu)?.filter((word) => word.length >= MIN_WARM_WORD) ?? [];
  const [first, second] = wordsOf(titles[0] ?? '');
  if (first === undefined) return [];
  // A word from each of the newest titles, any of them: a full page of documents, with excerpts.
  const page = [...new Set(titles.flatMap((title) => wordsOf(title).slice(0, 1)))].join(' OR ');
  return [
    { query: first, typeahead: true, limit: 20 },
    { query: first, typeahead: false, limit: 20 },
    ...(second === undefined ? [] : [{ query: `${first} ${second}`, typeahead: false, limit: 20 }]),
    ...Array.from({ length: PAGE_SEARCHES }, () => ({ query: page, typeahead: false, limit: 20 })),
  ];
}

/**
 * Readies a connection that searches on its own thread (a host without search threads): the first
 * search on a connection costs about twice a later one at 50,000 documents (about 100 ms more), for
 * preparing its statements, creating the temp highlight tables, compiling the JavaScript, and
 * reading the pages every search reads. Returns false on an empty library. The library session calls
 * this (or warmSearchThreads, where the host has search threads) as soon as the library opens, or
 * when the API has been quiet for a moment if the window is already asking.
 */
export function warmSearch(db: Database.Database): boolean {
  readAheadSizes(db, ['documents', 'excerpts']);
  const requests = warmRequests(db);
  for (const request of requests) search(db, request);
  return requests.length > 0;
}
