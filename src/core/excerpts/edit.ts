import type Database from 'better-sqlite3';
import type { ExcerptColor, ExcerptDetail } from '../../shared/dto';
import { CoreError } from '../errors';
import {
  findPageAtOffset,
  getExcerpt,
  getExcerptDetails,
  getExcerptMetadata,
  updateExcerptAnchor,
  updateExcerptNoteAndColor,
} from '../store/excerpts';
import { deleteTagsIfUnused, foldTagName, listTagsOfExcerpt, replaceExcerptTags } from '../store/tags';
import { requireNonEmpty, selectorAt, snapToWords } from './anchor';
import { recordLibraryEdit } from './library-history';
import { refuseIfQuoted, requireDocumentText } from './service';
import { cleanTagNames, resolveTagIds, tagRowSets } from './tags';

export function requireExcerptDetail(db: Database.Database, excerptId: string): ExcerptDetail {
  const [detail] = getExcerptDetails(db, [excerptId]);
  if (detail === undefined)
    throw new CoreError('excerpt-not-found', `No excerpt with id ${excerptId} exists.`);
  return detail;
}

function sameTagSet(current: readonly string[], next: readonly string[]): boolean {
  const have = new Set(current.map(foldTagName));
  return have.size === next.length && next.every((name) => have.has(foldTagName(name)));
}

/**
 * Sets an excerpt's note, tags (replacing them) and colour; fields left out stay as they are. One
 * undoable edit; an edit that changes nothing records nothing.
 */
export function updateExcerpt(
  db: Database.Database,
  input: Readonly<{
    excerptId: string;
    note?: string | undefined;
    tags?: readonly string[] | undefined;
    color?: ExcerptColor | null | undefined;
    now: Date;
  }>,
): ExcerptDetail {
  const current = getExcerptMetadata(db, input.excerptId);
  if (current === undefined)
    throw new CoreError('excerpt-not-found', `No excerpt with id ${input.excerptId} exists.`);
  const currentTags = listTagsOfExcerpt(db, input.excerptId);
  const note = input.note === undefined ? current.note : input.note.trim();
  const color = input.color === undefined ? current.color : input.color;
  const tags = input.tags === undefined ? undefined : cleanTagNames(input.tags);
  const changed = {
    note: note !== current.note,
    color: color !== current.color,
    tags:
      tags !== undefined &&
      !sameTagSet(
        currentTags.map((tag) => tag.name),
        tags,
      ),
  };
  const kinds = Object.values(changed).filter(Boolean).length;
  if (kinds === 0) return requireExcerptDetail(db, input.excerptId);
  const label =
    kinds > 1 ? 'Edit excerpt' : changed.note ? 'Edit note' : changed.tags ? 'Edit tags' : 'Change colour';
  const at = input.now.toISOString();
  recordLibraryEdit(
    db,
    {
      label,
      sets: [
        ...currentTags.map((tag) => ({ table: 'tags' as const, where: { id: tag.id } })),
        ...tagRowSets(db, tags ?? []),
        { table: 'excerpts', where: { id: input.excerptId } },
        { table: 'excerpt_tags', where: { excerpt_id: input.excerptId } },
      ],
      now: input.now,
    },
    () => {
      updateExcerptNoteAndColor(db, { excerptId: input.excerptId, note, color, updatedAt: at });
      if (changed.tags && tags !== undefined) {
        const tagIds = resolveTagIds(db, tags, at);
        replaceExcerptTags(db, input.excerptId, tagIds);
        deleteTagsIfUnused(
          db,
          currentTags.map((tag) => tag.id).filter((id) => !tagIds.includes(id)),
        );
      }
    },
  );
  return requireExcerptDetail(db, input.excerptId);
}

/**
 * Extends or shrinks an excerpt to [start, end) of its document, snapped to whole words, with a
 * new quote, context and page. Refused for an excerpt a briefing quotes. One undoable edit.
 */
export function resizeExcerpt(
  db: Database.Database,
  input: Readonly<{ excerptId: string; start: number; end: number; now: Date }>,
): ExcerptDetail {
  const excerpt = getExcerpt(db, input.excerptId);
  if (excerpt === undefined)
    throw new CoreError('excerpt-not-found', `No excerpt with id ${input.excerptId} exists.`);
  refuseIfQuoted(db, excerpt.id, 'resized');
  const { text, textSha256 } = requireDocumentText(db, excerpt.documentId);
  const range = snapToWords(text, input.start, input.end);
  requireNonEmpty(range);
  if (range.start === excerpt.start && range.end === excerpt.end) return requireExcerptDetail(db, excerpt.id);
  recordLibraryEdit(
    db,
    { label: 'Resize excerpt', sets: [{ table: 'excerpts', where: { id: excerpt.id } }], now: input.now },
    () => {
      updateExcerptAnchor(db, {
        excerptId: excerpt.id,
        documentTextSha256: textSha256,
        ...selectorAt(text, range.start, range.end),
        start: range.start,
        end: range.end,
        page: findPageAtOffset(db, excerpt.documentId, range.start),
        updatedAt: input.now.toISOString(),
      });
    },
  );
  return requireExcerptDetail(db, excerpt.id);
}
