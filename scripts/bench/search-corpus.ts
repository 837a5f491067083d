import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { buildText } from '../../src/core/corpus/normalise';
import type { RawBlock } from '../../src/core/corpus/imported-document';
import { selectorAt, snapToWords } from '../../src/core/excerpts/anchor';
import { insertBlocks } from '../../src/core/store/blocks';
import { insertDocument } from '../../src/core/store/documents';
import { insertExcerpts, type NewExcerpt } from '../../src/core/store/excerpts';
import { MIGRATIONS } from '../../src/core/store/migrations';
import { openStore } from '../../src/core/store/open';
import { addExcerptTags, insertTag } from '../../src/core/store/tags';
import { seededRandom } from '../../src/core/testing/random';
import { BENCH_TAGS } from './corpus-generator';

/** Bump when the generated text or schema of the cached library changes, so old caches are not reused. */
export const SEARCH_CORPUS_VERSION = 1;
const SYNTHETIC_WORDS = 80_000;
const DOCUMENTS_PER_TRANSACTION = 1000;
/** Two excerpts per ten documents, so excerpt search has data. */
const DOCUMENTS_PER_EXCERPT = 5;

/** The most frequent English words first: function words, then the vocabulary of news analysis. */
const FUNCTION_WORDS = (
  'the of and to a in that is for it on was with as by he be at from this are have his an but not ' +
  'they which or had has its were their been one more will would who also after there all she new ' +
  'than other into two over about when can her said could what we some first them most only so ' +
  'these out years while since against up those between under before during however both because'
).split(' ');
const CONTENT_WORDS = (
  'government minister ministry officials agreement shipping insurance grain exports port security ' +
  'naval patrols sanctions pipeline electricity interconnector investment sovereign fund concession ' +
  'mining lithium cobalt parliament coalition election ceasefire negotiations delegation border ' +
  'customs tariff inflation currency reserves remittances banks deposits creditors bonds analysts ' +
  'warned risks remain elevated markets priced gradual recovery coming months according diplomats ' +
  'familiar talks proposal faces opposition regional rivals president prime budget deficit debt ' +
  'growth economy trade talks military forces troops conflict refugees humanitarian aid health ' +
  'ministers summit treaty alliance defence strategy energy oil gas prices supply demand production ' +
  'capacity infrastructure railway corridor harbour terminal cargo vessels tanker freight route ' +
  'strait canal insurers premiums war risk coverage underwriters claims losses court ruling judges ' +
  'constitution reform protests opposition leader party voters polls campaign candidate turnout ' +
  'ballots commission report survey data figures percent quarter annual statement spokesman ' +
  'spokeswoman embassy ambassador foreign affairs council resolution veto envoy mediation dialogue ' +
  'region province capital city villages farmers harvest wheat maize fertiliser drought flooding ' +
  'climate emissions carbon renewable solar wind turbines grid outages blackout subsidies taxes ' +
  'revenue spending austerity lenders loan restructuring default rating agency outlook investors ' +
  'shares exchange stocks index central bank interest rates policy monetary fiscal unemployment ' +
  'wages workers unions strike industry factories manufacturing steel aluminium copper gold ' +
  'exports imports shortages queues fuel diesel petrol smuggling corruption investigation arrest ' +
  'prosecutors charges trial verdict prison sentence police officers security services intelligence ' +
  'cyber attack hackers network telecoms satellite drones missiles air defence navy coastguard ' +
  'fishing waters dispute sovereignty islands maritime boundary arbitration tribunal neighbours ' +
  'cooperation partnership memorandum framework roadmap timeline deadline implementation monitoring'
).split(' ');
const CYRILLIC_FUNCTION = 'и в не на что с по это как он к но из за от о для же мы было так'.split(' ');
const CYRILLIC_CONTENT = (
  'правительство министерство соглашение санкции экспорт зерно порт безопасность выборы парламент ' +
  'граница переговоры нефть газ цены рынок банк инфляция долг бюджет'
).split(' ');
const ARABIC_FUNCTION = 'في من على إلى أن هذا التي الذي عن مع كان قد ما لا هذه بين'.split(' ');
const ARABIC_CONTENT = (
  'الحكومة الوزارة الاتفاق العقوبات الصادرات الحبوب الميناء الأمن الانتخابات البرلمان الحدود ' +
  'المفاوضات النفط الغاز الأسعار السوق البنك التضخم الدين الميزانية'
).split(' ');

