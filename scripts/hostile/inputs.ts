import { deflateSync } from 'node:zlib';
import { sealBundle, serialiseBundle, type BundleBody } from '../../src/core/collections/bundle-format';
import { sha256Hex } from '../../src/core/corpus/import';
import {
  flateZeros,
  onePagePdf,
  rawPdf,
  streamObject,
} from '../../src/core/corpus/importers/testing/raw-pdf';
import { articleOptions, makePdf } from '../../src/core/corpus/importers/testing/make-pdf';
import { deflatedZeros, makeDocx, makeZip } from '../../src/core/corpus/importers/testing/make-zip';
import { selectorAt } from '../../src/core/excerpts/anchor';

/**
 * Hostile inputs for every importer, made from a seeded random source: random bytes, mutated valid
 * files, ZIP bombs, malformed PDFs, hostile bundles and path-like names. Each input is a file the
 * window could be given (dropped or pasted: `importFileBytes`) or a bundle (`importBundleBytes`).
 */
export type HostileInput = Readonly<{
  /** Which importer it goes to. */
  via: 'file' | 'bundle';
  /** The family of hostility, for the report. */
  family: string;
  name: string;
  bytes: Buffer;
}>;

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
};
const int = (random: Random, below: number) => Math.floor(random() * below);

function randomBytes(random: Random, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index += 1) bytes[index] = int(random, 256);
  return bytes;
}

/** Valid files of every format, to mutate. Made once (the PDF through pdfkit takes a moment). */
export type Seeds = Readonly<{ files: readonly { name: string; bytes: Buffer }[]; bundle: BundleBody }>;

export async function makeSeeds(): Promise<Seeds> {
  const text =
    'Title: Harbour notes\nAuthor: A. Okafor\n\nThe harbour reopened on Monday. Insurers raised war-risk premiums.\n\nGrain exports rose by a tenth.\n';
  const markdown =
    '---\ntitle: Corridor report\nauthor: L. Wójcik\ndate: 2026-03-05\n---\n# Corridor report\n\nThe **corridor** stayed open.\n\n- convoys\n- insurers\n\n> A quoted line.\n';
  const html =
    '<!doctype html><html lang="en"><head><title>Port page</title><meta name="author" content="R. Haddad">' +
    '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Port page","datePublished":"2026-01-02"}</script>' +
    '</head><body><article><h1>Port page</h1><p>Ships waited outside the port for days.</p><ul><li>one</li><li>two</li></ul></article></body></html>';
  const pdf = (await makePdf(articleOptions())).bytes;
  const docx = makeDocx({
    title: 'Memo',
    creator: 'K. Ivanova',
    paragraphs: [
      { style: 'Heading1', text: 'Memo on shipping' },
      { text: 'Freight rates doubled in a week.' },
      { numbered: true, text: 'First point' },
    ],
  });
  const documentText =
    'Harbour dispatch\n\nThe harbour reopened on Monday after the storm.\n\nInsurers raised premiums.';
  const start = documentText.indexOf('reopened');
  const end = start + 'reopened on Monday'.length;
  const bundle: BundleBody = {
    format: 'briefing-builder-collection',
    version: 1,
    exportedAt: '2026-11-20T09:00:00.000Z',
    collection: { name: 'Shared ports', description: 'From a colleague' },
    documents: [
      {
        key: 'd1',
        title: 'Harbour dispatch',
        author: null,
        outlet: 'The Ledger',
        publishedAt: '2026-03-01',
        url: null,
        language: 'en',
        direction: null,
        format: 'txt',
        text: documentText,
        textSha256: sha256Hex(documentText),
        originalSha256: sha256Hex('original'),
      },
    ],
    excerpts: [
      {
        key: 'e1',
        documentKey: 'd1',
        ...selectorAt(documentText, start, end),
        start,
        end,
        page: null,
        note: 'n',
        tags: ['ports'],
        color: null,
        position: 0,
      },
    ],
  };
  return {
    files: [
      { name: 'notes.txt', bytes: Buffer.from(text) },
      { name: 'report.md', bytes: Buffer.from(markdown) },
      { name: 'page.html', bytes: Buffer.from(html) },
      { name: 'article.pdf', bytes: pdf },
      { name: 'hand-written.pdf', bytes: onePagePdf() },
      { name: 'memo.docx', bytes: docx },
    ],
    bundle,
  };
}

const EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.pdf', '.docx', '.bbundle', '.exe', ''];
const MAGIC = [
  '%PDF-1.7\n',
  'PK\u0003\u0004',
  '<html><body><p>',
  '---\ntitle: x\n---\n',
  '\ufeff',
  '{"format":',
];

function randomFile(random: Random): HostileInput {
  const body = randomBytes(random, int(random, 4096));
  const prefix = random() < 0.6 ? Buffer.from(pick(random, MAGIC), 'latin1') : Buffer.alloc(0);
  return {
    via: 'file',
    family: 'random bytes',
    name: `random${pick(random, EXTENSIONS)}`,
    bytes: Buffer.concat([prefix, body]),
  };
}

/** A valid file with a few random changes: bit flips, cuts, splices, repeats, odd numbers. */
export function mutate(random: Random, source: Buffer): Buffer {
  let bytes = Buffer.from(source);
  const changes = 1 + int(random, 4);
  for (let change = 0; change < changes && bytes.length > 0; change += 1) {
    const at = int(random, bytes.length);
    switch (int(random, 7)) {
      case 0:
        for (let flip = 0; flip < 1 + int(random, 16); flip += 1) {
          const index = int(random, bytes.length);
          bytes[index] = (bytes[index] ?? 0) ^ (1 << int(random, 8));
        }
        break;
      case 1:
        bytes = bytes.subarray(0, at);
        break;
      case 2:
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          randomBytes(random, int(random, 64)),
          bytes.subarray(at),
        ]);
        break;
      case 3: {
        const length = int(random, Math.min(4096, bytes.length - at));
        const chunk = bytes.subarray(at, at + length);
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          ...Array.from({ length: 1 + int(random, 8) }, () => chunk),
          bytes.subarray(at),
        ]);
        break;
      }
      case 4:
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + int(random, 256))]);
        break;
      case 5:
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          Buffer.from(
            pick(random, ['4294967295', '-1', '99999999999999999999', '0', 'NaN', '1e308', '65535']),
          ),
          bytes.subarray(at),
        ]);
        break;
      default:
        bytes.fill(pick(random, [0x00, 0xff, 0x20]), at, Math.min(bytes.length, at + int(random, 64)));
    }
  }
  return bytes;
}

function mutatedFile(random: Random, seeds: Seeds): HostileInput {
  const seed = pick(random, seeds.files);
  return {
    via: 'file',
    family: `mutated ${seed.name.split('.').pop() ?? ''}`,
    name: seed.name,
    bytes: mutate(random, seed.bytes),
  };
}

const MB = 1024 * 1024;
const PAGE_XML =
  '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>';

