import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/random';
import { randomQuery } from '../testing/random-query';
import { parseQuery } from './query';

const RUNS = 100_000;

describe('parseQuery property', () => {
  it('never throws, always returns the shape, and its MATCH always runs in FTS5', () => {
    const db = new Database(':memory:');
    // The tokenizer the library's index uses (migration 004).
    db.exec(
      "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2 categories ''L* N* Co M*''')",
    );
    const insert = db.prepare('INSERT INTO t(body) VALUES (?)');
    for (const body of [
      'war-risk shipping in the Red Sea',
      'Красное море',
      'البحر الأحمر',
      '紅海 航運',
      'or and not',
    ])
      insert.run(body);
    const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM t WHERE t MATCH ?');

    const random = seededRandom(20240229);
    let searched = 0;
    try {
      for (let run = 0; run < RUNS; run += 1) {
        const input = randomQuery(random);
        let parsed: ReturnType<typeof parseQuery>;
        try {
          parsed = parseQuery(input);
        } catch (error) {
          throw new Error(`parseQuery threw for ${JSON.stringify(input)}: ${String(error)}`, {
            cause: error,
          });
        }
        const ok =
          (parsed.match === null || typeof parsed.match === 'string') &&
          typeof parsed.filters === 'object' &&
          Array.isArray(parsed.terms) &&
          parsed.terms.every((term) => typeof term === 'string' && term !== '');
        if (!ok) expect.fail(`bad shape for ${JSON.stringify(input)}: ${JSON.stringify(parsed)}`);
        if (parsed.match === null) {
          if (parsed.terms.length > 0) expect.fail(`terms without match for ${JSON.stringify(input)}`);
          continue;
        }
        try {
          count.get(parsed.match);
        } catch (error) {
          throw new Error(
            `FTS5 rejected ${JSON.stringify(parsed.match)} from ${JSON.stringify(input)}: ${String(error)}`,
            { cause: error },
          );
        }
        searched += 1;
      }
    } finally {
      db.close();
    }
    // The generator must actually exercise FTS5, not just produce empty queries.
    expect(searched).toBeGreaterThan(RUNS / 2);
  });
});
