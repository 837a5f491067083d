import type Database from 'better-sqlite3';
import { prepared } from './statements';

/**
 * The tokenizer of document_fts (migration 004), as an FTS5 option. Words are counted with the same
 * tokenizer as the index ranks with; a test checks the two are the same.
 */
export const DOCUMENT_TOKENIZE = `tokenize = 'porter unicode61 remove_diacritics 2 categories ''L* N* Co M*'''`;

/**
 * A word's body count is kept for a document when the word occurs at least this often in its body.
 * Any other document has at most BODY_COUNT_KEPT - 1 occurrences in its body, which bounds its score
 * (see search/broad-term.ts).
 */
export const BODY_COUNT_KEPT = 8;

type Column = 'title' | 'headings' | 'body';

const scratchReady = new WeakSet<Database.Database>();

/**
 * A one-row, contentless FTS5 table per connection (temp, never in the file) with the index's own
 * tokenizer: text is written to it, its vocabulary read back and the row cleared.
 */
function ensureScratch(db: Database.Database): void {
  if (scratchReady.has(db)) return;
  db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_scratch USING fts5(
      title, headings, body, content = '', columnsize = 0, ${DOCUMENT_TOKENIZE}
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_scratch_columns USING fts5vocab(temp, term_scratch, 'col');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_scratch_tokens USING fts5vocab(temp, term_scratch, 'instance');
  `);
  scratchReady.add(db);
}

function withScratch<T>(db: Database.Database, columns: Readonly<Record<Column, string>>, read: () => T): T {
  ensureScratch(db);
  prepared(
    db,
    'INSERT INTO temp.term_scratch (rowid, title, headings, body) VALUES (1, @title, @headings, @body)',
  ).run(columns);
  try {
    return read();
  } finally {
    prepared(db, "INSERT INTO temp.term_scratch (term_scratch) VALUES ('delete-all')").run();
  }
}

/** The index terms of `text` in order, as the index's tokenizer makes them (stemmed, folded). */
export function indexTerms(db: Database.Database, text: string): string[] {
  return withScratch(
    db,
    { title: '', headings: '', body: text },
    () => prepared(db, 'SELECT term FROM temp.term_scratch_tokens ORDER BY offset').pluck().all() as string[],
  );
}

type ContentRow = { title: string; headings: string; body: string };

/** Counts the words of one document and keeps the body counts BODY_COUNT_KEPT asks for. */
function countDocumentTerms(db: Database.Database, key: number): void {
  prepared(db, 'DELETE FROM document_terms WHERE key = ?').run(key);
  const content = prepared(db, 'SELECT title, headings, body FROM document_search_content WHERE key = ?').get(
    key,
  ) as ContentRow | undefined;
  if (content !== undefined) {
    // One pass over the document's words, filtered and summed in SQL: handing every word to JS
    // costs more than the rest. The length counts every column, as bm25() does.
    const counted = withScratch(
      db,
      content,
      () =>
        prepared(
          db,
          `SELECT sum(cnt) AS tokens,
                  json_group_array(json_array(term, cnt)) FILTER (WHERE col = 'body' AND cnt >= ${BODY_COUNT_KEPT}) AS kept
             FROM temp.term_scratch_columns`,
        ).get() as { tokens: number | null; kept: string },
    );
    const tokens = counted.tokens ?? 0;
    const kept = JSON.parse(counted.kept) as [term: string, body: number][];
    const insert = prepared(
      db,
      'INSERT INTO document_terms (term, key, body, tokens) VALUES (@term, @key, @body, @tokens)',
    );
    for (const [term, body] of kept) insert.run({ term, key, body, tokens });
  }
  prepared(db, 'DELETE FROM document_terms_pending WHERE key = ?').run(key);
}

/**
 * Counts the words of every document whose counts are pending (triggers mark a document when it is
 * indexed or its title changes). Call in the transaction that made the change.
 */
export function countPendingDocumentTerms(db: Database.Database): void {
  const keys = prepared(db, 'SELECT key FROM document_terms_pending ORDER BY key').pluck().all() as number[];
  for (const key of keys) countDocumentTerms(db, key);
}

/** True when every document's word counts are up to date (none pending). */
export function documentTermsCurrent(db: Database.Database): boolean {
  return prepared(db, 'SELECT 1 FROM document_terms_pending LIMIT 1').get() === undefined;
}

/**
 * Documents in the index and their tokens in all columns, as FTS5 keeps them for bm25() (its
 * "averages" record: a varint row count, then a varint token total per column).
 */
export function documentIndexTotals(db: Database.Database): { rows: number; tokens: number } {
  const record = prepared(db, 'SELECT block FROM document_fts_data WHERE id = 1').pluck().get() as
    Buffer | undefined;
  if (record === undefined) return { rows: 0, tokens: 0 };
  const values: number[] = [];
  let value = 0;
  for (const byte of record) {
    // SQLite varints: seven bits a byte, most significant first, high bit set on all but the last.
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      values.push(value);
      value = 0;
    }
  }
  const [rows = 0, ...columns] = values;
  return { rows, tokens: columns.reduce((sum, column) => sum + column, 0) };
}
