import type Database from 'better-sqlite3';
import type { SavedSearch } from '../../shared/dto';
import { CoreError } from '../errors';
import { newId } from '../ids';
import { prepared } from '../store/statements';
import { parseQuery } from './query';
import { countMatchingDocuments } from './service';

export const MAX_SAVED_SEARCH_NAME = 200;

type SavedRow = { id: string; name: string; query: string; created_at: string; last_run_at: string | null };

function toSaved(db: Database.Database, row: SavedRow): SavedSearch {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    createdAt: row.created_at,
    lastRunAt: row.last_run_at,
    newSinceLastRun: countMatchingDocuments(db, parseQuery(row.query), row.last_run_at),
  };
}

function requireSaved(db: Database.Database, id: string): SavedRow {
  const row = prepared(
    db,
    'SELECT id, name, query, created_at, last_run_at FROM saved_searches WHERE id = ?',
  ).get(id) as SavedRow | undefined;
  if (row === undefined)
    throw new CoreError('saved-search-not-found', `No saved search with id ${id} exists.`);
  return row;
}

/** Saved searches by name, each with the matching documents imported since its last run. */
export function listSavedSearches(db: Database.Database): SavedSearch[] {
  const rows = prepared(
    db,
    'SELECT id, name, query, created_at, last_run_at FROM saved_searches ORDER BY name COLLATE NOCASE, id',
  ).all() as SavedRow[];
  return rows.map((row) => toSaved(db, row));
}

/** Names a query (with its filters, which live in the query text). Saving counts as its first run. */
export function saveSearch(
  db: Database.Database,
  input: { name: string; query: string },
  now: Date,
): SavedSearch {
  const name = input.name.trim();
  if (name === '') throw new CoreError('invalid-input', 'A saved search needs a name.');
  if (name.length > MAX_SAVED_SEARCH_NAME) {
    throw new CoreError(
      'invalid-input',
      `A saved search name has at most ${MAX_SAVED_SEARCH_NAME} characters.`,
    );
  }
  if (input.query.trim() === '') throw new CoreError('invalid-input', 'Type a query before saving it.');
  const id = newId('srch');
  const at = now.toISOString();
  prepared(
    db,
    'INSERT INTO saved_searches (id, name, query, created_at, last_run_at) VALUES (?, ?, ?, ?, ?)',
  ).run(id, name, input.query, at, at);
  return toSaved(db, requireSaved(db, id));
}

export function deleteSavedSearch(db: Database.Database, id: string): void {
  requireSaved(db, id);
  prepared(db, 'DELETE FROM saved_searches WHERE id = ?').run(id);
}

/**
 * Marks a saved search as run now. Returns it as it was before this run, so the caller can say how
 * many documents are new since the previous run.
 */
export function runSavedSearch(db: Database.Database, id: string, now: Date): SavedSearch {
  const before = toSaved(db, requireSaved(db, id));
  prepared(db, 'UPDATE saved_searches SET last_run_at = ? WHERE id = ?').run(now.toISOString(), id);
  return before;
}