const FIRST_NAMES = (
  'Helena Daniel Amira Łukasz Ştefan Søren Maria Jonas Fatima Pedro Yuki Ingrid Omar Chloé Mateo ' +
  'Aylin Nikolai Grace Tomás Leila'
).split(' ');
const LAST_NAMES = (
  'Marchetti Okafor-Reid Castellane Wójcik Mărgineanu Kjærgaard Lindqvist Haddad Moreno Tanaka ' +
  'Brennan Osei Novak Dubois Álvarez Petrov'
).split(' ');
const OUTLET_FIRST =
  'Meridian Harbourline Northern Danube Polar Atlas Coastal Frontier Capital Eastern'.split(' ');
const OUTLET_LAST = 'Review Weekly Ledger Dispatch Brief Monitor Observer Chronicle'.split(' ');
export const SEARCH_TAGS = [...BENCH_TAGS, 'follow up', 'quote', 'background', 'disputed'];

export type Vocabulary = Readonly<{
  /** Word types by frequency rank (rank 1 first). */
  words: readonly string[];
  /** Cumulative Zipf weights, for sampling a rank. */
  cumulative: Float64Array;
}>;

export type SearchVocabularies = Readonly<{ latin: Vocabulary; cyrillic: Vocabulary; arabic: Vocabulary }>;

/** Pronounceable invented words from consonant-vowel syllables, in the given script's letters. */
function syntheticWords(random: () => number, count: number, consonants: string[], vowels: string[]) {
  const words = new Set<string>();
  const pick = (list: readonly string[]): string => list[Math.floor(random() * list.length)] ?? '';
  while (words.size < count) {
    const syllables = 2 + Math.floor(random() * 3);
    let word = '';
    for (let index = 0; index < syllables; index += 1) word += pick(consonants) + pick(vowels);
    if (random() < 0.3) word += pick(consonants);
    words.add(word);
  }
  return [...words];
}

/** Zipf weights 1/rank^s over the words as given. */
function zipf(words: readonly string[], exponent = 1): Vocabulary {
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let rank = 0; rank < words.length; rank += 1) {
    total += 1 / (rank + 1) ** exponent;
    cumulative[rank] = total;
  }
  return { words, cumulative };
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}

export function searchVocabularies(): SearchVocabularies {
  const random = seededRandom(51);
  const latin = syntheticWords(
    random,
    SYNTHETIC_WORDS,
    [...'bcdfghklmnprstvz', 'br', 'tr', 'st', 'ch'],
    [...'aeiou', 'ai', 'ou'],
  );
  const cyrillic = syntheticWords(random, 5000, [...'бвгдзклмнпрстфх'], [...'аеиоуя']);
  const arabic = syntheticWords(random, 5000, [...'بتجدرسطعفقكلمنه'], [...'اوي']);
  return {
    latin: zipf(unique([...FUNCTION_WORDS, ...CONTENT_WORDS, ...latin])),
    cyrillic: zipf(unique([...CYRILLIC_FUNCTION, ...CYRILLIC_CONTENT, ...cyrillic])),
    arabic: zipf(unique([...ARABIC_FUNCTION, ...ARABIC_CONTENT, ...arabic])),
  };
}

/** A Zipf-distributed rank (0-based), found by binary search over the cumulative weights. */
export function sampleRank(vocabulary: Vocabulary, random: () => number): number {
  const { cumulative } = vocabulary;
  const target = random() * (cumulative[cumulative.length - 1] ?? 0);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cumulative[middle] ?? 0) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function sampleWord(vocabulary: Vocabulary, random: () => number): string {
  return vocabulary.words[sampleRank(vocabulary, random)] ?? '';
}

export const FUNCTION_WORD_COUNT = FUNCTION_WORDS.length;
export const ENGLISH_WORD_COUNT = FUNCTION_WORDS.length + CONTENT_WORDS.length;

type SearchArticle = Readonly<{
  title: string;
  author: string;
  outlet: string;
  date: string;
  language: 'en' | 'ru' | 'ar';
  blocks: RawBlock[];
}>;

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Words that are not among the most common function words (for titles and headings). */
function contentWord(vocabulary: Vocabulary, random: () => number): string {
  for (;;) {
    const rank = sampleRank(vocabulary, random);
    if (rank >= 40) return vocabulary.words[rank] ?? '';
  }
}

