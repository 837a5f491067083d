import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchRequest } from '../../shared/dto';
import { importMarkdown } from '../testing/import-markdown';
import { createTempCore, type TempCore } from '../testing/temp-core';
import {
  documentPage,
  documentRankingParts,
  mergeDocumentParts,
  rankDocumentPart,
  searchDocuments,
  type KeyRange,
} from './service';

const WORDS = ['grain', 'shipping', 'insurance', 'ports', 'convoy', 'ministry', 'tariff', 'harbour'];

/**
 * A document built from a few words, so that many match a query of two words. Documents with the
 * same `pattern` differ only in their title's number, so that their scores tie and the key decides
 * their order.
 */
function markdown(index: number, pattern: number): string {
  const words = WORDS.filter((_, at) => (pattern >> (at % 4)) % 2 === 1 || (pattern + at) % 3 === 0);
  const repeated = words.map((word, at) => `${word} `.repeat(1 + ((pattern + at) % 3))).join('');
  return `# Report ${String(index)}\n\n${repeated}and other matters.\n`;
}

const REQUESTS: SearchRequest[] = [
  { query: 'grain shipping' },
  { query: 'grain shipping', limit: 3 },
  { query: 'grain shipping', offset: 4, limit: 5 },
  { query: 'gra', typeahead: true },
  { query: 'ins', typeahead: true, offset: 2, limit: 7 },
  { query: 'insurance OR convoy' },
  { query: 'ports -tariff' },
  { query: 'in:documents ministry harbour' },
  { query: 'report tariff', limit: 200 },
  { query: 'nothingmatchesthis either' },
];

let core: TempCore;

beforeAll(async () => {
  core = createTempCore();
  for (let index = 0; index < 70; index += 1) {
    await importMarkdown(core.handlers, `report-${String(index)}.md`, markdown(index, index % 16));
  }
});

afterAll(() => core.dispose());

describe('ranking the documents of a search in parts', () => {
  it('gives the page and total of the whole ranking, wherever the parts divide the keys', () => {
    const keys = (
      core.db.prepare('SELECT key FROM document_search ORDER BY key').pluck().all() as number[]
    ).map(Number);
    const lowest = keys[0] ?? 0;
    const highest = keys.at(-1) ?? 0;
    for (const request of REQUESTS) {
      const whole = searchDocuments(core.db, request);
      const parts = documentRankingParts(core.db, request);
      expect(parts, request.query).not.toBeNull();
      // The split the search uses, then every other place the keys could be divided.
      const splits = [
        parts?.[0].last ?? 0,
        ...Array.from({ length: highest - lowest + 2 }, (_, at) => lowest - 1 + at),
      ];
      for (const split of splits) {
        const ranges: KeyRange[] = [
          { first: Number.MIN_SAFE_INTEGER, last: split },
          { first: split + 1, last: Number.MAX_SAFE_INTEGER },
        ];
        const merged = mergeDocumentParts(
          request,
          ranges.map((range) => rankDocumentPart(core.db, request, range)),
        );
        expect(documentPage(core.db, request, merged), `${request.query} split at ${String(split)}`).toEqual(
          whole,
        );
      }
    }
    expect(searchDocuments(core.db, { query: 'grain shipping' }).documentTotal).toBeGreaterThan(20);
  });

  it('splits at the middle key and leaves no key out', () => {
    const parts = documentRankingParts(core.db, { query: 'grain shipping' });
    const { low, high } = core.db
      .prepare('SELECT min(key) AS low, max(key) AS high FROM document_search')
      .get() as {
      low: number;
      high: number;
    };
    expect(parts).toEqual([
      { first: Number.MIN_SAFE_INTEGER, last: Math.floor((low + high) / 2) },
      { first: Math.floor((low + high) / 2) + 1, last: Number.MAX_SAFE_INTEGER },
    ]);
  });

  it('ranks whole what parts cannot rank as well or better', () => {
    for (const request of [
      // One word (the broad-word ranking needs the whole library) and one phrase.
      { query: 'grain' },
      { query: '"grain shipping"' },
      // Filters, a date order, excerpts only, nothing to search, and a page far down.
      { query: 'author:someone grain shipping' },
      { query: 'grain shipping after:2020-01-01' },
      { query: 'grain shipping', sort: 'date' },
      { query: 'in:excerpts grain shipping' },
      { query: '-grain' },
      { query: 'grain shipping', offset: 990, limit: 20 },
    ] satisfies SearchRequest[]) {
      expect(documentRankingParts(core.db, request), request.query).toBeNull();
    }
  });
});
