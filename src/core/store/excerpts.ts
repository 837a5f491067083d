import type Database from 'better-sqlite3';
import type { Excerpt, ExcerptColor, ExcerptDetail, ExcerptFilter, ExcerptSort } from '../../shared/dto';
import { prepared } from './statements';

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

/** A new excerpt row: the anchor plus what the library keeps beside it. */
export type NewExcerpt = Excerpt &
  Readonly<{ page?: number | null; color?: ExcerptColor | null; carriedFrom?: string | null }>;

const INSERT_EXCERPT = `INSERT INTO excerpts (id, document_id, document_text_sha256, quote, prefix, suffix,
    start_offset, end_offset, page, note, color, carried_from, created_at, updated_at)
  VALUES (@id, @documentId, @documentTextSha256, @quote, @prefix, @suffix,
    @start, @end, @page, @note, @color, @carriedFrom, @createdAt, @updatedAt)`;

function excerptParams(excerpt: NewExcerpt) {
  return {
    id: excerpt.id,
    documentId: excerpt.documentId,
    documentTextSha256: excerpt.documentTextSha256,
    quote: excerpt.quote,
    prefix: excerpt.prefix,
    suffix: excerpt.suffix,
    start: excerpt.start,
    end: excerpt.end,
    page: excerpt.page ?? null,
    note: excerpt.note,
    color: excerpt.color ?? null,
    carriedFrom: excerpt.carriedFrom ?? null,
    createdAt: excerpt.createdAt,
    updatedAt: excerpt.updatedAt,
  };
}

export function insertExcerpt(db: Database.Database, excerpt: NewExcerpt): void {
  db.prepare(INSERT_EXCERPT).run(excerptParams(excerpt));
}

/** Inserts many excerpts with one prepared statement; the caller runs it in a transaction. */
export function insertExcerpts(db: Database.Database, excerpts: Iterable<NewExcerpt>): void {
  const insert = db.prepare(INSERT_EXCERPT);
  for (const excerpt of excerpts) insert.run(excerptParams(excerpt));
}

/** The editable fields beside an excerpt's anchor. */
export type ExcerptMetadata = Readonly<{
  note: string;
  color: ExcerptColor | null;
  carriedFrom: string | null;
}>;

export function getExcerptMetadata(db: Database.Database, excerptId: string): ExcerptMetadata | undefined {
  const row = db.prepare('SELECT note, color, carried_from FROM excerpts WHERE id = ?').get(excerptId) as
    { note: string; color: string | null; carried_from: string | null } | undefined;
  return row === undefined
    ? undefined
    : { note: row.note, color: row.color as ExcerptColor | null, carriedFrom: row.carried_from };
}

export function updateExcerptNoteAndColor(
  db: Database.Database,
  change: Readonly<{ excerptId: string; note: string; color: ExcerptColor | null; updatedAt: string }>,
): number {
  return db
    .prepare(
      'UPDATE excerpts SET note = @note, color = @color, updated_at = @updatedAt WHERE id = @excerptId',
    )
    .run(change).changes;
}

/** Moves an excerpt's anchor (resizing it); the document stays the same. */
export function updateExcerptAnchor(
  db: Database.Database,
  change: Readonly<{
    excerptId: string;
    documentTextSha256: string;
    quote: string;
    prefix: string;
    suffix: string;
    start: number;
    end: number;
    page: number | null;
    updatedAt: string;
  }>,
): number {
  return db
    .prepare(
      `UPDATE excerpts SET document_text_sha256 = @documentTextSha256, quote = @quote, prefix = @prefix,
         suffix = @suffix, start_offset = @start, end_offset = @end, page = @page, updated_at = @updatedAt
       WHERE id = @excerptId`,
    )
    .run(change).changes;
}

export function setCarriedFrom(db: Database.Database, excerptId: string, carriedFrom: string): void {
  db.prepare('UPDATE excerpts SET carried_from = ? WHERE id = ?').run(carriedFrom, excerptId);
}

/** The page (1-based, PDFs only) of the block that holds `offset`, or null. */
export function findPageAtOffset(db: Database.Database, documentId: string, offset: number): number | null {
  const row = db
    .prepare(
      `SELECT page FROM blocks WHERE document_id = ? AND start_offset <= ?
       ORDER BY ordinal DESC LIMIT 1`,
    )
    .get(documentId, offset) as { page: number | null } | undefined;
  return row?.page ?? null;
}