function paragraph(vocabulary: Vocabulary, random: () => number, length: number): string {
  const sentences: string[] = [];
  let left = length;
  while (left > 0) {
    const size = Math.min(left, 8 + Math.floor(random() * 17));
    const words: string[] = [];
    for (let index = 0; index < size; index += 1) {
      const word = sampleWord(vocabulary, random);
      words.push(index > 0 && index < size - 1 && random() < 0.06 ? `${word},` : word);
    }
    words[0] = capitalise(words[0] ?? '');
    sentences.push(`${words.join(' ')}.`);
    left -= size;
  }
  return sentences.join(' ');
}

/**
 * A news-like article of 1,000-1,400 words: paragraphs of 40-140 words with a heading every few
 * paragraphs. About 2% are Russian and 1.5% Arabic (their own vocabularies).
 */
export function generateSearchArticle(
  vocabularies: SearchVocabularies,
  random: () => number,
  index: number,
): SearchArticle {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const script = random();
  const language = script < 0.02 ? 'ru' : script < 0.035 ? 'ar' : 'en';
  const vocabulary =
    language === 'ru' ? vocabularies.cyrillic : language === 'ar' ? vocabularies.arabic : vocabularies.latin;
  const titleWords = Array.from({ length: 4 + Math.floor(random() * 7) }, () =>
    contentWord(vocabulary, random),
  );
  const blocks: RawBlock[] = [];
  const words = 1000 + Math.floor(random() * 400);
  let total = 0;
  let sinceHeading = 0;
  while (total < words) {
    if (sinceHeading >= 3 && random() < 0.4) {
      const heading = Array.from({ length: 3 + Math.floor(random() * 4) }, () =>
        contentWord(vocabulary, random),
      );
      blocks.push({ kind: 'heading', level: 2, text: capitalise(heading.join(' ')) });
      sinceHeading = 0;
    }
    const length = 40 + Math.floor(random() * 101);
    blocks.push({ kind: 'paragraph', level: 0, text: paragraph(vocabulary, random, length) });
    total += length;
    sinceHeading += 1;
  }
  // Recent years hold more of the library, as in a working archive.
  const day = Math.floor(random() ** 0.7 * 3800);
  const date = new Date(Date.UTC(2026, 2, 31) - day * 86_400_000).toISOString().slice(0, 10);
  return {
    title: `${capitalise(titleWords.join(' '))} (${index})`,
    author: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
    outlet: `${language === 'en' ? 'The ' : ''}${pick(OUTLET_FIRST)} ${pick(OUTLET_LAST)}`,
    date,
    language,
    blocks,
  };
}

