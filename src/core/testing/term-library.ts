import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { RawBlock } from '../corpus/imported-document';
import { buildText } from '../corpus/normalise';
import { insertBlocks } from '../store/blocks';
import { insertDocument } from '../store/documents';
import { seededRandom } from './random';

/** Invented filler words: none is a stem of another, none an English word. */
const FILLER = Array.from({ length: 240 }, (_, index) => {
  const consonants = 'bdfgklmnprstvz';
  const vowels = 'aeiou';
  const at = (source: string, value: number) => source[value % source.length] ?? 'a';
  return `${at(consonants, index)}${at(vowels, index >> 1)}${at(consonants, index >> 3)}${at(vowels, index >> 4)}${at(consonants, index >> 5)}o`;
});

export type TermLibraryOptions = Readonly<{
  documents: number;
  seed?: number;
  /** Words per document, lowest and highest. */
  words?: readonly [number, number];
}>;

/**
 * Stores `documents` generated documents for ranking tests: "the" at a density that varies by
 * document (1-18 % of the body) and sometimes in the title or a heading; "of" at 1-6 %; "rare"
 * once or twice in about half; every 40th document repeats the one before (the same scores, so the
 * key decides); the rest invented filler words. Returns the document ids in insertion order.
 */
export function seedTermLibrary(db: Database.Database, options: TermLibraryOptions): string[] {
  const random = seededRandom(options.seed ?? 5);
  const [fewest, most] = options.words ?? [40, 500];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const ids: string[] = [];
  let previous: { title: string; blocks: RawBlock[] } | null = null;
  db.transaction(() => {
    for (let index = 0; index < options.documents; index += 1) {
      let article: { title: string; blocks: RawBlock[] };
      if (previous !== null && index % 40 === 39) {
        article = { title: previous.title.replace(/\(\d+\)$/u, `(${index})`), blocks: previous.blocks };
      } else {
        const theDensity = 0.01 + random() * 0.17;
        const ofDensity = 0.01 + random() * 0.05;
        const rare = random() < 0.5 ? 1 + Math.floor(random() * 2) : 0;
        const word = () => {
          const roll = random();
          return roll < theDensity ? 'the' : roll < theDensity + ofDensity ? 'of' : pick(FILLER);
        };
        const blocks: RawBlock[] = [];
        const length = fewest + Math.floor(random() * (most - fewest + 1));
        let written = 0;
        while (written < length) {
          if (random() < 0.25) {
            const heading = [random() < 0.15 ? 'The' : pick(FILLER), pick(FILLER), pick(FILLER)];
            blocks.push({ kind: 'heading', level: 2, text: heading.join(' ') });
          }
          const size = Math.min(length - written, 10 + Math.floor(random() * 50));
          const words = Array.from({ length: size }, word);
          blocks.push({ kind: 'paragraph', level: 0, text: `${words.join(' ')}.` });
          written += size;
        }
        for (let count = 0; count < rare; count += 1) {
          blocks.push({ kind: 'paragraph', level: 0, text: `A rare ${pick(FILLER)} note.` });
        }
        const titleWords = [pick(FILLER), pick(FILLER), random() < 0.1 ? 'the' : pick(FILLER)];
        article = { title: `${titleWords.join(' ')} (${index})`, blocks };
      }
      previous = article;
      const id = `doc_terms${String(index).padStart(5, '0')}`;
      const built = buildText(article.blocks);
      const hash = createHash('sha256').update(built.text).digest('hex');
      insertDocument(db, {
        id,
        title: article.title,
        author: null,
        outlet: null,
        publishedAt: null,
        url: null,
        language: 'en',
        direction: 'ltr',
        format: 'txt',
        sourceName: `${id}.txt`,
        text: built.text,
        textSha256: hash,
        // The original bytes name the document: repeated texts are still separate files.
        originalSha256: createHash('sha256').update(`${id}\n${built.text}`).digest('hex'),
        originalBytes: Buffer.from(`${id}\n${built.text}`),
        importedAt: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
        previousVersionId: null,
      });
      insertBlocks(db, id, built.text, built.blocks);
      ids.push(id);
    }
  })();
  return ids;
}
