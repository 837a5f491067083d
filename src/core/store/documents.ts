import type Database from 'better-sqlite3';
import { countPendingDocumentTerms } from './document-terms';
import { refreshSearchFacts } from './search-index';
import { prepared } from './statements';
import type { DocumentFormat, DocumentSummary, TextDirection } from '../../shared/dto';

export type NewDocumentRow = Readonly<{
  id: string;
  title: string;
  author: string | null;
  outlet: string | null;
  publishedAt: string | null;
  url: string | null;
  language: string | null;
  direction: TextDirection | null;
  format: DocumentFormat;
  sourceName: string;
  text: string;
  textSha256: string;
  originalSha256: string;
  originalBytes: Buffer;
  importedAt: string;
  previousVersionId: string | null;
  /** Extra provenance kept with the metadata as first imported (e.g. a bundle sender's hash). */
  provenance?: Readonly<Record<string, string>>;
}>;

/** The metadata fields an analyst may edit; the text never changes. */
export type DocumentMetadata = Readonly<{
  title: string;
  author: string | null;
  outlet: string | null;
  publishedAt: string | null;
  url: string | null;
  language: string | null;
}>;

type SummaryRow = {
  id: string;
  title: string;
  author: string | null;
  outlet: string | null;
  published_at: string | null;
  url: string | null;
  language: string | null;
  direction: string | null;
  format: string;
  previous_version_id: string | null;
  original_sha256: string;
  imported_at: string;
  block_count: number;
};

const SUMMARY_COLUMNS = `
  d.id, d.title, d.author, d.outlet, d.published_at, d.url, d.language, d.direction, d.format,
  d.previous_version_id,
  d.original_sha256, d.imported_at,
  (SELECT count(*) FROM blocks b WHERE b.document_id = d.id) AS block_count`;

function toSummary(row: SummaryRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    author: row.author,
    outlet: row.outlet,
    publishedAt: row.published_at,
    url: row.url,
    language: row.language,
    direction: row.direction as TextDirection | null,
    format: row.format as DocumentFormat,
    blockCount: row.block_count,
    previousVersionId: row.previous_version_id,
    sha256: row.original_sha256,
    importedAt: row.imported_at,
  };
}

export function insertDocument(db: Database.Database, row: NewDocumentRow): void {
  const { provenance, ...fields } = row;
  prepared(
    db,
    `INSERT INTO documents (id, title, author, outlet, published_at, url, language, direction, format,
       source_name, text, text_sha256, original_sha256, original_bytes, byte_size, imported_at,
       previous_version_id, original_metadata)
     VALUES (@id, @title, @author, @outlet, @publishedAt, @url, @language, @direction, @format,
       @sourceName, @text, @textSha256, @originalSha256, @originalBytes, @byteSize, @importedAt,
       @previousVersionId, @originalMetadata)`,
  ).run({
    ...fields,
    byteSize: row.originalBytes.byteLength,
    originalMetadata: JSON.stringify({
      title: row.title,
      author: row.author,
      outlet: row.outlet,
      publishedAt: row.publishedAt,
      url: row.url,
      language: row.language,
      ...provenance,
    }),
  });
}

export function findDocumentIdByOriginalSha256(db: Database.Database, sha256: string): string | undefined {
  const row = prepared(db, 'SELECT id FROM documents WHERE original_sha256 = ?').get(sha256) as
    { id: string } | undefined;
  return row?.id;
}

/** One page of the library, newest import first. */
export function listDocumentSummaryPage(
  db: Database.Database,
  offset: number,
  limit: number,
): DocumentSummary[] {
  const rows = prepared(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM documents d ORDER BY d.imported_at DESC, d.title LIMIT ? OFFSET ?`,
  ).all(limit, offset) as SummaryRow[];
  return rows.map(toSummary);
}

/** Summaries of the given documents, in the order given (unknown ids are left out). */
export function getDocumentSummaries(
  db: Database.Database,
  documentIds: readonly string[],
): DocumentSummary[] {
  const statement = prepared(db, `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.id = ?`);
  return documentIds.flatMap((documentId) => {
    const row = statement.get(documentId) as SummaryRow | undefined;
    return row === undefined ? [] : [toSummary(row)];
  });
}

/** Every document's id with the words a library filter matches (title, author, outlet), newest first. */
export function listDocumentFilterFields(
  db: Database.Database,
): { id: string; title: string; author: string | null; outlet: string | null }[] {
  return prepared(
    db,
    'SELECT d.id, d.title, d.author, d.outlet FROM documents d ORDER BY d.imported_at DESC, d.title',
  ).all() as { id: string; title: string; author: string | null; outlet: string | null }[];
}

/** The outlets documents name, in alphabetical order. */
export function listOutletNames(db: Database.Database): string[] {
  const rows = prepared(
    db,
    'SELECT DISTINCT outlet FROM document_search WHERE outlet IS NOT NULL ORDER BY outlet',
  ).all() as { outlet: string }[];
  return rows.map((row) => row.outlet);
}

export function getDocumentSummary(db: Database.Database, documentId: string): DocumentSummary | undefined {
  const row = prepared(db, `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.id = ?`).get(documentId) as
    SummaryRow | undefined;
  return row === undefined ? undefined : toSummary(row);
}

export function getDocumentText(
  db: Database.Database,
  documentId: string,
): { text: string; textSha256: string } | undefined {
  const row = prepared(db, 'SELECT text, text_sha256 FROM documents WHERE id = ?').get(documentId) as
    { text: string; text_sha256: string } | undefined;
  return row === undefined ? undefined : { text: row.text, textSha256: row.text_sha256 };
}

export function findDocumentIdsByTitle(db: Database.Database, title: string): string[] {
  const rows = prepared(db, 'SELECT id FROM documents WHERE title = ? ORDER BY imported_at').all(title) as {
    id: string;
  }[];
  return rows.map((row) => row.id);
}

export function countDocuments(db: Database.Database): number {
  return (prepared(db, 'SELECT count(*) AS n FROM documents').get() as { n: number }).n;
}

/**
 * The newest document that is an earlier version of a source: the same URL, or (without a URL) the
 * same title and outlet.
 */
export function findLatestVersionOfSource(
  db: Database.Database,
  source: Readonly<{ url: string | null; title: string; outlet: string | null }>,
): string | undefined {
  const row =
    source.url === null
      ? (prepared(
          db,
          `SELECT id FROM documents WHERE title = ? AND outlet IS ? AND outlet IS NOT NULL
           ORDER BY imported_at DESC, rowid DESC LIMIT 1`,
        ).get(source.title, source.outlet) as { id: string } | undefined)
      : (prepared(
          db,
          'SELECT id FROM documents WHERE url = ? ORDER BY imported_at DESC, rowid DESC LIMIT 1',
        ).get(source.url) as { id: string } | undefined);
  return row?.id;
}

export function updateDocumentMetadata(
  db: Database.Database,
  documentId: string,
  metadata: DocumentMetadata,
  now: string,
): number {
  const update = () => {
    const changes = prepared(
      db,
      `UPDATE documents SET title = @title, author = @author, outlet = @outlet, published_at = @publishedAt,
         url = @url, language = @language, metadata_updated_at = @now
       WHERE id = @documentId`,
    ).run({ ...metadata, now, documentId }).changes;
    // The title reaches the full-text index by trigger; filter facts are folded and the title's words
    // counted here, in the same transaction.
    if (changes > 0) {
      refreshSearchFacts(db, documentId);
      countPendingDocumentTerms(db);
    }
    return changes;
  };
  return db.transaction(update)();
}
