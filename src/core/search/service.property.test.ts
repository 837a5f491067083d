import { describe, expect, it } from 'vitest';
import { createTempCore } from '../testing/temp-core';
import { seededRandom } from '../testing/random';
import { randomQuery } from '../testing/random-query';
import { search, searchFacets } from './service';

const RUNS = 20_000;

describe('search property', () => {
  it('answers every random query through the real index without an error, and marks real text', async () => {
    const core = createTempCore();
    try {
      for (const [name, text] of [
        ['a.md', '# War-risk shipping\n\nShipping in the Red Sea; or and not NEAR.\n'],
        ['b.txt', 'Title: Красное море\n\nКрасное море и البحر الأحمر 2024.\n'],
        ['c.md', '# 紅海\n\n紅海 航運 😀 🚢 café naïve\n'],
      ] as const) {
        await core.handlers.importFileBytes({ name, dataBase64: Buffer.from(text).toString('base64') });
      }
      const random = seededRandom(1127);
      let searched = 0;
      for (let run = 0; run < RUNS; run += 1) {
        const query = randomQuery(random);
        const typeahead = run % 2 === 0;
        let results: ReturnType<typeof search>;
        try {
          results = search(core.db, { query, typeahead });
          if (run % 10 === 0) searchFacets(core.db, { query, typeahead });
        } catch (error) {
          throw new Error(`search threw for ${JSON.stringify(query)}: ${String(error)}`, { cause: error });
        }
        if (results.searched) searched += 1;
        for (const document of results.documents) {
          for (const hit of document.hits) {
            for (const [start, end] of hit.snippet.highlights) {
              expect(start).toBeLessThan(end);
              expect(end).toBeLessThanOrEqual(hit.snippet.text.length);
            }
          }
        }
      }
      expect(searched).toBeGreaterThan(RUNS / 4);
    } finally {
      core.dispose();
    }
  }, 120_000);
});
