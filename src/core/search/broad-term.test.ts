import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBlocks, listBlocksForDocument } from '../store/blocks';
import { countPendingDocumentTerms } from '../store/document-terms';
import { insertDocument } from '../store/documents';
import { openStore } from '../store/open';
import { seedTermLibrary } from '../testing/term-library';
import { BROAD_TERM_MIN_MATCHES, rankBroadTerm, type RankedDocument } from './broad-term';

/** More than the rows rankBroadTerm reads past the page. */
const MANY = 48;
import { search } from './service';

const WEIGHTS = { title: 10, headings: 5, body: 1 } as const;
const PAGES: readonly (readonly [offset: number, limit: number])[] = [
  [0, 20],
  [20, 20],
  [37, 13],
  [0, 200],
];

let dataDir: string;
let db: Database.Database;
let ids: string[];

/** The plain ranking: bm25() over every match, sorted by SQLite (score, then key). */
function plainPage(match: string, offset: number, limit: number): RankedDocument[] {
  return db
    .prepare(
      `SELECT rowid AS key, bm25(document_fts, 10.0, 5.0, 1.0) AS score FROM document_fts
        WHERE document_fts MATCH ? ORDER BY score, key LIMIT ? OFFSET ?`,
    )
    .all(match, limit, offset) as RankedDocument[];
}

function keyOf(documentId: string): number {
  return (
    db.prepare('SELECT key FROM document_search WHERE document_id = ?').get(documentId) as { key: number }
  ).key;
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'briefing-broad-'));
  db = openStore({ dataDir });
  ids = seedTermLibrary(db, { documents: BROAD_TERM_MIN_MATCHES + 100 });
}, 120_000);