/** ZIP bombs and odd archives, as Word documents. */
function zipBomb(random: Random): HostileInput {
  const variant = int(random, 9);
  const docx = (bytes: Buffer, kind: string): HostileInput => ({
    via: 'file',
    family: `zip: ${kind}`,
    name: 'bomb.docx',
    bytes,
  });
  switch (variant) {
    case 0: // honest: declares its huge size
      return docx(
        makeZip([
          {
            name: 'word/document.xml',
            compressed: deflatedZeros(200 * MB),
            declaredSize: 200 * MB,
            crc32: 0,
          },
        ]),
        'honest huge size',
      );
    case 1: // dishonest: declares a small size, inflates to much more
      return docx(
        makeZip([
          {
            name: 'word/document.xml',
            compressed: deflatedZeros((16 + int(random, 48)) * MB),
            declaredSize: 1000 + int(random, 100_000),
          },
        ]),
        'dishonest size',
      );
    case 2: {
      // the local header says something other than the central directory
      const zip = makeZip([{ name: 'word/document.xml', data: PAGE_XML }]);
      zip.writeUInt32LE(0xffffffff, 22);
      zip.writeUInt32LE(int(random, 2) === 0 ? 0 : 0x7fffffff, 18);
      return docx(zip, 'local header disagrees');
    }
    case 3: // many entries
      return docx(
        makeZip(
          Array.from({ length: 10_001 }, (_, index) => ({ name: `p/${index}.xml`, data: '', method: 0 })),
        ),
        'too many entries',
      );
    case 4: // a directory that claims more entries than it has
      return docx(
        makeZip([{ name: 'word/document.xml', data: PAGE_XML }], {
          declaredEntryCount: 1 + int(random, 65_535),
        }),
        'entry count lies',
      );
    case 5: {
      // a docx inside a docx, and a zip as the main part
      const inner = makeDocx({ paragraphs: [{ text: 'inner' }] });
      return docx(
        makeDocx({
          paragraphs: [{ text: 'outer' }],
          extra: [
            { name: 'word/embeddings/inner.docx', data: inner },
            { name: 'word/document.xml', data: inner },
          ],
        }),
        'nested zip',
      );
    }
    case 6: // path-like part names
      return docx(
        makeDocx({
          paragraphs: [{ text: 'names' }],
          extra: [
            {
              name: pick(random, [
                '../../evil.xml',
                '/etc/passwd',
                'C:\\evil.xml',
                'word\\..\\..\\x.xml',
                'a\u0000b.xml',
                'word/./../../x',
              ]),
              data: 'x',
            },
          ],
        }),
        'path-like part names',
      );
    case 7: // wrong checksum
      return docx(
        makeZip([{ name: 'word/document.xml', data: PAGE_XML, crc32: int(random, 0xffffffff) }]),
        'bad checksum',
      );
    default: // a zip whose part unpacks to a quarter of the per-part cap (allowed, but useless)
      return docx(
        makeDocx({
          paragraphs: [{ text: 'padding' }],
          extra: [
            { name: 'word/media/pad.bin', compressed: deflatedZeros(1 * MB), declaredSize: 1 * MB, crc32: 0 },
          ],
        }),
        'padding part',
      );
  }
}

/** Malformed and hostile PDFs. */
function badPdf(random: Random, seeds: Seeds): HostileInput {
  const pdf = (bytes: Buffer, kind: string): HostileInput => ({
    via: 'file',
    family: `pdf: ${kind}`,
    name: 'bad.pdf',
    bytes,
  });
  const article = seeds.files.find((file) => file.name === 'article.pdf')?.bytes ?? onePagePdf();
  const page = (entries: string) =>
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> ${entries} >>`;
  const text = streamObject('', Buffer.from('BT /F1 12 Tf 72 720 Td (Loop text) Tj ET'));
  const font = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  // A valid one-page file's objects, which most cases break one way or another.
  const onePage = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(''),
    text,
    font,
  ];
  switch (int(random, 12)) {
    case 0:
      return pdf(article.subarray(0, int(random, article.length)), 'truncated');
    case 1:
      return pdf(rawPdf(onePage, { startxref: int(random, 10_000_000) }), 'bad xref offset');
    case 2:
      return pdf(rawPdf(onePage, { noXref: true }), 'no xref');
    case 3:
      return pdf(
        rawPdf([
          '<< /Type /Catalog /Pages 2 0 R >>',
          `<< /Type /Pages /Kids [3 0 R] /Count ${pick(random, ['1000000000', '2147483647', '-5', '1e30'])} >>`,
          page(''),
          text,
          font,
        ]),
        'huge page count',
      );
    case 4:
      return pdf(rawPdf(onePage, { size: 2_000_000_000 }), 'huge object count');
    case 5: // the page tree contains itself
      return pdf(
        rawPdf([
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>',
          page(''),
          text,
          font,
        ]),
        'recursive page tree',
      );
    case 6: // objects that refer to themselves and each other
      return pdf(
        rawPdf([
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
          page('/Annots 6 0 R /Metadata 7 0 R'),
          text,
          font,
          '7 0 R',
          '6 0 R',
        ]),
        'reference loop',
      );
    case 7: {
      // a form XObject that draws itself
      const form = streamObject(
        '/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X0 6 0 R >> >>',
        Buffer.from('/X0 Do'),
      );
      return pdf(
        onePagePdf(
          [streamObject('', Buffer.from('/X0 Do')), form].slice(1),
          '/Resources << /XObject << /X0 6 0 R >> /Font << /F1 5 0 R >> >>',
        ),
        'recursive form',
      );
    }
    case 8:
      return pdf(
        rawPdf([
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
          page(''),
          text,
          font,
          `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
        ]),
        'deeply nested arrays',
      );
    case 9:
      return pdf(
        onePagePdf([streamObject('/Filter /FlateDecode', flateZeros((65 + int(random, 64)) * MB))]),
        'flate bomb',
      );
    case 10:
      return pdf(
        onePagePdf([
          streamObject('/Filter [/FlateDecode /FlateDecode]', deflateSync(deflateSync(Buffer.alloc(4 * MB)))),
        ]),
        'double flate',
      );
    default:
      return pdf(
        Buffer.concat([
          Buffer.from(
            `%PDF-1.7\n1 0 obj\n<< /Length ${pick(random, ['99999999999', '-1', '1 0 R'])} >>\nstream\n`,
          ),
          randomBytes(random, 2000),
        ]),
        'lying stream length',
      );
  }
}

