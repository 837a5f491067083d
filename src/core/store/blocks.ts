import type Database from 'better-sqlite3';
import { countPendingDocumentTerms } from './document-terms';
import { indexDocument } from './search-index';
import { prepared } from './statements';
import type { Block, BlockKind, InlineMark } from '../../shared/dto';

export type NewBlock = Readonly<{
  kind: BlockKind;
  level: number;
  start: number;
  end: number;
  page: number | null;
  boilerplate: boolean;
  marks: readonly InlineMark[];
}>;

type BlockRow = {
  id: number;
  ordinal: number;
  kind: string;
  level: number;
  start_offset: number;
  end_offset: number;
  page: number | null;
  boilerplate: number;
  marks: string | null;
};

/** Stores a document's blocks and adds the document to the full-text index (same transaction). */
export function insertBlocks(
  db: Database.Database,
  documentId: string,
  text: string,
  blocks: readonly NewBlock[],
): void {
  const insert = prepared(
    db,
    `INSERT INTO blocks (document_id, ordinal, kind, level, start_offset, end_offset, page, boilerplate, marks)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  blocks.forEach((block, ordinal) => {
    insert.run(
      documentId,
      ordinal,
      block.kind,
      block.level,
      block.start,
      block.end,
      block.page,
      block.boilerplate ? 1 : 0,
      block.marks.length === 0 ? null : JSON.stringify(block.marks),
    );
  });
  indexDocument(db, documentId, text, blocks);
  countPendingDocumentTerms(db);
}

function parseMarks(json: string | null): InlineMark[] {
  if (json === null) return [];
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as InlineMark[]) : [];
  } catch {
    return [];
  }
}

export function listBlocksForDocument(db: Database.Database, documentId: string): Block[] {
  const rows = prepared(
    db,

    `SELECT id, ordinal, kind, level, start_offset, end_offset, page, boilerplate, marks
       FROM blocks WHERE document_id = ? ORDER BY ordinal`,
  ).all(documentId) as BlockRow[];
  return rows.map((row) => ({
    id: row.id,
    ordinal: row.ordinal,
    kind: row.kind as BlockKind,
    level: row.level,
    start: row.start_offset,
    end: row.end_offset,
    page: row.page,
    boilerplate: row.boilerplate === 1,
    marks: parseMarks(row.marks),
  }));
}
