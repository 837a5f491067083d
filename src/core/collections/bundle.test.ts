import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { importBytes, sha256Hex } from '../corpus/import';
import { createTempCore, tempDir, type TempCore } from '../testing/temp-core';
import {
  BUNDLE_FORMAT,
  bundleIntegrity,
  canonicalJson,
  sealBundle,
  serialiseBundle,
  type BundleManifest,
} from './bundle-format';
import { paragraphBlocks } from './bundle-import';
import { countRows, decorateExcerpt, makeExcerpts, seededCore } from './testing';
import { disposeAfterEachTest } from '../testing/dispose';

const track = disposeAfterEachTest();

/** A sender's library with a decorated collection of excerpts from several documents. */
async function sender(folder: string, revealed: string[] = []) {
  const core = track(
    await seededCore({
      chooseSavePath: (request) => Promise.resolve(join(folder, request.defaultFileName)),
      showItemInFolder: (path) => revealed.push(path),
    }),
  );
  const excerpts = await makeExcerpts(core, { documents: 4, perDocument: 2 });
  const [first, second] = excerpts;
  decorateExcerpt(core.db, {
    excerptId: first?.id ?? '',
    note: 'Key line',
    color: 'green',
    tags: ['Insurance', 'Red Sea'],
  });
  decorateExcerpt(core.db, { excerptId: second?.id ?? '', note: '', color: null, tags: ['Insurance'] });
  const collection = await core.handlers.createCollection({
    name: 'Sea lanes',
    description: 'For the weekly note',
  });
  // An order that is not document order.
  const order = [...excerpts].reverse().map((excerpt) => excerpt.id);
  await core.handlers.addToCollection({ collectionId: collection.id, excerptIds: order });
  return { core, collection, order };
}

function recipient(bundlePath: string | null): TempCore {
  return track(
    createTempCore({ chooseOpenPaths: () => Promise.resolve(bundlePath === null ? null : [bundlePath]) }),
  );
}

