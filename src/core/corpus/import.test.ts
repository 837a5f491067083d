import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countDocuments } from '../store/documents';
import { CORPUS_DIR, createTempCore, type TempCore } from '../testing/temp-core';
import { importPaths, listImportableFiles } from './import';
import { seedFromCorpusOnce } from './seed';

let core: TempCore | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
});

function start(): TempCore {
  core = createTempCore();
  return core;
}

const now = () => new Date('2026-11-27T12:00:00Z');

describe('importing the sample corpus', () => {
  it('imports every sample with its metadata, blocks and original bytes', async () => {
    const { db, handlers } = start();
    const files = await listImportableFiles(CORPUS_DIR);
    expect(files.length).toBeGreaterThanOrEqual(8);
    const outcomes = await importPaths(db, [CORPUS_DIR], now);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(files.map(() => 'imported'));

    const documents = await handlers.listDocuments({});
    expect(new Set(documents.map((document) => document.format))).toEqual(new Set(['md', 'txt', 'html']));
    for (const document of documents) {
      expect(document.title).not.toBe('');
      expect(document.author).not.toBeNull();
      expect(document.outlet).not.toBeNull();
      expect(document.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(document.url).toMatch(/^https:\/\//);
      expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(document.blockCount).toBeGreaterThan(5);
    }
  });

  it('keeps block offsets pointing into the normalised text', async () => {
    const { db, handlers } = start();
    await importPaths(db, [CORPUS_DIR], now);
    for (const summary of await handlers.listDocuments({})) {
      const document = await handlers.getDocument({ documentId: summary.id });
      let previousEnd = -1;
      for (const block of document.blocks) {
        const text = document.text.slice(block.start, block.end);
        expect(text).toBe(text.trim());
        expect(text.length).toBeGreaterThan(0);
        expect(block.start).toBeGreaterThan(previousEnd);
        previousEnd = block.end;
      }
      expect(document.text).toBe(document.text.normalize('NFC'));
    }
  });

  it('drops scripts, navigation and asides from saved web pages', async () => {
    const { db, handlers } = start();
    const [outcome] = await importPaths(db, [join(CORPUS_DIR, 'gulf-capital-heads-for-the-steppe.html')], now);
    const document = await handlers.getDocument({ documentId: outcome?.documentId ?? '' });
    expect(document.title).toBe('Gulf Capital Heads for the Steppe');
    expect(document.author).toBe('Amira Castellane');
    expect(document.outlet).toBe('Crossroads Economic Review');
    expect(document.publishedAt).toBe('2025-05-27');
    expect(document.language).toBe('en');
    expect(document.text).not.toMatch(/dataLayer|Podcast|Home/);
    expect(document.text).toContain('يوسف الحمادي');
  });

  it('reports duplicates and creates nothing for them', async () => {
    const { db } = start();
    await importPaths(db, [CORPUS_DIR], now);
    const count = countDocuments(db);
    const again = await importPaths(db, [CORPUS_DIR], now);
    expect(again.every((outcome) => outcome.status === 'duplicate')).toBe(true);
    expect(countDocuments(db)).toBe(count);
  });

  it('fails bad files one by one while the rest of the batch is imported', async () => {
    const { db, dataDir } = start();
    const folder = join(dataDir, 'inbox');
    mkdirSync(folder);
    writeFileSync(join(folder, 'empty.txt'), '');
    writeFileSync(join(folder, 'sheet.xlsx'), 'PK\u0003\u0004 not really');
    writeFileSync(join(folder, 'blank.md'), '   \n\n   \n');
    writeFileSync(join(folder, 'good.txt'), 'Title: A good note\n\nOne paragraph of text.');
    const outcomes = await importPaths(
      db,
      [join(folder, 'empty.txt'), join(folder, 'missing.txt'), join(folder, 'sheet.xlsx'), join(folder, 'blank.md'), join(folder, 'good.txt')],
      now,
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'imported']);
    expect(outcomes[0]?.error).toMatch(/empty/);
    expect(outcomes[1]?.error).toMatch(/No file or folder/);
    expect(outcomes[2]?.error).toMatch(/"\.xlsx" files cannot be imported/);
    expect(outcomes[3]?.error).toMatch(/no readable text/);
    expect(countDocuments(db)).toBe(1);
    const orphanBlocks = db.prepare('SELECT count(*) AS n FROM blocks WHERE document_id NOT IN (SELECT id FROM documents)').get() as { n: number };
    expect(orphanBlocks.n).toBe(0);
  });
});

describe('seeding', () => {
  it('fills an empty library once, and never refills one the analyst emptied', async () => {
    const started = start();
    const { db } = started;
    const first = await seedFromCorpusOnce(started, CORPUS_DIR);
    expect(first.length).toBeGreaterThanOrEqual(8);
    db.exec('DELETE FROM blocks; DELETE FROM documents;');
    const second = await seedFromCorpusOnce(started, CORPUS_DIR);
    expect(second).toEqual([]);
    expect(countDocuments(db)).toBe(0);
  });
});
