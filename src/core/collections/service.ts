import type Database from 'better-sqlite3';
import type { Collection, CollectionDetail } from '../../shared/dto';
import { CoreError } from '../errors';
import { newId } from '../ids';
import {
  deleteCollectionItem,
  deleteCollectionRow,
  findExistingExcerptIds,
  getCollectionById,
  insertCollection,
  insertCollectionItem,
  listCollectionExcerptIds,
  listCollectionPositions,
  setCollectionItemPosition,
  touchCollection,
  updateCollectionText,
} from '../store/collections';
import { getExcerptDetails } from '../store/excerpts';
import { recordEdit, type RowSet } from '../store/history';
import { orderAfterAdd, orderAfterMove, orderAfterRemove, orderChanges } from './ordering';

/** Collection edits share the library's undo history with excerpt and tag edits. */
export const HISTORY_SCOPE = 'library';

export const MAX_COLLECTION_NAME = 200;
export const MAX_COLLECTION_DESCRIPTION = 5000;

export function requireCollection(db: Database.Database, collectionId: string): Collection {
  const collection = getCollectionById(db, collectionId);
  if (collection === undefined) {
    throw new CoreError('collection-not-found', `No collection with id ${collectionId} exists.`);
  }
  return collection;
}

/**
 * A collection with its excerpts in order: all of them, or (`window`) only `limit` from `offset`,
 * so that an answer sent to the window stays small however long the collection grows.
 */
export function getCollectionDetail(
  db: Database.Database,
  collectionId: string,
  window?: Readonly<{ offset: number; limit: number }>,
): CollectionDetail {
  const collection = requireCollection(db, collectionId);
  const ids = listCollectionExcerptIds(db, collectionId);
  const shown = window === undefined ? ids : ids.slice(window.offset, window.offset + window.limit);
  return { ...collection, excerpts: getExcerptDetails(db, shown) };
}

/**
 * Names are trimmed and must not be empty. Two collections may share a name (as two folders of
 * notes may); only an imported bundle gets a " (2)" suffix, so that it is told apart from the
 * collection it was probably exported from.
 */
export function cleanName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new CoreError('invalid-input', 'A collection needs a name.');
  if (trimmed.length > MAX_COLLECTION_NAME) {
    throw new CoreError('invalid-input', `A collection name has at most ${MAX_COLLECTION_NAME} characters.`);
  }
  return trimmed;
}

function cleanDescription(description: string): string {
  const trimmed = description.trim();
  if (trimmed.length > MAX_COLLECTION_DESCRIPTION) {
    throw new CoreError(
      'invalid-input',
      `A collection description has at most ${MAX_COLLECTION_DESCRIPTION} characters.`,
    );
  }
  return trimmed;
}

/** The rows an edit of one collection may touch, for undo. */
function collectionRows(collectionId: string): RowSet[] {
  return [
    { table: 'collections', where: { id: collectionId } },
    { table: 'collection_items', where: { collection_id: collectionId } },
  ];
}

export function createCollection(
  db: Database.Database,
  input: Readonly<{ name: string; description?: string | undefined }>,
  now: Date,
): Collection {
  const name = cleanName(input.name);
  const description = cleanDescription(input.description ?? '');
  const id = newId('col');
  recordEdit(
    db,
    {
      scope: HISTORY_SCOPE,
      label: `Create collection “${name}”`,
      sets: collectionRows(id),
      now: now.toISOString(),
    },
    () => insertCollection(db, { id, name, description, now: now.toISOString() }),
  );
  return requireCollection(db, id);
}

export function updateCollection(
  db: Database.Database,
  input: Readonly<{ collectionId: string; name?: string | undefined; description?: string | undefined }>,
  now: Date,
): Collection {
  const current = requireCollection(db, input.collectionId);
  const name = input.name === undefined ? current.name : cleanName(input.name);
  const description =
    input.description === undefined ? current.description : cleanDescription(input.description);
  if (name === current.name && description === current.description) return current;
  const label =
    name === current.name
      ? `Edit description of “${name}”`
      : `Rename collection “${current.name}” to “${name}”`;
  recordEdit(
    db,
    { scope: HISTORY_SCOPE, label, sets: collectionRows(input.collectionId), now: now.toISOString() },
    () => {
      if (
        updateCollectionText(db, {
          collectionId: input.collectionId,
          name,
          description,
          now: now.toISOString(),
        }) === 0
      ) {
        requireCollection(db, input.collectionId);
      }
    },
  );
  return requireCollection(db, input.collectionId);
}

