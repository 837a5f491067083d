import type Database from 'better-sqlite3';
import type { Excerpt } from '../../shared/dto';
import { CoreError } from '../errors';
import { purgeDeletedBriefingsQuoting } from '../store/briefings';
import { newId } from '../ids';
import { getDocumentSummary, getDocumentText } from '../store/documents';
import {
  countBriefingUsesOfExcerpt,
  deleteExcerptRow,
  findExcerptByPosition,
  findPageAtOffset,
  insertExcerpt,
  listExcerptIdsCarriedFrom,
} from '../store/excerpts';
import { deleteTagsIfUnused, listTagsOfExcerpt, replaceExcerptTags } from '../store/tags';
import { findQuote, requireNonEmpty, selectorAt, snapToWords } from './anchor';
import { recordLibraryEdit } from './library-history';
import { resolveTagIds, tagRowSets } from './tags';

export function requireDocumentText(
  db: Database.Database,
  documentId: string,
): { text: string; textSha256: string } {
  const document = getDocumentText(db, documentId);
  if (document === undefined) {
    throw new CoreError('document-not-found', `No document with id ${documentId} is in the library.`);
  }
  return document;
}

/**
 * Anchors a new excerpt at [start, end) of a document, snapped to whole words. Taking the same
 * passage twice returns the existing excerpt instead of a copy. Not recorded for undo: callers
 * that are user edits use addExcerpt.
 */
export function createExcerptAt(
  db: Database.Database,
  input: Readonly<{
    documentId: string;
    start: number;
    end: number;
    note?: string | undefined;
    now: Date;
    /** Widen to whole words (for mouse selections); off when the caller matched an exact quote. */
    snap?: boolean;
    /** The new excerpt's id, when the caller needs to know it beforehand (undo history). */
    id?: string;
  }>,
): Excerpt {
  const { text, textSha256 } = requireDocumentText(db, input.documentId);
  const range =
    input.snap === false
      ? { start: Math.max(0, input.start), end: Math.min(text.length, input.end) }
      : snapToWords(text, input.start, input.end);
  requireNonEmpty(range);
  return db.transaction((): Excerpt => {
    const existing = findExcerptByPosition(db, input.documentId, range.start, range.end);
    if (existing !== undefined) return existing;
    const at = input.now.toISOString();
    const excerpt: Excerpt = {
      id: input.id ?? newId('exc'),
      documentId: input.documentId,
      documentTextSha256: textSha256,
      ...selectorAt(text, range.start, range.end),
      start: range.start,
      end: range.end,
      note: input.note?.trim() ?? '',
      createdAt: at,
      updatedAt: at,
    };
    insertExcerpt(db, { ...excerpt, page: findPageAtOffset(db, input.documentId, range.start) });
    return excerpt;
  })();
}

/**
 * Creates an excerpt as a user edit (undo removes it again), with its tags. Taking a passage that
 * is already an excerpt returns that excerpt unchanged and records nothing.
 */
export function addExcerpt(
  db: Database.Database,
  input: Readonly<{
    documentId: string;
    start: number;
    end: number;
    note?: string | undefined;
    tags?: readonly string[] | undefined;
    now: Date;
    snap?: boolean;
  }>,
): Excerpt {
  const id = newId('exc');
  const tags = input.tags ?? [];
  return recordLibraryEdit(
    db,
    {
      label: 'Add excerpt',
      sets: [
        { table: 'excerpts', where: { id } },
        { table: 'excerpt_tags', where: { excerpt_id: id } },
        ...tagRowSets(db, tags),
      ],
      now: input.now,
    },
    () => {
      const excerpt = createExcerptAt(db, { ...input, id });
      if (excerpt.id === id && tags.length > 0) {
        replaceExcerptTags(db, id, resolveTagIds(db, tags, input.now.toISOString()));
      }
      return excerpt;
    },
  );
}

/** Refuses to change the quote of (or delete) an excerpt a briefing quotes. */
export function refuseIfQuoted(db: Database.Database, excerptId: string, action: string): void {
  if (countBriefingUsesOfExcerpt(db, excerptId) > 0) {
    throw new CoreError(
      'excerpt-in-use',
      `This excerpt is quoted in a briefing, so it cannot be ${action}; remove it from the briefing first.`,
    );
  }
}

/**
 * Deletes an excerpt no briefing quotes, as an undoable edit: undo brings back its tags, its places
 * in collections and the links of excerpts carried over from it.
 */
export function deleteExcerpt(db: Database.Database, excerptId: string, now: Date): void {
  const tagIds = listTagsOfExcerpt(db, excerptId).map((tag) => tag.id);
  const carriedOver = listExcerptIdsCarriedFrom(db, excerptId);
  recordLibraryEdit(
    db,
    {
      label: 'Delete excerpt',
      sets: [
        ...tagIds.map((tagId) => ({ table: 'tags' as const, where: { id: tagId } })),
        { table: 'excerpts', where: { id: excerptId } },
        ...carriedOver.map((id) => ({ table: 'excerpts' as const, where: { id } })),
        { table: 'excerpt_tags', where: { excerpt_id: excerptId } },
        { table: 'collection_items', where: { excerpt_id: excerptId } },
      ],
      now,
    },
    () => {
      refuseIfQuoted(db, excerptId, 'deleted');
      // Briefings in the bin that quote it go for good with it (their undo step then says so).
      purgeDeletedBriefingsQuoting(db, excerptId);
      if (deleteExcerptRow(db, excerptId) === 0) {
        throw new CoreError('excerpt-not-found', `No excerpt with id ${excerptId} exists.`);
      }
      deleteTagsIfUnused(db, tagIds);
    },
  );
}

/**
 * Creates an excerpt from a quote that must be verbatim in the document (runs of whitespace
 * aside), at its first occurrence. Used where quotes are typed rather than selected (the CLI).
 */
export function addExcerptByQuote(
  db: Database.Database,
  input: Readonly<{
    documentId: string;
    quote: string;
    note?: string | undefined;
    tags?: readonly string[];
    now: Date;
  }>,
): Excerpt {
  const { text } = requireDocumentText(db, input.documentId);
  const match = findQuote(text, input.quote)[0];
  if (match === undefined) {
    const title = getDocumentSummary(db, input.documentId)?.title ?? input.documentId;
    const shown = input.quote.length > 80 ? `${input.quote.slice(0, 77)}…` : input.quote;
    throw new CoreError(
      'quote-not-found',
      `The quote “${shown}” is not verbatim in the document “${title}” (${input.documentId}).`,
    );
  }
  return addExcerpt(db, { ...input, start: match.start, end: match.end, snap: false });
}
