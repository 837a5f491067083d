import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { insertBlocks } from '../store/blocks';
import { insertDocument } from '../store/documents';
import { createTempCore, type TempCore } from '../testing/temp-core';
import { MAX_DOCUMENTS_PER_CALL } from './handlers';

let core: TempCore | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
});

const OUTLETS = ['Meridian Review', 'Écho du Nord', 'Harbourline Weekly'];

/** `count` small documents stored the way an import stores them, the n-th imported n seconds in. */
function libraryOf(count: number): TempCore {
  const created = createTempCore();
  const { db } = created;
  db.transaction(() => {
    for (let index = 0; index < count; index += 1) {
      const text = `Paragraph ${index} of a generated report.`;
      const id = `doc_${String(index).padStart(5, '0')}`;
      insertDocument(db, {
        id,
        title: index % 100 === 7 ? `Économie report ${index}` : `Report ${index}`,
        author: `Author ${index % 13}`,
        outlet: OUTLETS[index % OUTLETS.length] ?? null,
        publishedAt: '2026-01-02',
        url: null,
        language: 'en',
        direction: 'ltr',
        format: 'txt',
        sourceName: `${id}.txt`,
        text,
        textSha256: createHash('sha256').update(text).digest('hex'),
        originalSha256: createHash('sha256').update(id).digest('hex'),
        originalBytes: Buffer.from(text),
        importedAt: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
        previousVersionId: null,
      });
      insertBlocks(db, id, text, [
        { kind: 'paragraph', level: 0, start: 0, end: text.length, page: null, boilerplate: false, marks: [] },
      ]);
    }
  })();
  return created;
}

describe('listing a large library a page at a time', () => {
  it('answers at most a bounded page from listDocuments, and pages on with offset', async () => {
    core = libraryOf(MAX_DOCUMENTS_PER_CALL * 2 + 5);
    const { handlers } = core;
    const first = await handlers.listDocuments({});
    expect(first).toHaveLength(MAX_DOCUMENTS_PER_CALL);
    expect(first[0]?.title).toBe(`Report ${MAX_DOCUMENTS_PER_CALL * 2 + 4}`);
    const last = await handlers.listDocuments({ offset: MAX_DOCUMENTS_PER_CALL * 2 });
    expect(last.map((document) => document.title)).toEqual([
      'Report 4',
      'Report 3',
      'Report 2',
      'Report 1',
      'Report 0',
    ]);
    // The door refuses a bigger page than one call may answer.
    expect(await dispatch(handlers, 'listDocuments', { limit: MAX_DOCUMENTS_PER_CALL + 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('pages the library newest first with the total, and filters by title, author or outlet', async () => {
    core = libraryOf(450);
    const { handlers } = core;
    const page = await handlers.listDocumentPage({ offset: 100, limit: 100 });
    expect(page.total).toBe(450);
    expect(page.offset).toBe(100);
    expect(page.items).toHaveLength(100);
    expect(page.items[0]?.title).toBe('Report 349');
    expect(page.items[0]?.blockCount).toBe(1);

    // Case is ignored, accents are not: "économie" matches "Économie" only.
    const titled = await handlers.listDocumentPage({ query: '  ÉCONOMIE ', offset: 0, limit: 10 });
    expect(titled.total).toBe(5);
    expect(titled.items.map((document) => document.title)).toEqual([
      'Économie report 407',
      'Économie report 307',
      'Économie report 207',
      'Économie report 107',
      'Économie report 7',
    ]);
    expect((await handlers.listDocumentPage({ query: 'economie', offset: 0, limit: 10 })).total).toBe(0);
    const byOutlet = await handlers.listDocumentPage({ query: 'écho du', offset: 140, limit: 100 });
    expect(byOutlet.total).toBe(150);
    expect(byOutlet.items).toHaveLength(10);
    expect(byOutlet.items.every((document) => document.outlet === 'Écho du Nord')).toBe(true);
    expect((await handlers.listDocumentPage({ query: 'author 12', offset: 0, limit: 200 })).total).toBe(34);
  });

  it('lists the outlets once each, in order', async () => {
    core = libraryOf(30);
    expect(await core.handlers.listOutlets({})).toEqual([...OUTLETS].sort());
  });

  it('keeps the largest page of summaries far under 1 MB as JSON', async () => {
    core = libraryOf(MAX_DOCUMENTS_PER_CALL);
    const { handlers } = core;
    // Pages are bounded by count whatever the library's size; this is the largest page allowed.
    const biggest = JSON.stringify(await handlers.listDocuments({}));
    const page = JSON.stringify(await handlers.listDocumentPage({ offset: 0, limit: 200 }));
    expect(Buffer.byteLength(biggest)).toBeLessThan(200_000);
    expect(Buffer.byteLength(page)).toBeLessThan(200_000);
  });
});
