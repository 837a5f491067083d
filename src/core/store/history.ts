import type Database from 'better-sqlite3';
import type { HistoryState } from '../../shared/dto';
import { CoreError } from '../errors';

/** Tables whose rows an undoable edit may change, parents before children. */
const TABLES = {
  tags: ['id'],
  excerpts: ['id'],
  collections: ['id'],
  excerpt_tags: ['excerpt_id', 'tag_id'],
  collection_items: ['collection_id', 'excerpt_id'],
  briefings: ['id'],
  sections: ['id'],
  briefing_items: ['id'],
} as const;

export type HistoryTable = keyof typeof TABLES;
const RANK: Readonly<Record<HistoryTable, number>> = {
  tags: 0,
  excerpts: 1,
  collections: 2,
  excerpt_tags: 3,
  collection_items: 4,
  briefings: 5,
  sections: 6,
  briefing_items: 7,
};

/**
 * Edits with the same coalesce key within this time of the step's first edit are one undo step
 * (typing in a block): long typing becomes a step every few seconds, not one huge step.
 */
const COALESCE_WINDOW_MS = 5000;

type Row = Record<string, string | number | null>;
type Change = { table: HistoryTable; key: Row; before: Row | null; after: Row | null };
/** A set of rows an edit may touch: every row of `table` whose columns equal `where`. */
export type RowSet = Readonly<{ table: HistoryTable; where: Readonly<Record<string, string | number>> }>;

const MAX_ENTRIES_PER_SCOPE = 200;

function readRows(db: Database.Database, set: RowSet): Row[] {
  const columns = Object.keys(set.where);
  for (const column of columns) {
    if (!/^[a-z_]+$/.test(column)) throw new Error(`Bad history column ${column}`);
  }
  const condition =
    columns.length === 0 ? '1' : columns.map((column) => `${column} = @${column}`).join(' AND ');
  return db.prepare(`SELECT * FROM ${set.table} WHERE ${condition}`).all(set.where) as Row[];
}

function keyOf(table: HistoryTable, row: Row): string {
  return JSON.stringify(TABLES[table].map((column) => row[column] ?? null));
}

/**
 * Runs `edit` in one transaction and records it for undo: the rows of `sets` are read before and
 * after, and every difference is stored. Undo puts the "before" rows back; redo the "after" rows.
 * Starting a new edit drops what could have been redone.
 */
export function recordEdit<T>(
  db: Database.Database,
  input: Readonly<{
    scope: string;
    label: string;
    sets: readonly RowSet[];
    now: string;
    /** Merges this edit into the previous one when both carry this key and follow closely. */
    coalesceKey?: string;
  }>,
  edit: () => T,
): T {
  return db.transaction((): T => {
    const before = new Map<string, { table: HistoryTable; row: Row }>();
    for (const set of input.sets) {
      for (const row of readRows(db, set))
        before.set(`${set.table}:${keyOf(set.table, row)}`, { table: set.table, row });
    }
    const result = edit();
    const after = new Map<string, { table: HistoryTable; row: Row }>();
    for (const set of input.sets) {
      for (const row of readRows(db, set))
        after.set(`${set.table}:${keyOf(set.table, row)}`, { table: set.table, row });
    }
    const changes: Change[] = [];
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const old = before.get(key);
      const next = after.get(key);
      const table = (old ?? next)?.table;
      if (table === undefined) continue;
      if (JSON.stringify(old?.row ?? null) === JSON.stringify(next?.row ?? null)) continue;
      const row = (old ?? next)?.row ?? {};
      const pk: Row = {};
      for (const column of TABLES[table]) pk[column] = row[column] ?? null;
      changes.push({ table, key: pk, before: old?.row ?? null, after: next?.row ?? null });
    }
    if (changes.length > 0) {
      db.prepare('DELETE FROM history WHERE scope = ? AND undone = 1').run(input.scope);
      if (
        input.coalesceKey !== undefined &&
        coalesce(db, input.scope, input.coalesceKey, input.now, changes)
      ) {
        return result;
      }
      db.prepare(
        'INSERT INTO history (scope, label, changes, created_at, coalesce_key) VALUES (?, ?, ?, ?, ?)',
      ).run(input.scope, input.label, JSON.stringify(changes), input.now, input.coalesceKey ?? null);
      db.prepare(
        `DELETE FROM history WHERE scope = ? AND id NOT IN
           (SELECT id FROM history WHERE scope = ? ORDER BY id DESC LIMIT ${MAX_ENTRIES_PER_SCOPE})`,
      ).run(input.scope, input.scope);
    }
    return result;
  })();
}

/**
 * Folds `changes` into the newest entry of the scope when it has the same key and is recent: each
 * row keeps its oldest "before" and takes the newest "after". Answers whether it did.
 */
