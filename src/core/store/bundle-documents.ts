import type Database from 'better-sqlite3';
import type { ExcerptColor } from '../../shared/dto';

/** The earliest imported document whose normalised text has this SHA-256. */
export function findDocumentIdByTextSha256(db: Database.Database, textSha256: string): string | undefined {
  const row = db
    .prepare('SELECT id FROM documents WHERE text_sha256 = ? ORDER BY imported_at, rowid LIMIT 1')
    .get(textSha256) as { id: string } | undefined;
  return row?.id;
}

/** Sets the colour and page of an excerpt made from a bundle. */
export function setExcerptColorAndPage(
  db: Database.Database,
  input: Readonly<{ excerptId: string; color: ExcerptColor | null; page: number | null }>,
): number {
  return db.prepare('UPDATE excerpts SET color = @color, page = @page WHERE id = @excerptId').run(input)
    .changes;
}
