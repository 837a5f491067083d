import type Database from 'better-sqlite3';
import type { Excerpt } from '../../shared/dto';
import { CoreError } from '../errors';
import { newId } from '../ids';
import { getDocumentText } from '../store/documents';
import {
  countBriefingUsesOfExcerpt,
  deleteExcerptRow,
  findExcerptByPosition,
  insertExcerpt,
} from '../store/excerpts';
import { requireNonEmpty, selectorAt, snapToWords } from './anchor';

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
 * passage twice returns the existing excerpt instead of a copy.
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
      id: newId('exc'),
      documentId: input.documentId,
      documentTextSha256: textSha256,
      ...selectorAt(text, range.start, range.end),
      start: range.start,
      end: range.end,
      note: input.note?.trim() ?? '',
      createdAt: at,
      updatedAt: at,
    };
    insertExcerpt(db, excerpt);
    return excerpt;
  })();
}

export function deleteExcerpt(db: Database.Database, excerptId: string): void {
  db.transaction(() => {
    if (countBriefingUsesOfExcerpt(db, excerptId) > 0) {
      throw new CoreError(
        'excerpt-in-use',
        'This excerpt is quoted in a briefing; remove it from the briefing first.',
      );
    }
    if (deleteExcerptRow(db, excerptId) === 0) {
      throw new CoreError('excerpt-not-found', `No excerpt with id ${excerptId} exists.`);
    }
  })();
}