/** Files that push one importer's structure: nesting, long lines, hostile metadata. */
function structuralFile(random: Random): HostileInput {
  const file = (name: string, text: string, kind: string): HostileInput => ({
    via: 'file',
    family: `structure: ${kind}`,
    name,
    bytes: Buffer.from(text),
  });
  const key = pick(random, ['__proto__', 'constructor', 'prototype']);
  switch (int(random, 9)) {
    case 0:
      return file(
        'deep.html',
        `<html><body>${'<div>'.repeat(100_000)}deep text${'</div>'.repeat(100_000)}</body></html>`,
        'deep html',
      );
    case 1:
      return file(
        'ld.html',
        `<html><head><title>x</title><script type="application/ld+json">{"${key}": {"polluted": "yes"}, "headline": "h", "author": {"${key}": {"polluted": 1}}}</script></head><body><p>Body text here.</p></body></html>`,
        'json-ld keys',
      );
    case 2:
      return file(
        'front.md',
        `---\n${key}: polluted\ntitle: Front\n${key}:\n  polluted: yes\n---\n# Front\n\nBody.\n`,
        'front matter keys',
      );
    case 3:
      return file('quotes.md', `${'> '.repeat(20_000)}deep\n`, 'deep blockquote');
    case 4:
      return file(
        'lists.md',
        Array.from({ length: 2000 }, (_, index) => `${'  '.repeat(index)}- item ${index}`).join('\n'),
        'deep list',
      );
    case 5:
      return file('long.txt', `Title: ${'T'.repeat(200_000)}\n\n${'word '.repeat(400_000)}`, 'long fields');
    case 6:
      return file(
        'attrs.html',
        `<html><head><meta name="author" content="${'a'.repeat(1_000_000)}"><title>${'t'.repeat(100_000)}</title></head><body><p ${'x="y" '.repeat(50_000)}>text</p></body></html>`,
        'huge attributes',
      );
    case 7:
      return file(
        'refs.md',
        `${Array.from({ length: 20_000 }, (_, index) => `[r${index}]: http://x/${index}`).join('\n')}\n\n${'[a][r1] '.repeat(20_000)}`,
        'link references',
      );
    default:
      return {
        via: 'file',
        family: 'structure: control characters',
        name: 'nul.txt',
        bytes: Buffer.concat([
          Buffer.from('Title: a\u0000b\n\n'),
          Buffer.alloc(5000, 0),
          Buffer.from('\u202e\u200b text \ud800'),
        ]),
      };
  }
}

const PATH_NAMES = [
  '../../../etc/passwd',
  '/etc/shadow',
  'C:\\Windows\\System32\\x',
  '..\\..\\x',
  'a\u0000b',
  '....//....//x',
  'CON',
  'x/'.repeat(500),
  '\u202egnp.exe',
  ' ',
  '.hidden',
  'ok',
];

/** A valid file or bundle given a path-like name. */
function pathLikeName(random: Random, seeds: Seeds): HostileInput {
  const seed = pick(random, seeds.files);
  const extension = seed.name.slice(seed.name.lastIndexOf('.'));
  return {
    via: 'file',
    family: 'path-like name',
    name: `${pick(random, PATH_NAMES)}${random() < 0.8 ? extension : ''}`,
    bytes: seed.bytes,
  };
}

