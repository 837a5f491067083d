import type Database from 'better-sqlite3';
import { prepared } from './statements';

/**
 * The tokenizer of document_fts (migration 004), as an FTS5 option. Words are counted with the same
 * tokenizer as the index ranks with; a test checks the two are the same.
 */
export const DOCUMENT_TOKENIZE = `tokenize = 'porter unicode61 remove_diacritics 2 categories ''L* N* Co M*'''`;

/**
 * A word's counts are kept for a document when it is in the title or headings, or occurs at least this
 * often in the body. Any other matching document has at most BODY_COUNT_KEPT - 1 occurrences, all in
 * the body, which bounds its score (see search/broad-term.ts).
 */
export const BODY_COUNT_KEPT = 8;

/** How often a word occurs in each column of a document, and the document's length in tokens. */
export type DocumentTermCounts = Readonly<{
  key: number;
  title: number;
  headings: number;
  body: number;
  tokens: number;
}>;

type Column = 'title' | 'headings' | 'body';
type Counts = Record<Column, number>;

const scratchReady = new WeakSet<Database.Database>();

/**
 * A one-row, contentless FTS5 table per connection (temp, never in the file) with the index's own
 * tokenizer: text is written to it, its vocabulary read back and the row cleared.
 */
function ensureScratch(db: Database.Database): void {
  if (scratchReady.has(db)) return;
  db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_scratch USING fts5(
      title, headings, body, content = '', ${DOCUMENT_TOKENIZE}
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

/** Counts the words of one document and keeps those BODY_COUNT_KEPT asks for. */
function countDocumentTerms(db: Database.Database, key: number): void {
  prepared(db, 'DELETE FROM document_terms WHERE key = ?').run(key);
  const content = prepared(db, 'SELECT title, headings, body FROM document_search_content WHERE key = ?').get(
    key,
  ) as ContentRow | undefined;
  if (content !== undefined) {
    const rows = withScratch(
      db,
      content,
      () =>
        prepared(db, 'SELECT term, col, cnt FROM temp.term_scratch_columns').all() as {
          term: string;
          col: Column;
          cnt: number;
        }[],
    );
    const byTerm = new Map<string, Counts>();
    let tokens = 0;
    for (const row of rows) {
      const counts = byTerm.get(row.term) ?? { title: 0, headings: 0, body: 0 };
      counts[row.col] += row.cnt;
      byTerm.set(row.term, counts);
      tokens += row.cnt;
    }
    const insert = prepared(
      db,
      `INSERT INTO document_terms (term, key, title, headings, body, tokens)
       VALUES (@term, @key, @title, @headings, @body, @tokens)`,
    );
    for (const [term, counts] of byTerm) {
      if (counts.title > 0 || counts.headings > 0 || counts.body >= BODY_COUNT_KEPT) {
        insert.run({ term, key, tokens, ...counts });
      }
    }
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
