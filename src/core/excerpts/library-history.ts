import type Database from 'better-sqlite3';
import type { HistoryState } from '../../shared/dto';
import { historyState, recordEdit, redoNext, undoLast, type RowSet } from '../store/history';

/** Excerpt, tag and collection edits share one undo history. */
export const LIBRARY_SCOPE = 'library';

/** Runs `edit` in one transaction and records it as one step of the library's undo history. */
export function recordLibraryEdit<T>(
  db: Database.Database,
  input: Readonly<{ label: string; sets: readonly RowSet[]; now: Date }>,
  edit: () => T,
): T {
  return recordEdit(
    db,
    { scope: LIBRARY_SCOPE, label: input.label, sets: input.sets, now: input.now.toISOString() },
    edit,
  );
}

export function undoLibraryEdit(db: Database.Database): HistoryState {
  undoLast(db, LIBRARY_SCOPE);
  return historyState(db, LIBRARY_SCOPE);
}

export function redoLibraryEdit(db: Database.Database): HistoryState {
  redoNext(db, LIBRARY_SCOPE);
  return historyState(db, LIBRARY_SCOPE);
}

export function libraryHistoryState(db: Database.Database): HistoryState {
  return historyState(db, LIBRARY_SCOPE);
}
