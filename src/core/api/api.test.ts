import { afterEach, describe, expect, it } from 'vitest';
import { importPaths } from '../corpus/import';
import { pdfTextOf } from '../testing/pdf-text';
import { CORPUS_DIR, createTempCore, type TempCore } from '../testing/temp-core';
import { dispatch } from './dispatch';

let core: TempCore | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
});

async function seeded(): Promise<TempCore> {
  core = createTempCore();
  await importPaths(core.db, [CORPUS_DIR], () => new Date());
  return core;
}

async function documentIdByTitle(api: TempCore['handlers'], title: string): Promise<string> {
  const found = (await api.listDocuments({})).find((document) => document.title === title);
  if (found === undefined) throw new Error(`no document ${title}`);
  return found.id;
}

describe('the API a window uses', () => {
  it('takes an excerpt from offsets, adds it to a briefing and exports a cited PDF', async () => {
    const { handlers, dataDir } = await seeded();
    const documentId = await documentIdByTitle(handlers, 'Red Sea War-Risk Premiums Refuse to Fall');
    const document = await handlers.getDocument({ documentId });
    const at = document.text.indexOf('underwriters have memory');
    const excerpt = await handlers.createExcerpt({ documentId, start: at + 3, end: at + 20 });
    expect(excerpt.quote).toBe('underwriters have memory');
    expect(excerpt.prefix.endsWith('but ')).toBe(true);
    expect(document.text.slice(excerpt.start, excerpt.end)).toBe(excerpt.quote);

    // Taking the same passage twice gives back the same excerpt.
    const again = await handlers.createExcerpt({
      documentId,
      start: at,
      end: at + 'underwriters have memory'.length,
    });
    expect(again.id).toBe(excerpt.id);
    expect(await handlers.listExcerpts({ documentId })).toHaveLength(1);

    const briefing = await handlers.createBriefing({ title: 'Red Sea outlook' });
    const updated = await handlers.addExcerptToBriefing({ briefingId: briefing.id, excerptId: excerpt.id });
    const [section] = updated.sections;
    expect(section?.heading).toBe('Discussion');
    expect(section?.items[0]).toMatchObject({ kind: 'excerpt', quote: 'underwriters have memory' });

    const result = await handlers.exportBriefingPdf({ briefingId: briefing.id });
    // A blank briefing prints with a title page.
    expect(result).toMatchObject({ pages: 2, citations: 1, path: `${dataDir}/export.pdf` });
    const text = pdfTextOf(result.path ?? '');
    expect(text).toContain('Red Sea outlook');
    expect(text).toContain('underwriters have memory¹');
    expect(text).toContain(
      '1. Daniel Okafor-Reid, “Red Sea War-Risk Premiums Refuse to Fall,” Harbourline Weekly, November 21, 2025',
    );
    expect(text).toContain('Page 2 of 2');
    expect(await handlers.exportStatus({})).toEqual({ stage: 'idle', pages: 0 });

    // The preview is the PDF's own page layout; print settings change it and are undoable.
    const preview = await handlers.previewBriefing({ briefingId: briefing.id });
    expect(preview.pages.map((units) => units.map((unit) => unit.kind))).toEqual([
      ['title'],
      ['heading', 'block', 'list-heading', 'note', 'list-heading', 'entry'],
    ]);
    const changed = await handlers.updateBriefing({
      briefingId: briefing.id,
      printSettings: { titlePage: false, notes: 'footnotes', pageSize: 'Letter' },
    });
    expect(changed.printSettings).toMatchObject({ titlePage: false, notes: 'footnotes', pageSize: 'Letter' });
    const onePage = await handlers.previewBriefing({ briefingId: briefing.id });
    expect(onePage).toMatchObject({ width: 612, height: 792 });
    expect(onePage.pages.map((units) => units.map((unit) => unit.kind))).toEqual([
      ['title', 'heading', 'block', 'list-heading', 'entry', 'footnote'],
    ]);
    const undone = await handlers.undoBriefing({ briefingId: briefing.id });
    expect(undone.briefing.printSettings).toMatchObject({
      titlePage: true,
      notes: 'endnotes',
      pageSize: 'A4',
    });
  });

  it('answers excerpts a page at a time, in document order or newest first', async () => {
    const { handlers } = await seeded();
    const documentId = await documentIdByTitle(handlers, 'Red Sea War-Risk Premiums Refuse to Fall');
    const { text } = await handlers.getDocument({ documentId });
    for (const word of ['insurers', 'underwriters', 'Houthi']) {
      const at = text.indexOf(word);
      expect(at).toBeGreaterThanOrEqual(0);
      await handlers.createExcerpt({ documentId, start: at, end: at + word.length });
    }
    const all = await handlers.listExcerpts({ documentId });
    expect(all.map((excerpt) => excerpt.start)).toEqual(
      [...all.map((excerpt) => excerpt.start)].sort((a, b) => a - b),
    );
    const first = await handlers.listExcerpts({ documentId, limit: 2 });
    const rest = await handlers.listExcerpts({ documentId, offset: 2, limit: 2 });
    expect([...first, ...rest].map((excerpt) => excerpt.id)).toEqual(all.map((excerpt) => excerpt.id));
    expect(rest).toHaveLength(1);
    const newest = await handlers.listExcerpts({ limit: 1 });
    expect(newest).toHaveLength(1);
    expect(await handlers.listExcerpts({ offset: 1, limit: 5 })).toHaveLength(all.length - 1);
    const refused = await dispatch(handlers, 'listExcerpts', { documentId, limit: 501 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses an excerpt that a briefing quotes from being deleted', async () => {
    const { handlers } = await seeded();
    const documentId = await documentIdByTitle(handlers, 'Guarding the Baltic Seabed');
    const excerpt = await handlers.createExcerpt({ documentId, start: 0, end: 30 });
    const briefing = await handlers.createBriefing({ title: 'Baltic' });
    await handlers.addExcerptToBriefing({ briefingId: briefing.id, excerptId: excerpt.id });
    await expect(handlers.deleteExcerpt({ excerptId: excerpt.id })).rejects.toMatchObject({
      code: 'excerpt-in-use',
    });
  });

  it('reports a cancelled save dialog without writing anything', async () => {
    core = createTempCore({ chooseSavePath: () => Promise.resolve(null) });
    const briefing = await core.handlers.createBriefing({ title: 'Nothing yet' });
    expect(await core.handlers.exportBriefingPdf({ briefingId: briefing.id })).toEqual({
      exportId: null,
      path: null,
      pages: 0,
      citations: 0,
    });
  });
});

describe('the door in front of core', () => {
  it('answers unknown methods, bad inputs and missing records with codes, never throwing', async () => {
    const { handlers } = await seeded();
    expect(await dispatch(handlers, 'dropTables', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(await dispatch(handlers, '__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(await dispatch(handlers, 'getDocument', { documentId: 7 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch(handlers, 'getDocument', { documentId: 'x', extra: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch(handlers, 'createExcerpt', { documentId: 'x', start: -1, end: 2 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch(handlers, 'getDocument', { documentId: 'doc_missing' })).toMatchObject({
      ok: false,
      error: { code: 'document-not-found' },
    });
    expect(await dispatch(handlers, 'listDocuments', {})).toMatchObject({ ok: true });
  });

  it('hides unexpected errors behind a plain message', async () => {
    const { handlers } = await seeded();
    const logged: string[] = [];
    const broken = {
      ...handlers,
      listDocuments: () => Promise.reject(new Error('disk on fire at /secret/path')),
    };
    const envelope = await dispatch(broken, 'listDocuments', {}, (message) => logged.push(message));
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(envelope)).not.toContain('/secret/path');
    expect(logged).toHaveLength(1);
  });

  it('refuses to excerpt an empty selection', async () => {
    const { handlers } = await seeded();
    const documentId = await documentIdByTitle(handlers, 'Guarding the Baltic Seabed');
    const document = await handlers.getDocument({ documentId });
    const gap = document.text.indexOf('\n\n');
    expect(await dispatch(handlers, 'createExcerpt', { documentId, start: gap, end: gap + 2 })).toMatchObject(
      {
        ok: false,
        error: { code: 'empty-selection' },
      },
    );
  });
});