/** Deletes a collection; its excerpts stay in the library. */
export function deleteCollection(db: Database.Database, collectionId: string, now: Date): void {
  const current = requireCollection(db, collectionId);
  recordEdit(
    db,
    {
      scope: HISTORY_SCOPE,
      label: `Delete collection “${current.name}”`,
      sets: collectionRows(collectionId),
      now: now.toISOString(),
    },
    () => {
      if (deleteCollectionRow(db, collectionId) === 0) requireCollection(db, collectionId);
    },
  );
}

/**
 * Rewrites a collection's order in one undoable transaction: rows for new, removed and moved items,
 * and the collection's updated_at. Nothing is written (or recorded) when the order is unchanged.
 */
function reorder(
  db: Database.Database,
  input: Readonly<{
    collectionId: string;
    now: Date;
    label: (collection: Collection) => string;
    next: (current: readonly string[]) => string[];
  }>,
): CollectionDetail {
  const collection = requireCollection(db, input.collectionId);
  recordEdit(
    db,
    {
      scope: HISTORY_SCOPE,
      label: input.label(collection),
      sets: collectionRows(input.collectionId),
      now: input.now.toISOString(),
    },
    () => {
      const stored = listCollectionPositions(db, input.collectionId);
      const after = input.next(stored.map((item) => item.excerptId));
      const { removed, inserted, moved } = orderChanges(stored, after);
      if (removed.length + inserted.length + moved.length === 0) return;
      for (const excerptId of removed) deleteCollectionItem(db, input.collectionId, excerptId);
      for (const item of moved) setCollectionItemPosition(db, { collectionId: input.collectionId, ...item });
      for (const item of inserted) insertCollectionItem(db, { collectionId: input.collectionId, ...item });
      touchCollection(db, input.collectionId, input.now.toISOString());
    },
  );
  return getCollectionDetail(db, input.collectionId);
}

/**
 * Adds excerpts at `index` (default: the end) in the given order. Excerpts already in the collection
 * stay where they are; an id that is not in the library refuses the whole edit.
 */
export function addToCollection(
  db: Database.Database,
  input: Readonly<{ collectionId: string; excerptIds: readonly string[]; index?: number | undefined }>,
  now: Date,
): CollectionDetail {
  const existing = findExistingExcerptIds(db, input.excerptIds);
  const missing = input.excerptIds.filter((id) => !existing.has(id));
  if (missing.length > 0) {
    throw new CoreError(
      'excerpt-not-found',
      missing.length === 1
        ? `No excerpt with id ${missing[0] ?? ''} exists.`
        : `${missing.length} of these excerpts do not exist (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}).`,
    );
  }
  return reorder(db, {
    collectionId: input.collectionId,
    now,
    label: (collection) =>
      `Add ${input.excerptIds.length === 1 ? 'excerpt' : `${input.excerptIds.length} excerpts`} to “${collection.name}”`,
    next: (current) => orderAfterAdd(current, input.excerptIds, input.index),
  });
}

/** Removes excerpts from a collection (not from the library); ids not in it are ignored. */
export function removeFromCollection(
  db: Database.Database,
  input: Readonly<{ collectionId: string; excerptIds: readonly string[] }>,
  now: Date,
): CollectionDetail {
  return reorder(db, {
    collectionId: input.collectionId,
    now,
    label: (collection) =>
      `Remove ${input.excerptIds.length === 1 ? 'excerpt' : `${input.excerptIds.length} excerpts`} from “${collection.name}”`,
    next: (current) => orderAfterRemove(current, input.excerptIds),
  });
}

/** Moves an excerpt of the collection to `toIndex` (past the end means last). */
export function moveInCollection(
  db: Database.Database,
  input: Readonly<{ collectionId: string; excerptId: string; toIndex: number }>,
  now: Date,
): CollectionDetail {
  return reorder(db, {
    collectionId: input.collectionId,
    now,
    label: (collection) => `Move excerpt in “${collection.name}”`,
    next: (current) => {
      if (!current.includes(input.excerptId)) {
        throw new CoreError('excerpt-not-found', `The excerpt ${input.excerptId} is not in this collection.`);
      }
      return orderAfterMove(current, input.excerptId, input.toIndex);
    },
  });
}