function sha256(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Stores a generated article as an imported text document with its blocks; returns its text and hash. */
export function insertGeneratedArticle(
  db: Database.Database,
  article: ReturnType<typeof generateSearchArticle>,
  where: Readonly<{ id: string; url: string; importedAt: string }>,
): ReturnType<typeof buildText> & { textSha256: string } {
  const built = buildText(article.blocks);
  const bytes = Buffer.from(built.text);
  const textSha256 = sha256(built.text);
  insertDocument(db, {
    id: where.id,
    title: article.title,
    author: article.author,
    outlet: article.outlet,
    publishedAt: article.date,
    url: where.url,
    language: article.language,
    direction: article.language === 'ar' ? 'rtl' : 'ltr',
    format: 'txt',
    sourceName: `${where.id}.txt`,
    text: built.text,
    textSha256,
    originalSha256: sha256(bytes),
    originalBytes: bytes,
    importedAt: where.importedAt,
    previousVersionId: null,
  });
  insertBlocks(db, where.id, built.text, built.blocks);
  return { ...built, textSha256 };
}

/**
 * Opens a store to seed, with durability off until it is closed (seeding is setup, not a measured
 * figure), and adds the search tags: the time base of the generated rows and the tags' ids.
 */
export function openSeedStore(dataDir: string): { db: Database.Database; base: number; tagIds: number[] } {
  const db = openStore({ dataDir });
  // Seeding is setup, not a measured figure: durability can wait until the end.
  db.pragma('synchronous = OFF');
  const base = Date.parse('2026-04-01T00:00:00Z');
  const tagIds = db.transaction(() =>
    SEARCH_TAGS.map((name) => insertTag(db, name, new Date(base).toISOString())),
  )();
  return { db, base, tagIds };
}

function seedLibrary(dataDir: string, documentCount: number, vocabularies: SearchVocabularies): void {
  const random = seededRandom(1000 + documentCount);
  const { db, base, tagIds } = openSeedStore(dataDir);
  let excerptIndex = 0;
  for (let first = 0; first < documentCount; first += DOCUMENTS_PER_TRANSACTION) {
    db.transaction(() => {
      const last = Math.min(documentCount, first + DOCUMENTS_PER_TRANSACTION);
      for (let index = first; index < last; index += 1) {
        const article = generateSearchArticle(vocabularies, random, index);
        const id = documentId(index);
        const importedAt = new Date(base + index * 1000).toISOString();
        const built = insertGeneratedArticle(db, article, {
          id,
          url: `https://bench.example/search/${index}`,
          importedAt,
        });
        if (index % DOCUMENTS_PER_EXCERPT !== 0) continue;
        const excerpts: NewExcerpt[] = [];
        for (let n = 0; n < 1; n += 1) {
          const from = Math.floor(random() * Math.max(1, built.text.length - 400));
          const range = snapToWords(built.text, from, from + 60 + Math.floor(random() * 300));
          if (range.end <= range.start) continue;
          excerpts.push({
            id: `exc_search${String(excerptIndex).padStart(7, '0')}`,
            documentId: id,
            documentTextSha256: built.textSha256,
            ...selectorAt(built.text, range.start, range.end),
            start: range.start,
            end: range.end,
            note: random() < 0.3 ? paragraph(vocabularies.latin, random, 6 + Math.floor(random() * 20)) : '',
            createdAt: importedAt,
            updatedAt: importedAt,
          });
          excerptIndex += 1;
        }
        insertExcerpts(db, excerpts);
        for (const excerpt of excerpts) {
          const tags = Math.floor(random() * 4);
          const chosen = Array.from(
            { length: tags },
            () => tagIds[Math.floor(random() * tagIds.length)] ?? 0,
          );
          addExcerptTags(db, excerpt.id, [...new Set(chosen)]);
        }
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

export type CachedLibrary = Readonly<{
  dataDir: string;
  documents: number;
  cached: boolean;
  /** Seconds spent generating and seeding (0 when the cache was reused). */
  seedSeconds: number;
}>;

type Manifest = { version: number; documents: number; seedSeconds: number };

/**
 * A library of `documentCount` generated documents in os.tmpdir(), reused across runs when its
 * generator version and size match (it is built in a side directory and renamed when complete).
 */
export function cachedSearchLibrary(documentCount: number, vocabularies: SearchVocabularies): CachedLibrary {
  // The schema is part of the key: a library built before a migration changed is never reused.
  const schema = createHash('sha256')
    .update(MIGRATIONS.map((migration) => migration.sql).join('\n'))
    .digest('hex')
    .slice(0, 8);
  const dataDir = join(
    tmpdir(),
    `briefing-builder-bench-search-v${SEARCH_CORPUS_VERSION}-${schema}-${documentCount}`,
  );
  const manifestFile = join(dataDir, 'bench-manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (manifest.version === SEARCH_CORPUS_VERSION && manifest.documents === documentCount) {
      return { dataDir, documents: documentCount, cached: true, seedSeconds: manifest.seedSeconds };
    }
  }
  const building = `${dataDir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  seedLibrary(building, documentCount, vocabularies);
  const seedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const manifest: Manifest = { version: SEARCH_CORPUS_VERSION, documents: documentCount, seedSeconds };
  writeFileSync(join(building, 'bench-manifest.json'), JSON.stringify(manifest));
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(building, dataDir);
  return { dataDir, documents: documentCount, cached: false, seedSeconds };
}

export function documentId(index: number): string {
  return `doc_search${String(index).padStart(6, '0')}`;
}

/** Text of the index-th generated document (for phrases taken from real generated text). */
export function documentTextAt(db: Database.Database, index: number): string {
  const row = db.prepare('SELECT text FROM documents WHERE id = ?').get(documentId(index)) as
    { text: string } | undefined;
  return row?.text ?? '';
}