function coalesce(
  db: Database.Database,
  scope: string,
  key: string,
  now: string,
  changes: readonly Change[],
): boolean {
  const last = db
    .prepare(
      'SELECT id, changes, created_at, coalesce_key FROM history WHERE scope = ? ORDER BY id DESC LIMIT 1',
    )
    .get(scope) as
    { id: number; changes: string; created_at: string; coalesce_key: string | null } | undefined;
  if (last?.coalesce_key !== key) return false;
  const age = Date.parse(now) - Date.parse(last.created_at);
  if (!(age >= 0 && age <= COALESCE_WINDOW_MS)) return false;
  const merged = new Map<string, Change>();
  for (const change of JSON.parse(last.changes) as Change[]) {
    merged.set(`${change.table}:${JSON.stringify(change.key)}`, change);
  }
  for (const change of changes) {
    const id = `${change.table}:${JSON.stringify(change.key)}`;
    const earlier = merged.get(id);
    merged.set(id, earlier === undefined ? change : { ...change, before: earlier.before });
  }
  const kept = [...merged.values()].filter(
    (change) => JSON.stringify(change.before) !== JSON.stringify(change.after),
  );
  if (kept.length === 0) db.prepare('DELETE FROM history WHERE id = ?').run(last.id);
  else db.prepare('UPDATE history SET changes = ? WHERE id = ?').run(JSON.stringify(kept), last.id);
  return true;
}

/** Puts rows into the given states: deletions children-first, then upserts parents-first. */
function applyStates(
  db: Database.Database,
  changes: readonly Change[],
  pick: (change: Change) => Row | null,
): void {
  const deletions = changes
    .filter((change) => pick(change) === null)
    .sort((a, b) => RANK[b.table] - RANK[a.table]);
  for (const change of deletions) {
    const columns = Object.keys(change.key);
    db.prepare(
      `DELETE FROM ${change.table} WHERE ${columns.map((column) => `${column} = @${column}`).join(' AND ')}`,
    ).run(change.key);
  }
  const upserts = changes
    .filter((change) => pick(change) !== null)
    .sort((a, b) => RANK[a.table] - RANK[b.table]);
  for (const change of upserts) {
    const row = pick(change) ?? {};
    const columns = Object.keys(row);
    const keys = TABLES[change.table] as readonly string[];
    const updates = columns.filter((column) => !keys.includes(column));
    db.prepare(
      `INSERT INTO ${change.table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})
       ON CONFLICT (${keys.join(', ')}) DO ${updates.length === 0 ? 'NOTHING' : `UPDATE SET ${updates.map((column) => `${column} = excluded.${column}`).join(', ')}`}`,
    ).run(row);
  }
}

export function undoLast(db: Database.Database, scope: string): void {
  replay(db, scope, 'undo');
}

export function redoNext(db: Database.Database, scope: string): void {
  replay(db, scope, 'redo');
}

function replay(db: Database.Database, scope: string, direction: 'undo' | 'redo'): void {
  const entry = (
    direction === 'undo'
      ? db.prepare(
          'SELECT id, label, changes FROM history WHERE scope = ? AND undone = 0 ORDER BY id DESC LIMIT 1',
        )
      : db.prepare(
          'SELECT id, label, changes FROM history WHERE scope = ? AND undone = 1 ORDER BY id ASC LIMIT 1',
        )
  ).get(scope) as { id: number; label: string; changes: string } | undefined;
  if (entry === undefined) {
    throw new CoreError(
      'nothing-to-undo',
      direction === 'undo' ? 'There is nothing to undo.' : 'There is nothing to redo.',
    );
  }
  const changes = JSON.parse(entry.changes) as Change[];
  try {
    db.transaction(() => {
      applyStates(db, changes, direction === 'undo' ? (change) => change.before : (change) => change.after);
      db.prepare('UPDATE history SET undone = ? WHERE id = ?').run(direction === 'undo' ? 1 : 0, entry.id);
    })();
  } catch (error) {
    // A later change outside the history (e.g. a document removed) makes this step impossible.
    db.prepare('DELETE FROM history WHERE id = ?').run(entry.id);
    const message = error instanceof Error ? error.message : String(error);
    const why = /FOREIGN KEY/i.test(message)
      ? 'something added since depends on it (for example, a briefing now quotes the excerpt)'
      : 'the library changed since';
    throw new CoreError(
      'nothing-to-undo',
      `“${entry.label}” can no longer be ${direction === 'undo' ? 'undone' : 'redone'}, because ${why}.`,
    );
  }
}

export function historyState(db: Database.Database, scope: string): HistoryState {
  const undo = db
    .prepare('SELECT label FROM history WHERE scope = ? AND undone = 0 ORDER BY id DESC LIMIT 1')
    .get(scope) as { label: string } | undefined;
  const redo = db
    .prepare('SELECT label FROM history WHERE scope = ? AND undone = 1 ORDER BY id ASC LIMIT 1')
    .get(scope) as { label: string } | undefined;
  return {
    canUndo: undo !== undefined,
    canRedo: redo !== undefined,
    undoLabel: undo?.label ?? null,
    redoLabel: redo?.label ?? null,
  };
}