afterAll(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ranking a word found in most documents from stored word counts', () => {
  it('gives the same pages as bm25() over every match: same documents, order and scores', () => {
    for (const word of ['the', 'The', 'THE']) {
      for (const [offset, limit] of PAGES) {
        const fast = rankBroadTerm(db, { match: `"${word}"`, weights: WEIGHTS, offset, limit });
        expect(fast, `${word} ${offset}+${limit}`).not.toBeNull();
        expect(fast).toEqual(plainPage(`"${word}"`, offset, limit));
      }
    }
  });

  it('for any word and page, either declines or gives the plain page', () => {
    let answered = 0;
    for (const word of ['the', 'of', 'a', 'rare', 'note', 'promoted']) {
      for (const [offset, limit] of [...PAGES, [0, 1], [180, 20], [1000, 200]] as const) {
        const fast = rankBroadTerm(db, { match: `"${word}"`, weights: WEIGHTS, offset, limit });
        if (fast === null) continue;
        answered += 1;
        expect(fast, `${word} ${offset}+${limit}`).toEqual(plainPage(`"${word}"`, offset, limit));
      }
    }
    expect(answered).toBeGreaterThan(0);
  });

  it('orders equal scores by key, as bm25() sorted by SQLite does', () => {
    // Every 40th document repeats the one before it: same counts, same length, same score.
    const page = rankBroadTerm(db, { match: '"the"', weights: WEIGHTS, offset: 0, limit: 200 });
    const scores = (page ?? []).map((row) => row.score);
    expect(new Set(scores).size).toBeLessThan(scores.length);
    expect(page).toEqual(plainPage('"the"', 0, 200));
  });

  it('search() returns the same documents, scores and total as the plain ranking', () => {
    const total = (
      db.prepare('SELECT count(*) AS n FROM document_fts WHERE document_fts MATCH ?').get('"the"') as {
        n: number;
      }
    ).n;
    expect(total).toBeGreaterThanOrEqual(BROAD_TERM_MIN_MATCHES);
    for (const [offset, limit] of PAGES) {
      const results = search(db, { query: 'the', offset, limit });
      const expected = plainPage('"the"', offset, limit);
      expect(results.documentTotal).toBe(total);
      expect(results.documents.map((hit) => [keyOf(hit.documentId), hit.score])).toEqual(
        expected.map((row) => [row.key, row.score]),
      );
    }
  });

  it('declines when it cannot show the page is the same (few occurrences per document, or not one word)', () => {
    // "of" is at most 6 % of a body: short documents with fewer than 8 (uncounted) could outrank
    // the counted ones. "rare" is in about half the documents, once or twice each.
    expect(rankBroadTerm(db, { match: '"of"', weights: WEIGHTS, offset: 0, limit: 20 })).toBeNull();
    expect(rankBroadTerm(db, { match: '"rare"', weights: WEIGHTS, offset: 0, limit: 20 })).toBeNull();
    for (const match of ['"the of"', '"the" *', '"the" AND "of"', '"the" OR "of"', 'title : "the"']) {
      expect(rankBroadTerm(db, { match, weights: WEIGHTS, offset: 0, limit: 20 }), match).toBeNull();
    }
  });

  it('declines while a changed title is not counted yet, and follows the new title once it is', () => {
    const [top] = plainPage('"the"', 0, 1);
    const promoted = ids[Math.floor(ids.length / 2)] ?? '';
    db.prepare('UPDATE documents SET title = ? WHERE id = ?').run(`${'the '.repeat(20)}promoted`, promoted);
    expect(rankBroadTerm(db, { match: '"the"', weights: WEIGHTS, offset: 0, limit: 20 })).toBeNull();
    db.transaction(() => countPendingDocumentTerms(db))();
    const fast = rankBroadTerm(db, { match: '"the"', weights: WEIGHTS, offset: 0, limit: 20 });
    expect(fast).not.toBeNull();
    expect(fast).toEqual(plainPage('"the"', 0, 20));
    expect(fast?.[0]?.key).toBe(keyOf(promoted));
    expect(fast?.[0]?.key).not.toBe(top?.key);
  });

  it('declines when stored counts disagree with bm25() for a document it scores', () => {
    // The best document without the word in its title or headings: its score comes from its counts.
    const headed = new Set(
      db
        .prepare('SELECT rowid FROM document_fts WHERE document_fts MATCH ?')
        .pluck()
        .all('{title headings} : "the"'),
    );
    expect(headed.size).toBeGreaterThan(0);
    const top = plainPage('"the"', 0, 20).find((row) => !headed.has(row.key));
    db.prepare("UPDATE document_terms SET body = body + 1 WHERE term = 'the' AND key = ?").run(top?.key);
    try {
      expect(rankBroadTerm(db, { match: '"the"', weights: WEIGHTS, offset: 0, limit: 20 })).toBeNull();
      expect(search(db, { query: 'the' }).documents.map((hit) => hit.score)).toContain(top?.score);
    } finally {
      db.prepare("UPDATE document_terms SET body = body - 1 WHERE term = 'the' AND key = ?").run(top?.key);
    }
  });

  it('with more ties at the end of the page than it reads past it, declines or gives the plain page', () => {
    const headed = new Set(
      db
        .prepare('SELECT rowid FROM document_fts WHERE document_fts MATCH ?')
        .pluck()
        .all('{title headings} : "the"'),
    );
    const best = plainPage('"the"', 0, 40).find((row) => !headed.has(row.key));
    const original = db
      .prepare(
        'SELECT d.id, d.title, d.text FROM documents d JOIN document_search s ON s.document_id = d.id WHERE s.key = ?',
      )
      .get(best?.key) as { id: string; title: string; text: string };
    const blocks = listBlocksForDocument(db, original.id);
    db.transaction(() => {
      for (let copy = 0; copy < MANY; copy += 1) {
        const id = `doc_tie${String(copy).padStart(3, '0')}`;
        insertDocument(db, {
          id,
          title: original.title,
          author: null,
          outlet: null,
          publishedAt: null,
          url: null,
          language: 'en',
          direction: 'ltr',
          format: 'txt',
          sourceName: `${id}.txt`,
          text: original.text,
          textSha256: id,
          originalSha256: id,
          originalBytes: Buffer.from(id),
          importedAt: new Date(Date.UTC(2026, 1, 1) + copy * 1000).toISOString(),
          previousVersionId: null,
        });
        insertBlocks(db, id, original.text, blocks);
      }
    })();
    // The copies score exactly as the original (every score moved with the library's mean length).
    const top = plainPage('"the"', 0, 200);
    const score = top.find((row) => row.key === best?.key)?.score;
    expect(top.filter((row) => row.score === score).length).toBe(MANY + 1);
    for (const [offset, limit] of [
      [0, 1],
      [0, 20],
      [10, 30],
      [0, MANY + 10],
    ] as const) {
      const fast = rankBroadTerm(db, { match: '"the"', weights: WEIGHTS, offset, limit });
      if (fast !== null) expect(fast, `${offset}+${limit}`).toEqual(plainPage('"the"', offset, limit));
    }
  });
});
