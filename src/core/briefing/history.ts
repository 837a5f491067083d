import type Database from 'better-sqlite3';
import type { Briefing, HistoryState } from '../../shared/dto';
import { historyState, recordEdit, redoNext, undoLast, type RowSet } from '../store/history';
import { touchBriefing } from '../store/briefings';
import { requireBriefing } from './read';

/** Each briefing has its own undo history, kept in the store so it survives a restart. */
export function briefingScope(briefingId: string): string {
  return `briefing:${briefingId}`;
}

/** Every row a structural edit of the briefing may touch. */
function wholeBriefing(briefingId: string): RowSet[] {
  return [
    { table: 'briefings', where: { id: briefingId } },
    { table: 'sections', where: { briefing_id: briefingId } },
    { table: 'briefing_items', where: { briefing_id: briefingId } },
  ];
}

/**
 * Runs `edit` in one transaction, stamps the briefing as edited and records the step for undo.
 * An edit confined to one block names it so only that row is compared; with a
 * `coalesceKey`, edits close together (typing) become one step.
 */
export function recordBriefingEdit<T>(
  db: Database.Database,
  input: Readonly<{
    briefingId: string;
    label: string;
    now: Date;
    /** What the edit touches: the whole outline (default), the briefing's own fields, or one block. */
    rows?: 'all' | 'briefing' | Readonly<{ itemId: string }>;
    coalesceKey?: string;
  }>,
  edit: () => T,
): T {
  const own: RowSet = { table: 'briefings', where: { id: input.briefingId } };
  const rows = input.rows ?? 'all';
  const sets: RowSet[] =
    rows === 'all'
      ? wholeBriefing(input.briefingId)
      : rows === 'briefing'
        ? [own]
        : [own, { table: 'briefing_items', where: { id: rows.itemId } }];
  const now = input.now.toISOString();
  return recordEdit(
    db,
    {
      scope: briefingScope(input.briefingId),
      label: input.label,
      sets,
      now,
      ...(input.coalesceKey === undefined ? {} : { coalesceKey: input.coalesceKey }),
    },
    () => {
      const result = edit();
      touchBriefing(db, input.briefingId, now);
      return result;
    },
  );
}

export function undoBriefingEdit(
  db: Database.Database,
  briefingId: string,
): { briefing: Briefing; history: HistoryState } {
  requireBriefing(db, briefingId);
  undoLast(db, briefingScope(briefingId));
  return { briefing: requireBriefing(db, briefingId), history: historyState(db, briefingScope(briefingId)) };
}

export function redoBriefingEdit(
  db: Database.Database,
  briefingId: string,
): { briefing: Briefing; history: HistoryState } {
  requireBriefing(db, briefingId);
  redoNext(db, briefingScope(briefingId));
  return { briefing: requireBriefing(db, briefingId), history: historyState(db, briefingScope(briefingId)) };
}

export function briefingHistoryState(db: Database.Database, briefingId: string): HistoryState {
  return historyState(db, briefingScope(briefingId));
}
