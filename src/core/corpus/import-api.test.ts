import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { layoutBriefing } from '../export/layout';
import { CORPUS_DIR, createTempCore, type TempCore } from '../testing/temp-core';
import { sourceParserWorker } from './source-worker';

let core: TempCore | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
});

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('importing from the window', () => {
  it('imports dropped bytes in a parser thread and reports duplicates', async () => {
    core = createTempCore({ parserWorker: sourceParserWorker() });
    const { handlers } = core;
    const text = 'Title: Dropped note\nAuthor: Ana Analyst\nOutlet: Desk\n\nFirst paragraph.\n\nSecond paragraph.';
    const first = await handlers.importFileBytes({ name: 'note.txt', dataBase64: base64(text) });
    expect(first).toMatchObject({ status: 'imported', title: 'Dropped note', error: null });
    const again = await handlers.importFileBytes({ name: 'copy.txt', dataBase64: base64(text) });
    expect(again).toMatchObject({ status: 'duplicate', documentId: first.documentId });
    expect(await handlers.listDocuments({})).toHaveLength(1);
  });

  it('reports a bad dropped file as failed without storing anything', async () => {
    core = createTempCore();
    const { handlers } = core;
    expect(await handlers.importFileBytes({ name: 'data.bin', dataBase64: base64('junk') })).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/"\.bin" files cannot be imported/) as unknown,
    });
    expect(await handlers.importFileBytes({ name: '../../etc/empty.txt', dataBase64: '' })).toMatchObject({
      file: 'empty.txt',
      status: 'failed',
      error: 'The file is empty.',
    });
    expect(await handlers.listDocuments({})).toEqual([]);
  });

  it('stores pasted text as a new document', async () => {
    core = createTempCore();
    const outcome = await core.handlers.importPastedText({ text: 'Talks resume in Geneva\n\nDelegations met for six hours on Tuesday.' });
    expect(outcome).toMatchObject({ status: 'imported', title: 'Talks resume in Geneva' });
    await expect(core.handlers.importPastedText({ text: '   ' })).rejects.toMatchObject({ code: 'import-empty-file' });
  });

  it('imports files and folders picked in the open dialog, one call per file', async () => {
    const folder = join(CORPUS_DIR);
    core = createTempCore({ chooseOpenPaths: () => Promise.resolve([folder]) });
    const batch = await core.handlers.pickImportFiles({ folders: true });
    expect(batch.batchId).not.toBeNull();
    expect(batch.files.length).toBeGreaterThanOrEqual(8);
    for (const file of batch.files) {
      expect(await core.handlers.importPickedFile({ batchId: batch.batchId ?? '', index: file.index })).toMatchObject({ status: 'imported' });
    }
    await expect(core.handlers.importPickedFile({ batchId: 'imp_nope', index: 0 })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('treats a cancelled open dialog as an empty batch', async () => {
    core = createTempCore({ chooseOpenPaths: () => Promise.resolve(null) });
    expect(await core.handlers.pickImportFiles({ folders: false })).toEqual({ batchId: null, files: [] });
  });
});

describe('metadata', () => {
  it('edits metadata without touching the text, and citations use the edited values', async () => {
    core = createTempCore();
    const { handlers } = core;
    const outcome = await handlers.importPastedText({ text: 'Untitled wire copy\n\nThe minister said the talks would resume.' });
    const documentId = outcome.documentId ?? '';
    const before = await handlers.getDocument({ documentId });
    const edited = await handlers.updateDocumentMetadata({
      documentId,
      title: 'Talks to resume, minister says',
      author: 'Sam Reporter',
      outlet: 'Wire Service',
      publishedAt: '2026-02-03',
      url: 'https://wire.example/talks',
      language: 'en',
    });
    expect(edited).toMatchObject({ title: 'Talks to resume, minister says', author: 'Sam Reporter', sha256: before.sha256 });
    const after = await handlers.getDocument({ documentId });
    expect(after.text).toBe(before.text);

    const excerpt = await handlers.createExcerpt({ documentId, start: after.text.indexOf('talks'), end: after.text.indexOf('talks') + 5 });
    const briefing = await handlers.createBriefing({ title: 'Check' });
    const withQuote = await handlers.addExcerptToBriefing({ briefingId: briefing.id, excerptId: excerpt.id });
    expect(layoutBriefing(withQuote).notes[0]?.text).toBe(
      'Sam Reporter, “Talks to resume, minister says,” Wire Service, February 3, 2026, https://wire.example/talks.',
    );
  });

  it('refuses an invalid date or an empty title', async () => {
    core = createTempCore();
    const { dispatch } = await import('../api/dispatch');
    const outcome = await core.handlers.importPastedText({ text: 'A note\n\nBody.' });
    const input = { documentId: outcome.documentId, title: 'T', author: null, outlet: null, publishedAt: '03/02/2026', url: null, language: null };
    expect(await dispatch(core.handlers, 'updateDocumentMetadata', input)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/YYYY-MM-DD/) as unknown } });
    expect(await dispatch(core.handlers, 'updateDocumentMetadata', { ...input, publishedAt: null, title: '  ' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('versions of a source', () => {
  it('links a changed article at the same URL to its earlier version, keeping both', async () => {
    core = createTempCore();
    const { handlers } = core;
    const page = (body: string) =>
      `Title: Ceasefire holds\nOutlet: Desk\nURL: https://desk.example/ceasefire\n\n${body}`;
    const v1 = await handlers.importFileBytes({ name: 'v1.txt', dataBase64: base64(page('The ceasefire held overnight.')) });
    const excerpt = await handlers.createExcerpt({ documentId: v1.documentId ?? '', start: 0, end: 13 });
    const v2 = await handlers.importFileBytes({ name: 'v2.txt', dataBase64: base64(page('The ceasefire held overnight, officials said.')) });
    expect(v2.status).toBe('imported');
    const documents = await handlers.listDocuments({});
    expect(documents.find((document) => document.id === v2.documentId)?.previousVersionId).toBe(v1.documentId);
    // The old version and its excerpt stay valid.
    const old = await handlers.getDocument({ documentId: v1.documentId ?? '' });
    expect(old.text.slice(excerpt.start, excerpt.end)).toBe(excerpt.quote);
  });
});
