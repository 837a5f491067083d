import type Database from 'better-sqlite3';
import type { ExcerptDetail, ExcerptFilter, ExcerptSort, Page } from '../../shared/dto';
import { findExcerptPage, getExcerptDetails } from '../store/excerpts';
import { findTagByName } from '../store/tags';

/**
 * One page of the excerpt library: filtered by tag (case-insensitively), document, outlet and the
 * source's publication date, newest first or by document.
 */
export function listExcerptPage(
  db: Database.Database,
  input: Readonly<{ filter?: ExcerptFilter | undefined; sort: ExcerptSort; offset: number; limit: number }>,
): Page<ExcerptDetail> {
  const { tag, ...rest } = input.filter ?? {};
  let tagId: number | undefined;
  if (tag !== undefined) {
    tagId = findTagByName(db, tag)?.id;
    if (tagId === undefined) return { total: 0, offset: input.offset, items: [] };
  }
  const { total, ids } = findExcerptPage(db, {
    filter: { ...rest, tagId },
    sort: input.sort,
    offset: input.offset,
    limit: input.limit,
  });
  return { total, offset: input.offset, items: getExcerptDetails(db, ids) };
}
