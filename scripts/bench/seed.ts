import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listImportableFiles } from '../../src/core/corpus/import';
import { seedFromCorpusOnce } from '../../src/core/corpus/seed';
import { applyConnectionSettings } from '../../src/core/store/open';
import { createHeadlessCore, tempDir } from '../../src/core/testing/temp-core';
import { round, time } from './measure';

/**
 * Seeding a new library from the sample corpus (parse, normalise, store documents and blocks), beside
 * a baseline in the same run: reading the same files, hashing them and inserting their raw text
 * into one table on a database with the same settings, with no parsing at all.
 */
export async function benchSeed(corpusDir: string, runs: number) {
  const files = await listImportableFiles(corpusDir);
  const seed = await time(runs, async () => {
    const dir = tempDir('bench-seed-');
    const core = createHeadlessCore(dir.path);
    await seedFromCorpusOnce(core, corpusDir);
    core.close();
    dir.dispose();
  });
  const baseline = await time(runs, () => {
    const dir = tempDir('bench-seed-base-');
    const db = new Database(join(dir.path, 'baseline.sqlite'));
    applyConnectionSettings(db);
    db.exec('CREATE TABLE raw (name TEXT, sha256 TEXT, body TEXT)');
    const insert = db.prepare('INSERT INTO raw VALUES (?, ?, ?)');
    for (const file of files) {
      const bytes = readFileSync(file);
      db.transaction(() =>
        insert.run(file, createHash('sha256').update(bytes).digest('hex'), bytes.toString('utf8')),
      )();
    }
    db.close();
    dir.dispose();
  });
  return {
    name: 'seed sample corpus',
    documents: files.length,
    app: seed,
    baseline: { description: 'read + hash + insert raw text, no parsing', ...baseline },
    ratioToBaseline: round(seed.medianMs / baseline.medianMs),
  };
}
