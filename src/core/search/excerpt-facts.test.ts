import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeExcerpts, seededCore } from '../collections/testing';
import { createTempCore, tempDir, type TempCore } from '../testing/temp-core';
import { disposeAfterEachTest } from '../testing/dispose';

const track = disposeAfterEachTest();

/**
 * Excerpts whose excerpt_search row is missing or disagrees with the excerpt (its document's search
 * key, its creation time), and excerpt_search rows without an excerpt.
 */
function outOfStep(db: Database.Database): { excerpts: number; mismatched: number; orphans: number } {
  return {
    excerpts: (db.prepare('SELECT count(*) AS n FROM excerpts').get() as { n: number }).n,
    mismatched: (
      db
        .prepare(
          `SELECT count(*) AS n FROM excerpts e
             LEFT JOIN excerpt_search xs ON xs.excerpt_id = e.id
             LEFT JOIN document_search s ON s.document_id = e.document_id
            WHERE xs.key IS NULL OR s.key IS NULL OR xs.document_key IS NOT s.key
               OR xs.created_at IS NOT e.created_at`,
        )
        .get() as { n: number }
    ).n,
    orphans: (
      db
        .prepare(
          'SELECT count(*) AS n FROM excerpt_search xs WHERE NOT EXISTS (SELECT 1 FROM excerpts e WHERE e.id = xs.excerpt_id)',
        )
        .get() as { n: number }
    ).n,
  };
}

const inStep = (excerpts: number) => ({ excerpts, mismatched: 0, orphans: 0 });

describe('excerpt search facts', () => {
  it('stay in step as excerpts are made, tagged, deleted and restored and documents retitled', async () => {
    const core = track(await seededCore());
    const made = await makeExcerpts(core, { documents: 3, perDocument: 2 });
    expect(outOfStep(core.db)).toEqual(inStep(6));
    const [first, second] = made;
    if (first === undefined || second === undefined) throw new Error('no excerpts made');

    await core.handlers.updateExcerpt({ excerptId: first.id, tags: ['Convoy'], note: 'escort' });
    const document = await core.handlers.getDocument({ documentId: first.documentId });
    await core.handlers.updateDocumentMetadata({
      documentId: document.id,
      title: 'A retitled report',
      author: 'Ines Okafor',
      outlet: 'Harbour Gazette',
      publishedAt: '2031-05-04',
      url: null,
      language: null,
    });
    expect(outOfStep(core.db)).toEqual(inStep(6));
    // The filters read the stored facts: the new date, author and tag find the excerpt.
    const found = await core.handlers.search({
      query: 'in:excerpts after:2031-01-01 author:okafor tag:Convoy',
    });
    expect(found.excerpts.map((hit) => hit.excerptId)).toEqual([first.id]);
    expect(found.excerpts[0]?.documentTitle).toBe('A retitled report');

    await core.handlers.deleteExcerpt({ excerptId: second.id });
    expect(outOfStep(core.db)).toEqual(inStep(5));
    await core.handlers.undo({});
    expect(outOfStep(core.db)).toEqual(inStep(6));
    await core.handlers.redo({});
    expect(outOfStep(core.db)).toEqual(inStep(5));
  });

  it('stay in step when a bundle brings documents and their excerpts in one transaction', async () => {
    const folder = track(tempDir());
    const sender = track(
      await seededCore({
        chooseSavePath: (request) => Promise.resolve(join(folder.path, request.defaultFileName)),
      }),
    );
    const made = await makeExcerpts(sender, { documents: 3, perDocument: 2 });
    const collection = await sender.handlers.createCollection({ name: 'Lanes', description: '' });
    await sender.handlers.addToCollection({
      collectionId: collection.id,
      excerptIds: made.map((row) => row.id),
    });
    const bundle = await sender.handlers.exportCollectionBundle({ collectionId: collection.id });

    const recipient: TempCore = track(
      createTempCore({ chooseOpenPaths: () => Promise.resolve(bundle.path === null ? null : [bundle.path]) }),
    );
    const summary = await recipient.handlers.importCollectionBundle({});
    expect(summary).toMatchObject({ documentsAdded: 3, excerptsAdded: 6 });
    expect(outOfStep(recipient.db)).toEqual(inStep(6));
    const dated = await recipient.handlers.search({ query: 'in:excerpts before:2100-01-01' });
    expect(dated.excerptTotal).toBe(
      (
        recipient.db
          .prepare(
            `SELECT count(*) AS n FROM excerpts e JOIN documents d ON d.id = e.document_id
              WHERE d.published_at IS NOT NULL AND substr(d.published_at, 1, 10) < '2100-01-01'`,
          )
          .get() as { n: number }
      ).n,
    );
  });
});