/** Ids of the excerpts carried over from `excerptId` (to newer versions of its source). */
export function listExcerptIdsCarriedFrom(db: Database.Database, excerptId: string): string[] {
  const rows = db.prepare('SELECT id FROM excerpts WHERE carried_from = ? ORDER BY id').all(excerptId) as {
    id: string;
  }[];
  return rows.map((row) => row.id);
}

/** For the excerpts of a document that were carried over: the excerpt each came from. */
export function listCarriedFromOfDocument(db: Database.Database, documentId: string): string[] {
  const rows = db
    .prepare('SELECT carried_from FROM excerpts WHERE document_id = ? AND carried_from IS NOT NULL')
    .all(documentId) as { carried_from: string }[];
  return rows.map((row) => row.carried_from);
}

export function getExcerpt(db: Database.Database, excerptId: string): Excerpt | undefined {
  const row = prepared(db, `SELECT ${COLUMNS} FROM excerpts WHERE id = ?`).get(excerptId) as
    ExcerptRow | undefined;
  return row === undefined ? undefined : toExcerpt(row);
}

export function listExcerptsForDocument(db: Database.Database, documentId: string): Excerpt[] {
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM excerpts WHERE document_id = ? ORDER BY start_offset, end_offset`)
    .all(documentId) as ExcerptRow[];
  return rows.map(toExcerpt);
}

/** Ids of `limit` excerpts of the whole library from `offset`, newest first. */
export function listExcerptIdsNewestFirst(db: Database.Database, offset: number, limit: number): string[] {
  return db
    .prepare('SELECT id FROM excerpts ORDER BY created_at DESC, id LIMIT ? OFFSET ?')
    .pluck()
    .all(limit, offset) as string[];
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
    db
      .prepare(
        `SELECT count(*) AS n FROM briefing_items i JOIN briefings b ON b.id = i.briefing_id
          WHERE i.excerpt_id = ? AND b.deleted_at IS NULL`,
      )
      .get(excerptId) as { n: number }
  ).n;
}

type DetailRow = ExcerptRow & {
  color: string | null;
  page: number | null;
  title: string;
  author: string | null;
  outlet: string | null;
  published_at: string | null;
  tags: string | null;
};

/** The columns of an ExcerptDetail; `e` is excerpts, `d` its document. */
export const DETAIL_SELECT = `
  SELECT e.id, e.document_id, e.document_text_sha256, e.quote, e.prefix, e.suffix, e.start_offset,
    e.end_offset, e.note, e.created_at, e.updated_at, e.color, e.page,
    d.title, d.author, d.outlet, d.published_at,
    (SELECT json_group_array(t.name) FROM (SELECT t.name FROM excerpt_tags et JOIN tags t ON t.id = et.tag_id
       WHERE et.excerpt_id = e.id ORDER BY t.name COLLATE NOCASE) t) AS tags
  FROM excerpts e JOIN documents d ON d.id = e.document_id`;

export function toExcerptDetail(row: DetailRow): ExcerptDetail {
  return {
    ...toExcerpt(row),
    tags: row.tags === null ? [] : (JSON.parse(row.tags) as string[]),
    color: row.color as ExcerptColor | null,
    page: row.page,
    documentTitle: row.title,
    author: row.author,
    outlet: row.outlet,
    publishedAt: row.published_at,
  };
}

/** Excerpt details for the given ids, in the order of `ids` (missing ids are skipped). */
export function getExcerptDetails(db: Database.Database, ids: readonly string[]): ExcerptDetail[] {
  if (ids.length === 0) return [];
  const byId = new Map<string, ExcerptDetail>();
  const statement = db.prepare(`${DETAIL_SELECT} WHERE e.id IN (SELECT value FROM json_each(?))`);
  for (let index = 0; index < ids.length; index += 500) {
    const rows = statement.all(JSON.stringify(ids.slice(index, index + 500))) as DetailRow[];
    for (const row of rows) byId.set(row.id, toExcerptDetail(row));
  }
  return ids.map((id) => byId.get(id)).filter((detail): detail is ExcerptDetail => detail !== undefined);
}

/** A document's excerpts in document order; all of them, or `limit` from `offset`. */
export function listExcerptDetailsForDocument(
  db: Database.Database,
  documentId: string,
  offset = 0,
  limit = -1,
): ExcerptDetail[] {
  const rows = db
    .prepare(
      `${DETAIL_SELECT} WHERE e.document_id = ? ORDER BY e.start_offset, e.end_offset, e.id LIMIT ? OFFSET ?`,
    )
    .all(documentId, limit, offset) as DetailRow[];
  return rows.map(toExcerptDetail);
}

/** What the integrity check and re-anchoring need of an excerpt. */
export type ExcerptAnchor = Readonly<{
  id: string;
  documentId: string;
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}>;

type AnchorRow = {
  id: string;
  document_id: string;
  quote: string;
  prefix: string;
  suffix: string;
  start_offset: number;
  end_offset: number;
};

function toAnchor(row: AnchorRow): ExcerptAnchor {
  return {
    id: row.id,
    documentId: row.document_id,
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    start: row.start_offset,
    end: row.end_offset,
  };
}

/** Ids of the documents that have excerpts (one, or all), in id order. */
export function listDocumentIdsWithExcerpts(db: Database.Database, documentId?: string): string[] {
  const rows = (
    documentId === undefined
      ? db.prepare('SELECT DISTINCT document_id FROM excerpts ORDER BY document_id').all()
      : db.prepare('SELECT DISTINCT document_id FROM excerpts WHERE document_id = ?').all(documentId)
  ) as { document_id: string }[];
  return rows.map((row) => row.document_id);
}

/**
 * A reader for the anchors of one document at a time, in document order. The statement is prepared
 * once, so a pass over every document of a large library does not re-prepare it per document.
 */
export function anchorReader(db: Database.Database): (documentId: string) => ExcerptAnchor[] {
  const statement = db.prepare(
    `SELECT id, document_id, quote, prefix, suffix, start_offset, end_offset FROM excerpts
     WHERE document_id = ? ORDER BY start_offset, end_offset, id`,
  );
  return (documentId) => (statement.all(documentId) as AnchorRow[]).map(toAnchor);
}

/** The excerpt library's filter with the tag already looked up (its id). */
export type LibraryFilter = Readonly<Omit<ExcerptFilter, 'tag'> & { tagId?: number }>;

/*
 * The library list has to stay fast at 100,000 excerpts with SQLite's default page cache, far
 * smaller than the excerpts table. So pages are chosen from indexes alone and only the rows shown
 * are read: excerpts_by_created holds (created_at, rowid), excerpts_by_document (document_id,
 * start_offset, rowid), documents_by_title_outlet (title, outlet, rowid), excerpt_tags_by_tag finds
 * a tag's excerpts. Filters become sets of excerpt rowids. Only fixed fragments are joined into
 * these statements; every value is a bound parameter.
 */

/** The excerpts with the tag, as a set of rowids the queries below take (JSON, @tagged). */
const TAG_CONDITION = 'e.rowid IN (SELECT value FROM json_each(@tagged))';

function rowidsWithTag(db: Database.Database, tagId: number): number[] {
  return db
    .prepare(
      'SELECT x.rowid FROM excerpt_tags et JOIN excerpts x ON x.id = et.excerpt_id WHERE et.tag_id = ?',
    )
    .pluck()
    .all(tagId) as number[];
}

function documentConditions(filter: LibraryFilter): { conditions: string[]; params: Record<string, string> } {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  if (filter.documentId !== undefined) {
    conditions.push('d.id = @documentId');
    params['documentId'] = filter.documentId;
  }
  if (filter.outlet !== undefined) {
    conditions.push('d.outlet = @outlet');
    params['outlet'] = filter.outlet;
  }
  if (filter.from !== undefined) {
    conditions.push('d.published_at >= @from');
    params['from'] = filter.from;
  }
  if (filter.to !== undefined) {
    conditions.push('d.published_at <= @to');
    params['to'] = filter.to;
  }
  return { conditions, params };
}

function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

/** How many excerpts match the document conditions (no tag). */
function countMatching(db: Database.Database, filter: LibraryFilter): number {
  const { conditions, params } = documentConditions(filter);
  if (conditions.length === 0) return db.prepare('SELECT count(*) FROM excerpts').pluck().get() as number;
  // Documents first (CROSS JOIN keeps that order): their excerpts come from excerpts_by_document.
  return db
    .prepare(
      `SELECT count(*) FROM documents d CROSS JOIN excerpts e ON e.document_id = d.id ${whereClause(conditions)}`,
    )
    .pluck()
    .get(params) as number;
}

/** The tagged excerpts that also match the document conditions, as rowids. */
function rowidsMatching(db: Database.Database, filter: LibraryFilter, tagged: readonly number[]): number[] {
  const { conditions, params } = documentConditions(filter);
  if (conditions.length === 0) return [...tagged];
  return db
    .prepare(
      `SELECT e.rowid FROM documents d CROSS JOIN excerpts e ON e.document_id = d.id
       ${whereClause([...conditions, TAG_CONDITION])}`,
    )
    .pluck()
    .all({ ...params, tagged: JSON.stringify(tagged) }) as number[];
}

function recentPageSql(filter: LibraryFilter, matched: boolean): string {
  const { conditions } = documentConditions(filter);
  const where: string[] = [];
  if (matched) {
    // A tag filter has already been resolved, with any document conditions, to a set of rowids.
    where.push(TAG_CONDITION);
  } else if (conditions.length > 0) {
    where.push(`e.rowid IN (SELECT de.rowid FROM documents d CROSS JOIN excerpts de ON de.document_id = d.id
      ${whereClause(conditions)})`);
  }
  // One document's excerpts are few: read them by rowid and sort. Otherwise walk the creation-time
  // index and keep the rows in the filter's set, rather than reading every match to sort it.
  const from =
    where.length === 0 || filter.documentId !== undefined
      ? 'excerpts e'
      : 'excerpts e INDEXED BY excerpts_by_created';
  return `SELECT e.rowid FROM ${from} ${whereClause(where)}
    ORDER BY e.created_at DESC, e.rowid DESC LIMIT @limit OFFSET @offset`;
}

function documentPageSql(filter: LibraryFilter, matched: boolean): string {
  const { conditions } = documentConditions(filter);
  if (matched) conditions.push(TAG_CONDITION);
  // Documents by title (documents_by_title_outlet), each one's excerpts by offset (excerpts_by_document).
  return `SELECT e.rowid FROM documents d CROSS JOIN excerpts e ON e.document_id = d.id
    ${whereClause(conditions)}
    ORDER BY d.title, d.outlet, d.rowid, e.start_offset, e.rowid LIMIT @limit OFFSET @offset`;
}

function idsOfRowids(db: Database.Database, rowids: readonly number[]): string[] {
  if (rowids.length === 0) return [];
  const rows = db
    .prepare('SELECT rowid AS rid, id FROM excerpts WHERE rowid IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(rowids)) as { rid: number; id: string }[];
  const ids = new Map(rows.map((row) => [row.rid, row.id]));
  return rowids.map((rowid) => ids.get(rowid)).filter((id): id is string => id !== undefined);
}

/**
 * One page of the excerpts that match a filter, as ids in order, and how many match in all: newest
 * first ('recent': creation time, then the later insert) or by document (title, then offset).
 */
export function findExcerptPage(
  db: Database.Database,
  query: Readonly<{ filter: LibraryFilter; sort: ExcerptSort; offset: number; limit: number }>,
): { total: number; ids: string[] } {
  const { filter } = query;
  const matched =
    filter.tagId === undefined ? undefined : rowidsMatching(db, filter, rowidsWithTag(db, filter.tagId));
  const total = matched?.length ?? countMatching(db, filter);
  if (query.offset >= total) return { total, ids: [] };
  const { params } = documentConditions(filter);
  const sql =
    query.sort === 'recent'
      ? recentPageSql(filter, matched !== undefined)
      : documentPageSql(filter, matched !== undefined);
  const rowids = db
    .prepare(sql)
    .pluck()
    .all({
      ...(query.sort === 'recent' && matched !== undefined ? {} : params),
      ...(matched === undefined ? {} : { tagged: JSON.stringify(matched) }),
      limit: query.limit,
      offset: query.offset,
    }) as number[];
  return { total, ids: idsOfRowids(db, rowids) };
}

/** A reader for documents' texts, the statement prepared once for a pass over many documents. */
export function sourceTextReader(db: Database.Database): (documentId: string) => string | undefined {
  const statement = db.prepare('SELECT text FROM documents WHERE id = ?');
  return (documentId) => (statement.get(documentId) as { text: string } | undefined)?.text;
}
