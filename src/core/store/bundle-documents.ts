import type Database from 'better-sqlite3';
import type { ExcerptColor } from '../../shared/dto';
import type { NewDocumentRow } from './documents';

/** The earliest imported document whose normalised text has this SHA-256. */
export function findDocumentIdByTextSha256(db: Database.Database, textSha256: string): string | undefined {
  const row = db
    .prepare('SELECT id FROM documents WHERE text_sha256 = ? ORDER BY imported_at, rowid LIMIT 1')
    .get(textSha256) as { id: string } | undefined;
  return row?.id;
}

/**
 * Inserts a document received in a collection bundle. Its original file is not in the bundle, so
 * the caller stores the text as the original bytes; the sender's original SHA-256 is kept beside
 * the metadata as first imported, for provenance.
 */
export function insertBundleDocument(
  db: Database.Database,
  row: NewDocumentRow & Readonly<{ bundleOriginalSha256: string }>,
): void {
  db.prepare(
    `INSERT INTO documents (id, title, author, outlet, published_at, url, language, direction, format,
       source_name, text, text_sha256, original_sha256, original_bytes, byte_size, imported_at,
       previous_version_id, original_metadata)
     VALUES (@id, @title, @author, @outlet, @publishedAt, @url, @language, @direction, @format,
       @sourceName, @text, @textSha256, @originalSha256, @originalBytes, @byteSize, @importedAt,
       @previousVersionId, @originalMetadata)`,
  ).run({
    id: row.id,
    title: row.title,
    author: row.author,
    outlet: row.outlet,
    publishedAt: row.publishedAt,
    url: row.url,
    language: row.language,
    direction: row.direction,
    format: row.format,
    sourceName: row.sourceName,
    text: row.text,
    textSha256: row.textSha256,
    originalSha256: row.originalSha256,
    originalBytes: row.originalBytes,
    byteSize: row.originalBytes.byteLength,
    importedAt: row.importedAt,
    previousVersionId: row.previousVersionId,
    originalMetadata: JSON.stringify({
      title: row.title,
      author: row.author,
      outlet: row.outlet,
      publishedAt: row.publishedAt,
      url: row.url,
      language: row.language,
      bundleOriginalSha256: row.bundleOriginalSha256,
    }),
  });
}

/** Sets the colour and page of an excerpt made from a bundle. */
export function setExcerptColorAndPage(
  db: Database.Database,
  input: Readonly<{ excerptId: string; color: ExcerptColor | null; page: number | null }>,
): number {
  return db.prepare('UPDATE excerpts SET color = @color, page = @page WHERE id = @excerptId').run(input)
    .changes;
}

/** Creates a tag unless one with the same name (ignoring case) exists. */
export function insertTagIfMissing(db: Database.Database, name: string, now: string): void {
  db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(
    name,
    now,
  );
}

export function findTagIdByName(db: Database.Database, name: string): number | undefined {
  const row = db.prepare('SELECT id FROM tags WHERE name = ?').get(name) as { id: number } | undefined;
  return row?.id;
}

export function insertExcerptTag(db: Database.Database, excerptId: string, tagId: number): void {
  db.prepare('INSERT INTO excerpt_tags (excerpt_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(
    excerptId,
    tagId,
  );
}
