import type { Core } from '../api/core';
import { countDocuments } from '../store/documents';
import { getMeta, setMeta } from '../store/meta';
import { importPaths, type ImportOutcome } from './import';

/**
 * Fills a brand-new library from the sample corpus so the app opens onto real material. Runs once
 * per library: a library the analyst has emptied is not refilled.
 */
export async function seedFromCorpusOnce(core: Pick<Core, 'db' | 'context'>, corpusDir: string): Promise<readonly ImportOutcome[]> {
  const { db, context } = core;
  if (getMeta(db, 'seeded_at') !== undefined || countDocuments(db) > 0) return [];
  const outcomes = await importPaths(db, [corpusDir], context.ports.now, {
    parse: context.parse,
    concurrency: context.parseConcurrency,
  });
  setMeta(db, 'seeded_at', context.ports.now().toISOString());
  return outcomes;
}