/** Bundles: forbidden keys, oversized fields, path-like keys and names, broken structure. */
function hostileBundle(random: Random, seeds: Seeds): HostileInput {
  const bundle = (bytes: Buffer, kind: string): HostileInput => ({
    via: 'bundle',
    family: `bundle: ${kind}`,
    name: `${pick(random, PATH_NAMES)}.bbundle`,
    bytes,
  });
  const body = structuredClone(seeds.bundle) as BundleBody & Record<string, unknown>;
  const sealed = () => serialiseBundle(sealBundle(body));
  const key = pick(random, ['__proto__', 'constructor', 'prototype', '\\u005f_proto__', '__pro\\u0074o__']);
  switch (int(random, 8)) {
    case 0: {
      // A forbidden key spliced into the JSON text at a random object.
      const text = sealed().toString('utf8');
      const openings = [...text.matchAll(/\{/g)].map((match) => match.index);
      const at = (openings[int(random, openings.length)] ?? 0) + 1;
      return bundle(
        Buffer.from(`${text.slice(0, at)}"${key}": {"polluted": true, "isAdmin": true}, ${text.slice(at)}`),
        'forbidden key',
      );
    }
    case 1: {
      const field = pick(random, ['title', 'text', 'quote', 'note', 'name', 'tag', 'count']);
      const big = 'x'.repeat(pick(random, [1001, 20_001, 1_000_001]));
      const document = body.documents[0];
      const excerpt = body.excerpts[0];
      if (document === undefined || excerpt === undefined) throw new Error('seed bundle without content');
      if (field === 'title') Object.assign(document, { title: big });
      else if (field === 'text') Object.assign(document, { text: big, textSha256: sha256Hex(big) });
      else if (field === 'quote') Object.assign(excerpt, { quote: big });
      else if (field === 'note') Object.assign(excerpt, { note: big });
      else if (field === 'name') Object.assign(body.collection, { name: big });
      else if (field === 'tag') Object.assign(excerpt, { tags: [big.slice(0, 65)] });
      else Object.assign(body, { excerpts: Array.from({ length: 10_001 }, () => excerpt) });
      return bundle(sealed(), `oversized ${field}`);
    }
    case 2: {
      // Path-like keys (refused by the schema) or titles and names (only text: imported as such).
      const name = pick(random, PATH_NAMES);
      const document = body.documents[0];
      const excerpt = body.excerpts[0];
      if (document === undefined || excerpt === undefined) throw new Error('seed bundle without content');
      if (random() < 0.5) {
        Object.assign(document, { key: name });
        Object.assign(excerpt, { documentKey: name });
      } else {
        Object.assign(document, { title: name.trim() === '' ? 'x' : name });
        Object.assign(body.collection, { name: name.trim() === '' ? 'x' : name.slice(0, 200) });
      }
      return bundle(sealed(), 'path-like names');
    }
    case 3:
      return bundle(mutate(random, sealed()), 'mutated');
    case 4:
      return bundle(sealed(), 'valid');
    case 5: {
      // Numbers where offsets belong, and offsets that point elsewhere, with a recomputed seal.
      const excerpt = body.excerpts[0];
      if (excerpt === undefined) throw new Error('seed bundle without content');
      Object.assign(
        excerpt,
        pick(random, [
          { start: -1 },
          { end: 1e12 },
          { start: 1.5 },
          { start: 0, end: 3 },
          { position: 5 },
          { page: 0 },
        ]),
      );
      return bundle(sealed(), 'bad offsets');
    }
    case 6:
      return bundle(Buffer.from(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`), 'deep nesting');
    default:
      return bundle(randomBytes(random, int(random, 2048)), 'random bytes');
  }
}

/** The next hostile input: a weighted mix of every family. */
export function nextInput(random: Random, seeds: Seeds): HostileInput {
  const roll = random();
  if (roll < 0.25) return randomFile(random);
  if (roll < 0.55) return mutatedFile(random, seeds);
  if (roll < 0.62) return zipBomb(random);
  if (roll < 0.72) return badPdf(random, seeds);
  if (roll < 0.8) return structuralFile(random);
  if (roll < 0.86) return pathLikeName(random, seeds);
  return hostileBundle(random, seeds);
}
