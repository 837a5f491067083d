import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawBlock } from '../../src/core/corpus/imported-document';
import { selectorAt, snapToWords } from '../../src/core/excerpts/anchor';
import { insertCollection, insertCollectionItem } from '../../src/core/store/collections';
import { insertExcerpts, type NewExcerpt } from '../../src/core/store/excerpts';
import { MIGRATIONS } from '../../src/core/store/migrations';
import { addExcerptTags } from '../../src/core/store/tags';
import { seededRandom } from '../../src/core/testing/random';
import { createHeadlessCore } from '../../src/core/testing/temp-core';
import { addBenchBlocks } from './bench-briefing';
import {
  generateSearchArticle,
  insertGeneratedArticle,
  searchVocabularies,
  openSeedStore,
  type SearchVocabularies,
} from './search-corpus';

/** Bump when the generated content changes, so an older cached library is not reused. */
export const SCALE_CORPUS_VERSION = 1;
const DOCUMENTS_PER_TRANSACTION = 500;
/** Excerpts on each ordinary document; the long document has LONG_DOCUMENT_EXCERPTS. */
const EXCERPTS_PER_DOCUMENT = 4;
export const LONG_DOCUMENT_EXCERPTS = 1000;
export const LONG_DOCUMENT_TITLE = 'Scale: a 20,000-word report with 1,000 excerpts';
export const BIG_BRIEFING_TITLE = 'Scale: a 300-block briefing';
export const SMALL_BRIEFING_TITLE = 'Scale: a short briefing';
export const BIG_COLLECTION_NAME = 'Scale: 2,000 excerpts';
export const BIG_BRIEFING_BLOCKS = 300;
const BIG_COLLECTION_SIZE = 2000;
const SMALL_COLLECTIONS = 40;
const SMALL_COLLECTION_SIZE = 25;
const EXTRA_BRIEFINGS = 200;

export type ScaleShape = Readonly<{
  documents: number;
  excerpts: number;
  collections: number;
  briefings: number;
}>;

/**
 * How many excerpts document `index` gets so the library holds exactly `excerptsWanted`: the long
 * document (index 0) its 1,000, then 4 each until the total is reached.
 */
function excerptsFor(index: number, excerptsWanted: number): number {
  if (index === 0) return Math.min(LONG_DOCUMENT_EXCERPTS, excerptsWanted);
  const left = excerptsWanted - LONG_DOCUMENT_EXCERPTS - (index - 1) * EXCERPTS_PER_DOCUMENT;
  return Math.max(0, Math.min(EXCERPTS_PER_DOCUMENT, left));
}

export function scaleDocumentId(index: number): string {
  return `doc_scale${String(index).padStart(6, '0')}`;
}

/** The long document: ~20,000 words in the same generated language as the rest. */
function longArticle(vocabularies: SearchVocabularies, random: () => number) {
  const parts = Array.from({ length: 16 }, (_, index) => generateSearchArticle(vocabularies, random, index));
  const first = parts[0];
  if (first === undefined) throw new Error('no article generated');
  const blocks: RawBlock[] = parts.flatMap((part) => part.blocks);
  return { ...first, language: 'en' as const, title: LONG_DOCUMENT_TITLE, blocks };
}

/**
 * Documents, blocks, excerpts (quote, prefix, suffix and offsets taken from each document's own
 * text), tags and collections, written straight through core's store functions in transactions of
 * 500 documents: the same rows, triggers and full-text index an import and createExcerpt write.
 */