describe('collection bundles', () => {
  it('exports one verifiable file and imports it into a separate library', async () => {
    const folder = track(tempDir());
    const revealed: string[] = [];
    const { core, collection, order } = await sender(folder.path, revealed);
    const result = await core.handlers.exportCollectionBundle({ collectionId: collection.id });
    expect(result).toMatchObject({ pages: 0, citations: 8, path: join(folder.path, 'Sea lanes.bbundle') });
    expect(result.exportId).toMatch(/^exp_/);
    await core.handlers.revealExport({ exportId: result.exportId ?? '' });
    expect(revealed).toEqual([result.path]);

    // The file is plain JSON that a recipient can check by hand.
    const manifest = JSON.parse(readFileSync(result.path ?? '', 'utf8')) as BundleManifest;
    expect(manifest).toMatchObject({
      format: BUNDLE_FORMAT,
      version: 1,
      exportedAt: '2026-11-27T12:00:00.000Z',
      collection: { name: 'Sea lanes', description: 'For the weekly note' },
    });
    expect(manifest.documents).toHaveLength(4);
    expect(manifest.excerpts.map((excerpt) => excerpt.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const { integrity, ...body } = manifest;
    expect(integrity.sha256).toBe(bundleIntegrity(body));
    for (const excerpt of manifest.excerpts) {
      const document = manifest.documents.find((candidate) => candidate.key === excerpt.documentKey);
      expect(document?.text.slice(excerpt.start, excerpt.end)).toBe(excerpt.quote);
    }
    expect(manifest.excerpts.find((excerpt) => excerpt.note === 'Key line')).toMatchObject({
      color: 'green',
      tags: ['Insurance', 'Red Sea'],
    });

    const target = recipient(result.path);
    const summary = await target.handlers.importCollectionBundle({});
    expect(summary).toMatchObject({
      collectionName: 'Sea lanes',
      documentsAdded: 4,
      documentsAlreadyPresent: 0,
      excerptsAdded: 8,
      excerptsAlreadyPresent: 0,
      verified: 8,
    });
    const imported = await target.handlers.getCollection({ collectionId: summary?.collectionId ?? '' });
    const original = await core.handlers.getCollection({ collectionId: collection.id });
    expect(imported.description).toBe('For the weekly note');
    expect(imported.excerpts.map((excerpt) => excerpt.quote)).toEqual(
      original.excerpts.map((excerpt) => excerpt.quote),
    );
    expect(original.excerpts.map((excerpt) => excerpt.id)).toEqual(order);
    for (const [index, excerpt] of imported.excerpts.entries()) {
      const source = original.excerpts[index];
      expect(excerpt).toMatchObject({
        quote: source?.quote,
        prefix: source?.prefix,
        suffix: source?.suffix,
        start: source?.start,
        end: source?.end,
        note: source?.note,
        tags: source?.tags,
        color: source?.color,
        documentTitle: source?.documentTitle,
        author: source?.author,
        outlet: source?.outlet,
        publishedAt: source?.publishedAt,
        documentTextSha256: source?.documentTextSha256,
      });
      // Every quote is verbatim in the recipient's copy of its document.
      const document = await target.handlers.getDocument({ documentId: excerpt.documentId });
      expect(document.text.slice(excerpt.start, excerpt.end)).toBe(excerpt.quote);
      expect(document.blocks.length).toBeGreaterThan(1);
      for (const block of document.blocks)
        expect(document.text.slice(block.start, block.end)).not.toMatch(/^\s|\n\n|\s$/);
    }
    // The stand-in original is the text itself; the sender's file hash is kept for provenance.
    const stored = target.db
      .prepare(
        'SELECT original_bytes, original_sha256, text_sha256, original_metadata, source_name FROM documents LIMIT 1',
      )
      .get() as {
      original_bytes: Buffer;
      original_sha256: string;
      text_sha256: string;
      original_metadata: string;
      source_name: string;
    };
    expect(stored.original_sha256).toBe(stored.text_sha256);
    expect(JSON.parse(stored.original_metadata)).toMatchObject({
      bundleOriginalSha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    expect(stored.source_name).toBe('Sea lanes.bbundle');
  });

  it('reuses documents and excerpts when a bundle is imported again, under a new name', async () => {
    const folder = track(tempDir());
    const { core, collection } = await sender(folder.path);
    const { path } = await core.handlers.exportCollectionBundle({ collectionId: collection.id });
    const target = recipient(path);
    await target.handlers.importCollectionBundle({});
    const afterFirst = countRows(target.db);

    const again = await target.handlers.importCollectionBundle({});
    expect(again).toMatchObject({
      collectionName: 'Sea lanes (2)',
      documentsAdded: 0,
      documentsAlreadyPresent: 4,
      excerptsAdded: 0,
      excerptsAlreadyPresent: 8,
      verified: 8,
    });
    expect(countRows(target.db)).toEqual({
      ...afterFirst,
      collections: afterFirst.collections + 1,
      collection_items: afterFirst.collection_items + 8,
    });
    const third = await target.handlers.importBundleBytes({
      name: 'shared.bbundle',
      dataBase64: readFileSync(path ?? '').toString('base64'),
    });
    expect(third).toMatchObject({ collectionName: 'Sea lanes (3)', documentsAdded: 0, excerptsAdded: 0 });

    // Back into the sender's own library: the same documents (by text hash) and excerpts are reused.
    const before = countRows(core.db);
    const home = await core.handlers.importBundleBytes({
      name: 'back.bbundle',
      dataBase64: readFileSync(path ?? '').toString('base64'),
    });
    expect(home).toMatchObject({
      collectionName: 'Sea lanes (2)',
      documentsAlreadyPresent: 4,
      excerptsAlreadyPresent: 8,
    });
    expect(countRows(core.db)).toMatchObject({
      documents: before.documents,
      excerpts: before.excerpts,
      tags: before.tags,
    });
    const homeDetail = await core.handlers.getCollection({ collectionId: home.collectionId });
    const originalDetail = await core.handlers.getCollection({ collectionId: collection.id });
    expect(homeDetail.excerpts.map((excerpt) => excerpt.id)).toEqual(
      originalDetail.excerpts.map((excerpt) => excerpt.id),
    );
  });

  it('goes through the API door with base64 bytes', async () => {
    const folder = track(tempDir());
    const { core, collection } = await sender(folder.path);
    const { path } = await core.handlers.exportCollectionBundle({ collectionId: collection.id });
    const target = recipient(null);
    const envelope = await dispatch(target.handlers, 'importBundleBytes', {
      name: 'x.bbundle',
      dataBase64: readFileSync(path ?? '').toString('base64'),
    });
    expect(envelope).toMatchObject({ ok: true, value: { excerptsAdded: 8, verified: 8 } });
    const refused = await dispatch(target.handlers, 'importBundleBytes', {
      name: 'x.bbundle',
      dataBase64: Buffer.from('{"format":"something-else"}').toString('base64'),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bundle-invalid' } });
  });

  it('does nothing when a dialog is cancelled', async () => {
    const core = track(await seededCore({ chooseSavePath: () => Promise.resolve(null) }));
    const { id } = await core.handlers.createCollection({ name: 'Empty' });
    expect(await core.handlers.exportCollectionBundle({ collectionId: id })).toEqual({
      exportId: null,
      path: null,
      pages: 0,
      citations: 0,
    });
    const before = countRows(core.db);
    expect(await core.handlers.importCollectionBundle({})).toBeNull();
    expect(countRows(core.db)).toEqual(before);
  });

  it('round-trips an empty collection', async () => {
    const folder = track(tempDir());
    const core = track(
      await seededCore({ chooseSavePath: () => Promise.resolve(join(folder.path, 'empty.json')) }),
    );
    const { id } = await core.handlers.createCollection({ name: 'Nothing yet' });
    const result = await core.handlers.exportCollectionBundle({ collectionId: id });
    expect(result.citations).toBe(0);
    const target = recipient(result.path);
    expect(await target.handlers.importCollectionBundle({})).toMatchObject({
      collectionName: 'Nothing yet',
      documentsAdded: 0,
      excerptsAdded: 0,
      verified: 0,
    });
  });

  it('keeps a bundle document apart from a library file whose raw bytes equal its text', async () => {
    // "Title: X" is read as metadata on import, so the stored text is only the body.
    const raw = 'Title: Harbour notes\n\nThe harbour master said the quay would reopen in March.';
    const target = track(createTempCore());
    const outcome = await importBytes(target.db, {
      bytes: Buffer.from(raw),
      fileName: 'notes.txt',
      now: new Date(),
    });
    expect(outcome.status).toBe('imported');

    const start = raw.indexOf('harbour master');
    const bundle = sealBundle({
      format: BUNDLE_FORMAT,
      version: 1,
      exportedAt: '2026-11-27T12:00:00.000Z',
      collection: { name: 'Harbour', description: '' },
      documents: [
        {
          key: 'd1',
          title: 'Harbour notes (raw)',
          author: null,
          outlet: null,
          publishedAt: null,
          url: null,
          language: 'en',
          direction: null,
          format: 'txt',
          text: raw,
          textSha256: sha256Hex(raw),
          originalSha256: 'a'.repeat(64),
        },
      ],
      excerpts: [
        {
          key: 'e1',
          documentKey: 'd1',
          quote: 'harbour master',
          prefix: raw.slice(start - 4, start),
          suffix: ' said',
          start,
          end: start + 'harbour master'.length,
          page: null,
          note: '',
          tags: [],
          color: null,
          position: 0,
        },
      ],
    });
    const summary = await target.handlers.importBundleBytes({
      name: 'h.bbundle',
      dataBase64: serialiseBundle(bundle).toString('base64'),
    });
    expect(summary).toMatchObject({ documentsAdded: 1, excerptsAdded: 1, verified: 1 });
    expect(countRows(target.db).documents).toBe(2);
    const detail = await target.handlers.getCollection({ collectionId: summary.collectionId });
    const document = await target.handlers.getDocument({ documentId: detail.excerpts[0]?.documentId ?? '' });
    expect(document.text).toBe(raw);
    // The stand-in original bytes are marked as UTF-8 so they do not clash with notes.txt.
    expect(document.sha256).not.toBe(sha256Hex(raw));
    expect(document.sha256).toBe(
      sha256Hex(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(raw)])),
    );
    expect(document.blocks.map((block) => raw.slice(block.start, block.end))).toEqual([
      'Title: Harbour notes',
      'The harbour master said the quay would reopen in March.',
    ]);
  });

  it('writes a bundle from the CLI path atomically over an earlier file', async () => {
    const folder = track(tempDir());
    const { core, collection } = await sender(folder.path);
    const path = join(folder.path, 'Sea lanes.bbundle');
    writeFileSync(path, 'old');
    await core.handlers.exportCollectionBundle({ collectionId: collection.id });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ format: BUNDLE_FORMAT });
  });
});

describe('bundle format helpers', () => {
  it('serialises canonically: sorted keys, no whitespace', () => {
    expect(canonicalJson({ b: [1, 'x', null], a: { d: true, c: 'é"' } })).toBe(
      '{"a":{"c":"é\\"","d":true},"b":[1,"x",null]}',
    );
  });

  it('rebuilds paragraph blocks between blank lines', () => {
    const text = 'Heading\n\nFirst paragraph.\n\nSecond.';
    expect(paragraphBlocks(text).map((block) => text.slice(block.start, block.end))).toEqual([
      'Heading',
      'First paragraph.',
      'Second.',
    ]);
  });
});
