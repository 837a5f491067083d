import type Database from 'better-sqlite3';
import { DOCUMENT_TOKENIZE } from '../store/document-terms';
import { prepared } from '../store/statements';

/** Matched words are wrapped in these by highlight(). */
export const MARK_OPEN = '\u0001';
export const MARK_CLOSE = '\u0002';

export type HighlightedDocument = { key: number; title: string; body: string };
export type HighlightedExcerpt = { key: number; quote: string; note: string };

const pageTablesReady = new WeakSet<Database.Database>();

/**
 * Two temp FTS5 indexes per connection (never in the file), with the columns and tokenizer of
 * document_fts and excerpt_fts, that read their text from the library (external content, through
 * temp views): the rows of a page are indexed, highlighted and cleared ('delete-all' drops the index
 * without tokenizing the text again).
 *
 * Used for queries with a prefix. Why not highlight() on the library's own index with `rowid IN
 * (page)`: SQLite asks FTS5 for each rowid of the list apart, and FTS5 starts the MATCH afresh each
 * time; a prefix (every search-as-you-type query ends in one) merges the doclists of every word with
 * that prefix each time, up to a second for a page of a prefix of words in most of the library. Here
 * the MATCH runs over the page's rows alone. A row's highlights depend only on its own text and the
 * query, so they are the same.
 */
function ensurePageTables(db: Database.Database): void {
  if (pageTablesReady.has(db)) return;
  db.exec(`
    CREATE TEMP VIEW IF NOT EXISTS document_page_content AS
      SELECT key, title, headings, body FROM main.document_search_content;
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.document_page_fts USING fts5(
      title, headings, body, content = 'document_page_content', content_rowid = 'key', columnsize = 0,
      ${DOCUMENT_TOKENIZE}
    );
    CREATE TEMP VIEW IF NOT EXISTS excerpt_page_content AS
      SELECT rowid AS key, quote, note, tags FROM main.excerpt_fts;
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.excerpt_page_fts USING fts5(
      quote, note, tags, content = 'excerpt_page_content', content_rowid = 'key', columnsize = 0,
      ${DOCUMENT_TOKENIZE}
    );
  `);
  pageTablesReady.add(db);
}

/** One temp index: how a page's rows are indexed, and how they are read back with the words marked. */
type PageIndex = Readonly<{ table: string; fill: string; read: string; direct: string }>;

const DOCUMENT_PAGE: PageIndex = {
  table: 'document_page_fts',
  fill: `INSERT INTO temp.document_page_fts (rowid, title, headings, body)
         SELECT key, title, headings, body FROM temp.document_page_content
          WHERE key IN (SELECT value FROM json_each(?))`,
  read: `SELECT rowid AS key,
                highlight(document_page_fts, 0, char(1), char(2)) AS title,
                highlight(document_page_fts, 2, char(1), char(2)) AS body
           FROM temp.document_page_fts WHERE document_page_fts MATCH ?`,
  direct: `SELECT rowid AS key,
                  highlight(document_fts, 0, char(1), char(2)) AS title,
                  highlight(document_fts, 2, char(1), char(2)) AS body
             FROM main.document_fts
            WHERE document_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
};

const EXCERPT_PAGE: PageIndex = {
  table: 'excerpt_page_fts',
  fill: `INSERT INTO temp.excerpt_page_fts (rowid, quote, note, tags)
         SELECT key, quote, note, tags FROM temp.excerpt_page_content
          WHERE key IN (SELECT value FROM json_each(?))`,
  read: `SELECT rowid AS key,
                highlight(excerpt_page_fts, 0, char(1), char(2)) AS quote,
                highlight(excerpt_page_fts, 1, char(1), char(2)) AS note
           FROM temp.excerpt_page_fts WHERE excerpt_page_fts MATCH ?`,
  direct: `SELECT rowid AS key,
                  highlight(excerpt_fts, 0, char(1), char(2)) AS quote,
                  highlight(excerpt_fts, 1, char(1), char(2)) AS note
             FROM main.excerpt_fts
            WHERE excerpt_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
};

/**
 * Whether a MATCH expression (as parseQuery writes it: quoted words, `*`, operators and parentheses)
 * holds a prefix: a `*` outside the quotes (a quote inside quotes is doubled).
 */
export function matchesPrefix(match: string): boolean {
  let quoted = false;
  for (const character of match) {
    if (character === '"') quoted = !quoted;
    else if (character === '*' && !quoted) return true;
  }
  return false;
}

/**
 * Indexes the rows `keys` in `page`, reads them back with the words of `match` marked, and clears it.
 * Without a prefix, FTS5 finds each rowid of the list in the library index by seeking in the doclists
 * of the query's words (a few milliseconds for a page); then the library index is read directly,
 * which saves indexing the page's text (about 5 ms for 20 documents).
 */
function markPage<T>(db: Database.Database, page: PageIndex, match: string, keys: readonly number[]): T[] {
  if (keys.length === 0) return [];
  if (!matchesPrefix(match)) return prepared(db, page.direct).all(match, JSON.stringify(keys)) as T[];
  ensurePageTables(db);
  try {
    prepared(db, page.fill).run(JSON.stringify(keys));
    return prepared(db, page.read).all(match) as T[];
  } finally {
    prepared(db, `INSERT INTO temp.${page.table} (${page.table}) VALUES ('delete-all')`).run();
  }
}

/** Title and body of the documents `keys` (keys into document_search) with the words of `match` marked. */
export function highlightDocuments(
  db: Database.Database,
  match: string,
  keys: readonly number[],
): HighlightedDocument[] {
  return markPage<HighlightedDocument>(db, DOCUMENT_PAGE, match, keys);
}

/** Quote and note of the excerpts `keys` (keys into excerpt_search) with the words of `match` marked. */
export function highlightExcerpts(
  db: Database.Database,
  match: string,
  keys: readonly number[],
): HighlightedExcerpt[] {
  return markPage<HighlightedExcerpt>(db, EXCERPT_PAGE, match, keys);
}
