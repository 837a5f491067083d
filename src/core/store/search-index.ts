import type Database from 'better-sqlite3';
import { prepared } from './statements';

type HeadingLike = Readonly<{ kind: string; start: number; end: number }>;

/** Case- and accent-insensitive form of an author or outlet, for `author:` and `outlet:` filters. */
export function foldForSearch(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');
}

/** The text of a document's headings, one per line: indexed apart so they weigh more in ranking. */
export function headingsText(text: string, blocks: readonly HeadingLike[]): string {
  return blocks
    .filter((block) => block.kind === 'heading')
    .map((block) => text.slice(block.start, block.end))
    .join('\n');
}

type Facts = {
  author: string | null;
  outlet: string | null;
  published_at: string | null;
  imported_at: string;
};

function factsOf(db: Database.Database, documentId: string): Facts {
  return prepared(db, 'SELECT author, outlet, published_at, imported_at FROM documents WHERE id = ?').get(
    documentId,
  ) as Facts;
}

function factParams(facts: Facts) {
  const published = facts.published_at === null ? null : facts.published_at.slice(0, 10);
  return {
    author: facts.author,
    outlet: facts.outlet,
    published: published !== null && /^\d{4}-\d{2}-\d{2}$/u.test(published) ? published : null,
    importedAt: facts.imported_at,
    authorKey: foldForSearch(facts.author ?? ''),
    outletKey: foldForSearch(facts.outlet ?? ''),
  };
}

/**
 * Adds a stored document to the full-text index (which reads title and text from `documents`), with
 * the facts that filters, facets and sorting use. Call in the transaction that stores the document.
 */
export function indexDocument(
  db: Database.Database,
  documentId: string,
  text: string,
  blocks: readonly HeadingLike[],
): void {
  prepared(
    db,
    `INSERT INTO document_search (document_id, headings, author, outlet, published, imported_at, author_key, outlet_key)
     VALUES (@documentId, @headings, @author, @outlet, @published, @importedAt, @authorKey, @outletKey)`,
  ).run({ documentId, headings: headingsText(text, blocks), ...factParams(factsOf(db, documentId)) });
}

/** Brings a document's search facts up to date after its metadata changed (same transaction). */
export function refreshSearchFacts(db: Database.Database, documentId: string): void {
  prepared(
    db,
    `UPDATE document_search SET author = @author, outlet = @outlet, published = @published,
            imported_at = @importedAt, author_key = @authorKey, outlet_key = @outletKey
      WHERE document_id = @documentId`,
  ).run({ documentId, ...factParams(factsOf(db, documentId)) });
}
