import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../corpus/import';
import { createTempCore, tempDir, type TempCore } from '../testing/temp-core';
import { bundleIntegrity, MAX_BUNDLE_BYTES, sealBundle, type BundleManifest } from './bundle-format';
import { verifyBundle } from './bundle-verify';
import { countRows, decorateExcerpt, makeExcerpts, seededCore } from './testing';

let good: BundleManifest;
let target: TempCore;
let folder: { path: string; dispose: () => void };
let openPath = '';

beforeAll(async () => {
  folder = tempDir();
  const sender = await seededCore({
    chooseSavePath: () => Promise.resolve(join(folder.path, 'good.bbundle')),
  });
  try {
    const excerpts = await makeExcerpts(sender, { documents: 2, perDocument: 2 });
    decorateExcerpt(sender.db, { excerptId: excerpts[0]?.id ?? '', note: 'n', color: 'blue', tags: ['Tag'] });
    const { id } = await sender.handlers.createCollection({ name: 'Good' });
    await sender.handlers.addToCollection({
      collectionId: id,
      excerptIds: excerpts.map((excerpt) => excerpt.id),
    });
    const { path } = await sender.handlers.exportCollectionBundle({ collectionId: id });
    const { readFileSync } = await import('node:fs');
    good = JSON.parse(readFileSync(path ?? '', 'utf8')) as BundleManifest;
  } finally {
    sender.dispose();
  }
  // The recipient already has a collection and an import, so "unchanged" means something.
  target = createTempCore({ chooseOpenPaths: () => Promise.resolve([openPath]) });
  await target.handlers.importBundleBytes({
    name: 'good.bbundle',
    dataBase64: bytesOf(good).toString('base64'),
  });
});
afterAll(() => {
  target.dispose();
  folder.dispose();
});

function bytesOf(value: unknown): Buffer {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
}

/** A deep copy of the good bundle to tamper with. */
function copy(): BundleManifest {
  return structuredClone(good);
}

/** Tampers, then recomputes the integrity hash as a careful forger would. */
function forged(change: (bundle: BundleManifest) => void): BundleManifest {
  const bundle = copy();
  change(bundle);
  const { format, version, exportedAt, collection, documents, excerpts } = bundle;
  return sealBundle({ format, version, exportedAt, collection, documents, excerpts });
}

async function expectRefused(bytes: Buffer, message: RegExp): Promise<void> {
  const before = countRows(target.db);
  await expect(
    target.handlers.importBundleBytes({ name: 'hostile.bbundle', dataBase64: bytes.toString('base64') }),
  ).rejects.toMatchObject({ code: 'bundle-invalid', message: expect.stringMatching(message) as unknown });
  expect(countRows(target.db)).toEqual(before);
}