function seedScaleRows(dataDir: string, documentCount: number, excerptCount: number): void {
  const vocabularies = searchVocabularies();
  const random = seededRandom(7000 + documentCount);
  const { db, base, tagIds } = openSeedStore(dataDir);
  let excerptIndex = 0;
  for (let first = 0; first < documentCount; first += DOCUMENTS_PER_TRANSACTION) {
    db.transaction(() => {
      const last = Math.min(documentCount, first + DOCUMENTS_PER_TRANSACTION);
      for (let index = first; index < last; index += 1) {
        const article =
          index === 0
            ? longArticle(vocabularies, random)
            : generateSearchArticle(vocabularies, random, index);
        const id = scaleDocumentId(index);
        // The long document is the newest import, so it heads the library list.
        const importedAt = new Date(base + (index === 0 ? documentCount : index) * 1000).toISOString();
        const built = insertGeneratedArticle(db, article, {
          id,
          url: `https://bench.example/scale/${index}`,
          importedAt,
        });
        const count = excerptsFor(index, excerptCount);
        if (count === 0) continue;
        // Excerpts spread through the text in document order, one per equal slice, never overlapping.
        const slice = Math.floor(built.text.length / count);
        const excerpts: NewExcerpt[] = [];
        for (let n = 0; n < count; n += 1) {
          const from = n * slice + Math.floor(random() * Math.max(1, slice / 3));
          const length = Math.min(slice - (from - n * slice) - 2, 60 + Math.floor(random() * 300));
          const range = snapToWords(built.text, from, from + Math.max(8, length));
          if (range.end <= range.start) throw new Error(`empty excerpt in ${id}`);
          const createdAt = new Date(base + index * 1000 + n).toISOString();
          excerpts.push({
            id: `exc_scale${String(excerptIndex).padStart(7, '0')}`,
            documentId: id,
            documentTextSha256: built.textSha256,
            ...selectorAt(built.text, range.start, range.end),
            start: range.start,
            end: range.end,
            note: random() < 0.2 ? `Note ${excerptIndex}: worth a second look.` : '',
            createdAt,
            updatedAt: createdAt,
          });
          excerptIndex += 1;
        }
        insertExcerpts(db, excerpts);
        for (const excerpt of excerpts) {
          const chosen = Array.from(
            { length: Math.floor(random() * 3) },
            () => tagIds[Math.floor(random() * tagIds.length)] ?? 0,
          );
          addExcerptTags(db, excerpt.id, [...new Set(chosen)]);
        }
      }
    })();
  }
  if (excerptIndex !== excerptCount) {
    throw new Error(`seeded ${excerptIndex} excerpts, wanted ${excerptCount}`);
  }
  // Collections: one of 2,000 excerpts (a long list to scroll) and 40 of 25.
  db.transaction(() => {
    const now = new Date(base).toISOString();
    const collections: { id: string; name: string; size: number }[] = [
      { id: 'col_scale_big', name: BIG_COLLECTION_NAME, size: BIG_COLLECTION_SIZE },
      ...Array.from({ length: SMALL_COLLECTIONS }, (_, index) => ({
        id: `col_scale_${String(index).padStart(3, '0')}`,
        name: `Scale collection ${index + 1}`,
        size: SMALL_COLLECTION_SIZE,
      })),
    ];
    for (const collection of collections) {
      insertCollection(db, { id: collection.id, name: collection.name, description: '', now });
      const chosen = new Set<number>();
      while (chosen.size < collection.size) chosen.add(Math.floor(random() * excerptCount));
      [...chosen].forEach((excerpt, position) =>
        insertCollectionItem(db, {
          collectionId: collection.id,
          excerptId: `exc_scale${String(excerpt).padStart(7, '0')}`,
          position,
        }),
      );
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/**
 * The briefings, made through the API as the app makes them: a 300-block briefing (150 excerpts,
 * 90 two-paragraph commentary blocks, 60 key judgments over the BLUF template's sections), a short
 * one, and 200 more small briefings for the briefings list.
 */
async function seedBriefings(dataDir: string, excerptCount: number): Promise<void> {
  const excerptId = (index: number) => `exc_scale${String(index % excerptCount).padStart(7, '0')}`;
  const core = createHeadlessCore(dataDir);
  try {
    const api = core.handlers;
    const random = seededRandom(300);
    for (let index = 0; index < EXTRA_BRIEFINGS; index += 1) {
      const briefing = await api.createBriefing({ title: `Scale briefing ${index + 1}` });
      await api.addBriefingItem({
        briefingId: briefing.id,
        item: { kind: 'excerpt', excerptId: excerptId(1000 + index * 7) },
      });
    }
    const big = await api.createBriefing({ title: BIG_BRIEFING_TITLE, template: 'bluf' });
    await addBenchBlocks(api, big, BIG_BRIEFING_BLOCKS, random, (index) => excerptId(2000 + index * 613));
    const small = await api.createBriefing({ title: SMALL_BRIEFING_TITLE });
    await api.addBriefingItem({
      briefingId: small.id,
      item: { kind: 'excerpt', excerptId: 'exc_scale0000001' },
    });
    await api.openBriefing({ briefingId: big.id });
    await api.openBriefing({ briefingId: small.id });
  } finally {
    core.close();
  }
}

export type CachedScaleLibrary = Readonly<{
  dataDir: string;
  shape: ScaleShape;
  cached: boolean;
  /** Seconds spent generating and seeding (as recorded when the cache was built). */
  seedSeconds: number;
}>;

type Manifest = { version: number; shape: ScaleShape; seedSeconds: number };

/**
 * A library of `documentCount` documents and `excerptCount` excerpts in os.tmpdir(), reused across
 * runs when its generator version, schema and size match (built in a side folder, renamed when
 * complete, so an interrupted build is never reused).
 */
export async function cachedScaleLibrary(
  documentCount: number,
  excerptCount: number,
): Promise<CachedScaleLibrary> {
  if (excerptCount < LONG_DOCUMENT_EXCERPTS + BIG_COLLECTION_SIZE) {
    throw new Error(`--scale needs at least ${LONG_DOCUMENT_EXCERPTS + BIG_COLLECTION_SIZE} excerpts`);
  }
  if (excerptCount > LONG_DOCUMENT_EXCERPTS + (documentCount - 1) * EXCERPTS_PER_DOCUMENT) {
    throw new Error(`${documentCount} documents hold at most ${EXCERPTS_PER_DOCUMENT} excerpts each`);
  }
  const schema = createHash('sha256')
    .update(MIGRATIONS.map((migration) => migration.sql).join('\n'))
    .digest('hex')
    .slice(0, 8);
  const dataDir = join(
    tmpdir(),
    `briefing-builder-bench-scale-v${SCALE_CORPUS_VERSION}-${schema}-${documentCount}-${excerptCount}`,
  );
  const shape: ScaleShape = {
    documents: documentCount,
    excerpts: excerptCount,
    collections: SMALL_COLLECTIONS + 1,
    briefings: EXTRA_BRIEFINGS + 2,
  };
  const manifestFile = join(dataDir, 'bench-manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (manifest.version === SCALE_CORPUS_VERSION) {
      return { dataDir, shape, cached: true, seedSeconds: manifest.seedSeconds };
    }
  }
  const building = `${dataDir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  seedScaleRows(building, documentCount, excerptCount);
  await seedBriefings(building, excerptCount);
  const seedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const manifest: Manifest = { version: SCALE_CORPUS_VERSION, shape, seedSeconds };
  writeFileSync(join(building, 'bench-manifest.json'), JSON.stringify(manifest));
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(building, dataDir);
  return { dataDir, shape, cached: false, seedSeconds };
}
