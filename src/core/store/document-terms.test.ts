import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempCore, type TempCore } from '../testing/temp-core';
import {
  BODY_COUNT_KEPT,
  DOCUMENT_TOKENIZE,
  documentIndexTotals,
  documentTermsCurrent,
  indexTerms,
} from './document-terms';

let core: TempCore;

type Stored = { term: string; key: number; body: number; tokens: number };

const DOCUMENTS: readonly (readonly [name: string, markdown: string])[] = [
  [
    'running.md',
    `# Running the ports\n\n## The harbour\n\n${'The ships were running late. '.repeat(9)}Ports ran; a runner runs.\n`,
  ],
  [
    'cafe.md',
    `# Café résumé\n\n${'cafe '.repeat(BODY_COUNT_KEPT)}and ${'naïve '.repeat(BODY_COUNT_KEPT - 1)}end.\n`,
  ],
  [
    'energy.md',
    `# Энергетика и сети\n\n${'сети '.repeat(12)}الطاقة والكهرباء ${'الطاقة '.repeat(8)} 紅海 😀 2024.\n`,
  ],
  ['short.txt', 'Title: the\n\nThe the the.\n'],
];

/** What FTS5's own index holds: each word's occurrences per document and column. */
function indexedCounts(): Map<string, { title: number; headings: number; body: number }> {
  core.db.exec(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_words USING fts5vocab(main, document_fts, 'instance')",
  );
  const counts = new Map<string, { title: number; headings: number; body: number }>();
  for (const row of core.db.prepare('SELECT term, doc, col FROM temp.fts_words').all() as {
    term: string;
    doc: number;
    col: 'title' | 'headings' | 'body';
  }[]) {
    const id = `${row.term} ${row.doc}`;
    const entry = counts.get(id) ?? { title: 0, headings: 0, body: 0 };
    entry[row.col] += 1;
    counts.set(id, entry);
  }
  return counts;
}

function storedRows(): Stored[] {
  return core.db.prepare('SELECT term, key, body, tokens FROM document_terms').all() as Stored[];
}

/** The rows the rule keeps, built from FTS5's own index, with each document's length from it too. */
function expectedRows(): Stored[] {
  const counts = indexedCounts();
  const tokens = new Map<number, number>();
  for (const [id, count] of counts) {
    const key = Number(id.split(' ')[1]);
    tokens.set(key, (tokens.get(key) ?? 0) + count.title + count.headings + count.body);
  }
  return [...counts]
    .filter(([, count]) => count.body >= BODY_COUNT_KEPT)
    .map(([id, count]) => {
      const [term = '', key = ''] = id.split(' ');
      return { term, key: Number(key), body: count.body, tokens: tokens.get(Number(key)) ?? 0 };
    });
}

const byTermAndKey = (rows: Stored[]) =>
  [...rows].sort((a, b) => a.term.localeCompare(b.term) || a.key - b.key);

beforeEach(async () => {
  core = createTempCore();
  for (const [name, markdown] of DOCUMENTS) {
    await core.handlers.importFileBytes({ name, dataBase64: Buffer.from(markdown).toString('base64') });
  }
});

afterEach(() => core.dispose());

describe('document word counts', () => {
  it('counts with the same tokenizer as the full-text index', () => {
    const sql = (
      core.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'document_fts'").get() as { sql: string }
    ).sql;
    expect(sql).toContain(DOCUMENT_TOKENIZE);
    expect(indexTerms(core.db, 'Running RÉSUMÉS, сети!')).toEqual(['run', 'resum', 'сети']);
  });

  it("keeps the words a body uses often, with the same counts and lengths as FTS5's index", () => {
    const stored = storedRows();
    expect(stored.length).toBeGreaterThan(0);
    expect(byTermAndKey(stored)).toEqual(byTermAndKey(expectedRows()));
    // Stemmed and folded as the index does; "naïve" stays one short of the threshold and is left
    // out, and title words count only towards the length.
    expect(stored.filter((row) => row.term === 'cafe').map((row) => row.body)).toEqual([BODY_COUNT_KEPT]);
    expect(stored.filter((row) => row.term === 'run').map((row) => row.body)).toEqual([10]);
    expect(stored.some((row) => row.term === 'naiv' || row.term === 'resum')).toBe(false);
    expect(documentTermsCurrent(core.db)).toBe(true);
  });

  it("reads the index's document count and total length as bm25() does", () => {
    const counts = indexedCounts();
    const tokens = [...counts.values()].reduce(
      (sum, count) => sum + count.title + count.headings + count.body,
      0,
    );
    expect(documentIndexTotals(core.db)).toEqual({ rows: DOCUMENTS.length, tokens });
  });

  it('recounts a document whose title changes, in the same transaction as the change', async () => {
    const [first] = await core.handlers.listDocuments({});
    if (first === undefined) throw new Error('no documents');
    await core.handlers.updateDocumentMetadata({
      documentId: first.id,
      title: 'A much longer title than before',
      author: null,
      outlet: null,
      publishedAt: null,
      url: null,
      language: null,
    });
    expect(documentTermsCurrent(core.db)).toBe(true);
    expect(byTermAndKey(storedRows())).toEqual(byTermAndKey(expectedRows()));
    expect(new Set(storedRows().map((row) => row.tokens)).size).toBe(DOCUMENTS.length - 1);
  });

  it('marks a document pending when its title changes outside the store, and forgets a deleted one', () => {
    const { id } = core.db.prepare('SELECT id FROM documents ORDER BY rowid LIMIT 1').get() as { id: string };
    core.db.prepare("UPDATE documents SET title = 'Changed' WHERE id = ?").run(id);
    expect(documentTermsCurrent(core.db)).toBe(false);
    core.db.prepare('DELETE FROM blocks WHERE document_id = ?').run(id);
    core.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    expect(documentTermsCurrent(core.db)).toBe(true);
    expect(byTermAndKey(storedRows())).toEqual(byTermAndKey(expectedRows()));
  });
});