describe('hostile bundles are refused with a reason and import nothing', () => {
  it('accepts the untouched bundle (control)', () => {
    expect(verifyBundle(bytesOf(good)).verified).toBe(4);
    expect(bundleIntegrity(good)).toBe(good.integrity.sha256);
  });

  it.each([
    ['not JSON', () => 'hello, this is not a bundle', /not valid JSON/],
    ['truncated JSON', () => JSON.stringify(good).slice(0, 2000), /not valid JSON/],
    ['a JSON array', () => '[1, 2, 3]', /not a JSON object/],
    ['JSON null', () => 'null', /not a JSON object/],
    [
      'another format',
      () => JSON.stringify({ ...good, format: 'zip' }),
      /not a Briefing Builder collection bundle/,
    ],
    ['no format', () => JSON.stringify({ version: 1 }), /not a Briefing Builder collection bundle/],
    [
      'a newer version',
      () => JSON.stringify({ ...good, version: 2 }),
      /version 2; this version of Briefing Builder reads version 1 only/,
    ],
    ['a version as text', () => JSON.stringify({ ...good, version: '1' }), /version "1"/],
    [
      'deeply nested arrays',
      () => `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
      /not valid JSON|not a JSON object/,
    ],
  ])('%s', async (_name, text, message) => {
    await expectRefused(bytesOf(text()), message);
  });

  it('refuses bytes that are not UTF-8 and an empty file', async () => {
    await expectRefused(Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0xc3]), /not UTF-8 text/);
    await expectRefused(Buffer.alloc(0), /empty/);
  });

  it('refuses an oversized bundle before parsing it', async () => {
    const before = countRows(target.db);
    expect(() => verifyBundle(Buffer.alloc(MAX_BUNDLE_BYTES + 1, 0x20))).toThrow(
      /larger than the 100 MB limit/,
    );
    // Through the API: refused from the base64 length, before it is decoded.
    await expect(
      target.handlers.importBundleBytes({ name: 'big.bbundle', dataBase64: 'A'.repeat(140_000_000) }),
    ).rejects.toMatchObject({ code: 'bundle-invalid', message: expect.stringMatching(/100 MB/) as unknown });
    // From a file (the open dialog): refused from its size, before it is read.
    openPath = join(folder.path, 'huge.bbundle');
    writeFileSync(openPath, '');
    truncateSync(openPath, MAX_BUNDLE_BYTES + 10);
    await expect(target.handlers.importCollectionBundle({})).rejects.toMatchObject({
      code: 'bundle-invalid',
      message: expect.stringMatching(/100 MB/) as unknown,
    });
    expect(countRows(target.db)).toEqual(before);
  });

  it('refuses a tampered quote, with or without a recomputed integrity hash', async () => {
    const plain = copy();
    const excerpt = plain.excerpts[1];
    if (excerpt === undefined) throw new Error('no excerpt');
    excerpt.quote = `${excerpt.quote.slice(0, -1)}X`;
    await expectRefused(
      bytesOf(plain),
      new RegExp(`Excerpt ${excerpt.key} .* is not what document d\\d .* says at`, 's'),
    );
    await expectRefused(
      bytesOf(forged((bundle) => bundle.excerpts[1] && (bundle.excerpts[1].quote = 'Nothing of the sort'))),
      /Excerpt e2 \(“Nothing of the sort”\) is not what document/,
    );
  });

  it('refuses a tampered text, also when its hash and the integrity hash are recomputed', async () => {
    const plain = copy();
    const document = plain.documents[0];
    if (document === undefined) throw new Error('no document');
    document.text = document.text.replace(/e/, 'E');
    await expectRefused(bytesOf(plain), /The text of document d1 .* does not match its SHA-256/s);

    const quoted = good.excerpts.find((excerpt) => excerpt.documentKey === 'd1');
    if (quoted === undefined) throw new Error('no excerpt of d1');
    const rewritten = forged((bundle) => {
      const target = bundle.documents[0];
      if (target === undefined) return;
      target.text = `${target.text.slice(0, quoted.start)}${'Z'.repeat(quoted.end - quoted.start)}${target.text.slice(quoted.end)}`;
      target.textSha256 = sha256Hex(target.text);
    });
    await expectRefused(
      bytesOf(rewritten),
      new RegExp(`Excerpt ${quoted.key} .* is not what document d1`, 's'),
    );
  });

  it('refuses a wrong integrity hash (a note changed after export)', async () => {
    const changed = copy();
    const excerpt = changed.excerpts[0];
    if (excerpt !== undefined) excerpt.note = 'Rewritten by someone else';
    await expectRefused(bytesOf(changed), /integrity hash does not match/);
    await expectRefused(
      bytesOf({ ...good, integrity: { sha256: '0'.repeat(64) } }),
      /integrity hash does not match/,
    );
    await expectRefused(
      bytesOf({ ...good, integrity: { sha256: 'not-a-hash' } }),
      /integrity\.sha256: expected a SHA-256/,
    );
  });

  it('refuses bad offsets and context', async () => {
    await expectRefused(
      bytesOf(forged((bundle) => bundle.excerpts[0] && (bundle.excerpts[0].end = bundle.excerpts[0].start))),
      /Excerpt e1 .* ends \(\d+\) before it starts/s,
    );
    await expectRefused(
      bytesOf(forged((bundle) => bundle.excerpts[0] && (bundle.excerpts[0].end = 10_000_000))),
      /Excerpt e1 .* beyond the end of document d1/s,
    );
    await expectRefused(
      bytesOf(
        forged((bundle) => {
          const excerpt = bundle.excerpts[0];
          if (excerpt === undefined) return;
          excerpt.start += 1;
          excerpt.end += 1;
        }),
      ),
      /Excerpt e1 .* is not what document d1/s,
    );
    await expectRefused(
      bytesOf(forged((bundle) => bundle.excerpts[0] && (bundle.excerpts[0].start = -1))),
      /excerpts\.0\.start: Too small/,
    );
    await expectRefused(
      bytesOf(forged((bundle) => bundle.excerpts[0] && (bundle.excerpts[0].start = 1.5))),
      /excerpts\.0\.start: Invalid input: expected int/,
    );
    await expectRefused(
      bytesOf(
        forged(
          (bundle) => bundle.excerpts[0] && (bundle.excerpts[0].prefix = `x${bundle.excerpts[0].prefix}`),
        ),
      ),
      /Excerpt e1 .*: its prefix is not the text before it/s,
    );
    await expectRefused(
      bytesOf(forged((bundle) => bundle.excerpts[0] && (bundle.excerpts[0].suffix = 'not what follows'))),
      /Excerpt e1 .*: its suffix is not the text after it/s,
    );
  });

  it('refuses __proto__, constructor and prototype keys anywhere, and pollutes nothing', async () => {
    const text = JSON.stringify(good);
    const variants = [
      text.replace('{', '{"__proto__":{"polluted":"yes"},'),
      text.replace('"collection":{', '"collection":{"__proto__":{"polluted":"yes"},'),
      text.replace('"documentKey":', '"constructor":{"prototype":{"polluted":"yes"}},"documentKey":'),
      text.replace('"tags":[', '"tags":[{"prototype":1},'),
    ];
    for (const variant of variants) {
      await expectRefused(bytesOf(variant), /forbidden key "(__proto__|constructor|prototype)"/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('caps every string field', async () => {
    const long = 'x'.repeat(10_001);
    const cases: [(bundle: BundleManifest) => void, RegExp][] = [
      [(b) => b.documents[0] && (b.documents[0].title = long), /documents\.0\.title: Too big/],
      [(b) => b.documents[0] && (b.documents[0].author = long), /documents\.0\.author: Too big/],
      [(b) => b.documents[0] && (b.documents[0].url = long), /documents\.0\.url: Too big/],
      [(b) => b.documents[0] && (b.documents[0].language = long), /documents\.0\.language: Too big/],
      [(b) => (b.collection.name = long), /collection\.name: Too big/],
      [(b) => (b.collection.description = long), /collection\.description: Too big/],
      [(b) => b.excerpts[0] && (b.excerpts[0].prefix = long), /excerpts\.0\.prefix: Too big/],
      [(b) => b.excerpts[0] && (b.excerpts[0].tags = [long]), /excerpts\.0\.tags\.0: Too big/],
      [(b) => b.excerpts[0] && (b.excerpts[0].note = 'x'.repeat(20_001)), /excerpts\.0\.note: Too big/],
      [(b) => b.excerpts[0] && (b.excerpts[0].key = long), /excerpts\.0\.key: Too big/],
      [(b) => b.excerpts[0] && (b.excerpts[0].tags = ['bad\u0007tag']), /control characters/],
      [
        (b) => b.excerpts[0] && (b.excerpts[0].color = 'plaid' as 'blue'),
        /excerpts\.0\.color: Invalid option/,
      ],
      [
        (b) => b.documents[0] && (b.documents[0].format = 'exe' as 'md'),
        /documents\.0\.format: Invalid option/,
      ],
      [(b) => b.documents[0] && (b.documents[0].publishedAt = 'yesterday'), /YYYY-MM-DD/],
      [
        (b) => b.documents[0] && (b.documents[0].textSha256 = 'A'.repeat(64)),
        /textSha256: expected a SHA-256/,
      ],
    ];
    for (const [change, message] of cases) await expectRefused(bytesOf(forged(change)), message);
  });

  it('refuses unknown and missing members', async () => {
    await expectRefused(bytesOf({ ...good, extra: true }), /Unrecognized key: "extra"/);
    await expectRefused(
      bytesOf(forged((bundle) => Object.assign(bundle.documents[0] ?? {}, { html: '<script>' }))),
      /documents\.0: Unrecognized key: "html"/,
    );
    const withoutExcerpts: Record<string, unknown> = { ...good };
    delete withoutExcerpts.excerpts;
    await expectRefused(bytesOf(withoutExcerpts), /excerpts: Invalid input: expected array/);
  });

  it('refuses huge arrays before validating their elements', async () => {
    const many = Array.from({ length: 10_001 }, () => ({}));
    await expectRefused(bytesOf({ ...good, excerpts: many }), /10001 excerpts; at most 10000/);
    await expectRefused(bytesOf({ ...good, documents: many }), /10001 documents; at most 10000/);
    await expectRefused(
      bytesOf(
        forged(
          (bundle) =>
            bundle.excerpts[0] && (bundle.excerpts[0].tags = Array.from({ length: 101 }, (_, i) => `t${i}`)),
        ),
      ),
      /excerpts\.0\.tags: Too big/,
    );
  });

  it('refuses inconsistent keys, references and positions', async () => {
    await expectRefused(
      bytesOf(forged((bundle) => bundle.excerpts[0] && (bundle.excerpts[0].documentKey = 'd9'))),
      /Excerpt e1 .* quotes document d9, which is not in the bundle/s,
    );
    await expectRefused(
      bytesOf(forged((bundle) => bundle.excerpts[1] && (bundle.excerpts[1].key = 'e1'))),
      /two excerpts with the key e1/,
    );
    await expectRefused(
      bytesOf(forged((bundle) => bundle.excerpts[1] && (bundle.excerpts[1].position = 0))),
      /has position 0; positions must run from 0 to 3/,
    );
    await expectRefused(
      bytesOf(forged((bundle) => bundle.excerpts[1] && (bundle.excerpts[1].position = 7))),
      /has position 7/,
    );
    await expectRefused(
      bytesOf(
        forged((bundle) => {
          const extra = bundle.documents[0];
          if (extra !== undefined) bundle.documents.push({ ...extra, key: 'd3' });
        }),
      ),
      /carries document d3 .* which none of its excerpts quotes/s,
    );
    await expectRefused(
      bytesOf(
        forged((bundle) => {
          const extra = bundle.documents[0];
          if (extra !== undefined) bundle.documents.push({ ...extra });
        }),
      ),
      /two documents with the key d1/,
    );
  });

  it('refuses a hostile file picked in the open dialog', async () => {
    openPath = join(folder.path, 'tampered.bbundle');
    const changed = copy();
    if (changed.excerpts[0] !== undefined) changed.excerpts[0].quote = 'invented';
    writeFileSync(openPath, bytesOf(changed));
    const before = countRows(target.db);
    await expect(target.handlers.importCollectionBundle({})).rejects.toMatchObject({
      code: 'bundle-invalid',
    });
    openPath = join(folder.path, 'missing.bbundle');
    await expect(target.handlers.importCollectionBundle({})).rejects.toMatchObject({
      code: 'file-not-found',
    });
    expect(countRows(target.db)).toEqual(before);
  });
});
