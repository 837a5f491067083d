import type Database from 'better-sqlite3';
import { prepared } from './statements';

type HeadingLike = Readonly<{ kind: string; start: number; end: number }>;

/** The text of a document's headings, one per line: indexed apart so they weigh more in ranking. */
export function headingsText(text: string, blocks: readonly HeadingLike[]): string {
  return blocks
    .filter((block) => block.kind === 'heading')
    .map((block) => text.slice(block.start, block.end))
    .join('\n');
}

/** Adds a stored document to the full-text index (the index reads title and text from `documents`). */
export function indexDocument(
  db: Database.Database,
  documentId: string,
  text: string,
  blocks: readonly HeadingLike[],
): void {
  prepared(db, 'INSERT INTO document_search (document_id, headings) VALUES (?, ?)').run(
    documentId,
    headingsText(text, blocks),
  );
}
