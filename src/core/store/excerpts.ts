import type Database from 'better-sqlite3';
import type { Excerpt } from '../../shared/dto';

type ExcerptRow = {
  id: string;
  document_id: string;
  document_text_sha256: string;
  quote: string;
  prefix: string;
  suffix: string;
  start_offset: number;
  end_offset: number;
  note: string;
  created_at: string;
  updated_at: string;
};

const COLUMNS = `id, document_id, document_text_sha256, quote, prefix, suffix, start_offset,
  end_offset, note, created_at, updated_at`;

function toExcerpt(row: ExcerptRow): Excerpt {
  return {
    id: row.id,
    documentId: row.document_id,
    documentTextSha256: row.document_text_sha256,
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    start: row.start_offset,
    end: row.end_offset,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function insertExcerpt(db: Database.Database, excerpt: Excerpt): void {
  db.prepare(
    `INSERT INTO excerpts (id, document_id, document_text_sha256, quote, prefix, suffix,
       start_offset, end_offset, note, created_at, updated_at)
     VALUES (@id, @documentId, @documentTextSha256, @quote, @prefix, @suffix,
       @start, @end, @note, @createdAt, @updatedAt)`,
  ).run(excerpt);
}

export function getExcerpt(db: Database.Database, excerptId: string): Excerpt | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM excerpts WHERE id = ?`).get(excerptId) as
    ExcerptRow | undefined;
  return row === undefined ? undefined : toExcerpt(row);
}

export function listExcerptsForDocument(db: Database.Database, documentId: string): Excerpt[] {
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM excerpts WHERE document_id = ? ORDER BY start_offset, end_offset`)
    .all(documentId) as ExcerptRow[];
  return rows.map(toExcerpt);
}

export function listAllExcerptsNewestFirst(db: Database.Database): Excerpt[] {
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM excerpts ORDER BY created_at DESC, id`)
    .all() as ExcerptRow[];
  return rows.map(toExcerpt);
}

export function findExcerptByPosition(
  db: Database.Database,
  documentId: string,
  start: number,
  end: number,
): Excerpt | undefined {
  const row = db
    .prepare(
      `SELECT ${COLUMNS} FROM excerpts
       WHERE document_id = ? AND start_offset = ? AND end_offset = ?`,
    )
    .get(documentId, start, end) as ExcerptRow | undefined;
  return row === undefined ? undefined : toExcerpt(row);
}

export function deleteExcerptRow(db: Database.Database, excerptId: string): number {
  return db.prepare('DELETE FROM excerpts WHERE id = ?').run(excerptId).changes;
}

export function countBriefingUsesOfExcerpt(db: Database.Database, excerptId: string): number {
  return (
    db.prepare('SELECT count(*) AS n FROM briefing_items WHERE excerpt_id = ?').get(excerptId) as {
      n: number;
    }
  ).n;
}
