import type Database from 'better-sqlite3';
import { countDocuments } from '../store/documents';
import { getMeta, setMeta } from '../store/meta';
import { importPaths, type ImportOutcome } from './import';

/**
 * Fills a brand-new library from the sample corpus so the app opens onto real material. Runs once
 * per library: a library the analyst has emptied is not refilled.
 */
export async function seedFromCorpusOnce(
  db: Database.Database,
  corpusDir: string,
  now: () => Date,
): Promise<readonly ImportOutcome[]> {
  if (getMeta(db, 'seeded_at') !== undefined || countDocuments(db) > 0) return [];
  const outcomes = await importPaths(db, [corpusDir], now);
  setMeta(db, 'seeded_at', now().toISOString());
  return outcomes;
}
