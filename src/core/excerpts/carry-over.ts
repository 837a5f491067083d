import type Database from 'better-sqlite3';
import type { CarryOverItem, CarryOverPlan } from '../../shared/dto';
import { CoreError } from '../errors';
import { newId } from '../ids';
import type { RowSet } from '../store/history';
import {
  anchorReader,
  findExcerptByPosition,
  findPageAtOffset,
  getExcerptMetadata,
  insertExcerpt,
  listCarriedFromOfDocument,
  setCarriedFrom,
  updateExcerptNoteAndColor,
} from '../store/excerpts';
import { addExcerptTags, listTagsOfExcerpt } from '../store/tags';
import { selectorAt } from './anchor';
import { recordLibraryEdit } from './library-history';
import { indexText, locateQuote } from './reanchor';
import { requireDocumentText } from './service';

type Versions = Readonly<{ fromDocumentId: string; toDocumentId: string }>;

function requireTwoDocuments(db: Database.Database, input: Versions) {
  if (input.fromDocumentId === input.toDocumentId) {
    throw new CoreError(
      'invalid-input',
      'Choose two different documents: excerpts are carried from one version to another.',
    );
  }
  return {
    from: requireDocumentText(db, input.fromDocumentId),
    to: requireDocumentText(db, input.toDocumentId),
  };
}

/**
 * Where each excerpt of the older document lands in the newer one: exact (verbatim, same context),
 * moved (verbatim elsewhere or in other context), fuzzy (the most similar passage, for review) or
 * missing. Nothing is written.
 */
export function planCarryOver(db: Database.Database, input: Versions): CarryOverPlan {
  const { to } = requireTwoDocuments(db, input);
  const target = indexText(to.text);
  const carried = new Set(listCarriedFromOfDocument(db, input.toDocumentId));
  const items = anchorReader(db)(input.fromDocumentId).map((anchor): CarryOverItem => {
    const location = locateQuote(target, anchor);
    return {
      excerptId: anchor.id,
      quote: anchor.quote,
      status: location.status,
      start: location.start,
      end: location.end,
      newQuote:
        location.start === null || location.end === null ? null : to.text.slice(location.start, location.end),
      similarity: Math.round(location.similarity * 1000) / 1000,
      carried: carried.has(anchor.id),
    };
  });
  return { fromDocumentId: input.fromDocumentId, toDocumentId: input.toDocumentId, items };
}

/**
 * Creates, on the newer document, an excerpt for each accepted item that is not missing and not
 * carried over already. Its quote is always the newer text at the matched span (for a fuzzy match
 * too, never the old quote); note, tags and colour are copied and carried_from links it to the
 * old excerpt, which is left as it is. One undoable edit.
 */
export function applyCarryOver(
  db: Database.Database,
  input: Versions & Readonly<{ excerptIds: readonly string[]; now: Date }>,
): CarryOverPlan {
  const plan = planCarryOver(db, input);
  const byId = new Map(plan.items.map((item) => [item.excerptId, item]));
  for (const id of input.excerptIds) {
    if (!byId.has(id)) {
      throw new CoreError(
        'excerpt-not-found',
        `The excerpt ${id} is not an excerpt of the document ${input.fromDocumentId}.`,
      );
    }
  }
  const accepted = [...new Set(input.excerptIds)]
    .map((id) => byId.get(id))
    .filter(
      (item): item is CarryOverItem & { start: number; end: number } =>
        item !== undefined &&
        item.status !== 'missing' &&
        !item.carried &&
        item.start !== null &&
        item.end !== null,
    );
  if (accepted.length === 0) return plan;
  const { text, textSha256 } = requireDocumentText(db, input.toDocumentId);
  const work = accepted.map((item) => ({
    item,
    newId: newId('exc'),
    existing: findExcerptByPosition(db, input.toDocumentId, item.start, item.end),
  }));
  const sets = work.flatMap(({ newId: id, existing }): RowSet[] => [
    { table: 'excerpts', where: { id: existing?.id ?? id } },
    { table: 'excerpt_tags', where: { excerpt_id: existing?.id ?? id } },
  ]);
  const at = input.now.toISOString();
  recordLibraryEdit(
    db,
    {
      label: accepted.length === 1 ? 'Carry over 1 excerpt' : `Carry over ${accepted.length} excerpts`,
      sets,
      now: input.now,
    },
    () => {
      for (const { item, newId: id, existing } of work) {
        const metadata = getExcerptMetadata(db, item.excerptId);
        const tagIds = listTagsOfExcerpt(db, item.excerptId).map((tag) => tag.id);
        if (existing !== undefined) {
          // The passage is already an excerpt of the newer version: link it and add what it lacks.
          if (getExcerptMetadata(db, existing.id)?.carriedFrom === null)
            setCarriedFrom(db, existing.id, item.excerptId);
          const own = getExcerptMetadata(db, existing.id);
          updateExcerptNoteAndColor(db, {
            excerptId: existing.id,
            note: own?.note === '' ? (metadata?.note ?? '') : (own?.note ?? ''),
            color: own?.color ?? metadata?.color ?? null,
            updatedAt: at,
          });
          addExcerptTags(db, existing.id, tagIds);
          continue;
        }
        insertExcerpt(db, {
          id,
          documentId: input.toDocumentId,
          documentTextSha256: textSha256,
          ...selectorAt(text, item.start, item.end),
          start: item.start,
          end: item.end,
          page: findPageAtOffset(db, input.toDocumentId, item.start),
          note: metadata?.note ?? '',
          color: metadata?.color ?? null,
          carriedFrom: item.excerptId,
          createdAt: at,
          updatedAt: at,
        });
        addExcerptTags(db, id, tagIds);
      }
    },
  );
  return planCarryOver(db, input);
}
