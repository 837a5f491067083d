import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../store/open';
import { importMarkdown } from '../testing/import-markdown';
import { createTempCore, type TempCore } from '../testing/temp-core';
import { highlightDocuments, highlightExcerpts, matchesPrefix } from './highlight';
import { parseQuery } from './query';

let core: TempCore;

const DOCUMENTS = [
  '# Black Sea grain corridor\n\n## Insurance\n\nUnderwriters raised war-risk premiums for grain ships; insurers insured the insurance.\n\nThe ministry said exports resumed in March.\n',
  '# Port security review\n\nNaval patrols escorted ships; grain was mentioned once.\n\nCustoms officers inspected containers at the port of Odesa.\n',
  '# Энергетика и сети\n\nМинистерство сообщило о новых поставках электроэнергии.\n\nالطاقة والكهرباء في 2024 مع شبكة Interconnector جديدة.\n',
  '# Café société\n\nThe café’s naïve coöperation: insurance, shipping and Shipping insurance premiums.\n',
];

const QUERIES = [
  'grain',
  'insurance',
  'ins',
  'shipping insurance premiums',
  '"war risk" ins',
  'grain OR customs',
  'ships -customs',
  'cafe',
  'энерг',
  'الطاقة',
  'port*',
];

/** FTS5's own highlight() on the library's index, for the rows `keys`. */
function libraryHighlights(db: Database.Database, table: string, columns: [number, number], match: string) {
  return db
    .prepare(
      `SELECT rowid AS key, highlight(${table}, ${columns[0]}, char(1), char(2)) AS a,
              highlight(${table}, ${columns[1]}, char(1), char(2)) AS b
         FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`,
    )
    .all(match) as { key: number; a: string; b: string }[];
}

beforeAll(async () => {
  core = createTempCore();
  for (const [index, markdown] of DOCUMENTS.entries()) {
    const document = await importMarkdown(core.handlers, `doc-${index}.md`, markdown);
    const excerpt = await core.handlers.createExcerpt({
      documentId: document.id,
      start: 0,
      end: Math.min(document.text.length, 120),
    });
    await core.handlers.updateExcerpt({ excerptId: excerpt.id, note: `Insurers and grain, note ${index}` });
  }
});

afterAll(() => core.dispose());

describe('highlights of a page of results', () => {
  it('are the ones highlight() gives on the library index, for documents and excerpts', () => {
    const { db } = core.context;
    for (const query of QUERIES) {
      for (const typeahead of [false, true]) {
        const match = parseQuery(query, { typeahead }).match;
        if (match === null) continue;
        const documents = libraryHighlights(db, 'document_fts', [0, 2], match);
        const page = highlightDocuments(
          db,
          match,
          documents.map((row) => row.key),
        ).sort((x, y) => x.key - y.key);
        expect(
          page.map(({ key, title, body }) => ({ key, a: title, b: body })),
          query,
        ).toEqual(documents);
        const excerpts = libraryHighlights(db, 'excerpt_fts', [0, 1], match);
        const excerptPage = highlightExcerpts(
          db,
          match,
          excerpts.map((row) => row.key),
        ).sort((x, y) => x.key - y.key);
        expect(
          excerptPage.map(({ key, quote, note }) => ({ key, a: quote, b: note })),
          query,
        ).toEqual(excerpts);
      }
    }
    expect(libraryHighlights(db, 'document_fts', [0, 2], '"grain"').length).toBeGreaterThan(1);
  });

  it('highlight only the rows asked for, and leave nothing behind for the next page', () => {
    const { db } = core.context;
    const match = parseQuery('grain', { typeahead: true }).match ?? '';
    const all = libraryHighlights(db, 'document_fts', [0, 2], match);
    expect(all.length).toBe(2);
    const [first, second] = all;
    expect(highlightDocuments(db, match, [first!.key]).map((row) => row.key)).toEqual([first!.key]);
    expect(highlightDocuments(db, match, [second!.key]).map((row) => row.key)).toEqual([second!.key]);
    expect(highlightDocuments(db, match, [])).toEqual([]);
  });

  it('work on a library opened read-only', () => {
    const readOnly = new Database(join(core.dataDir, DATABASE_FILE_NAME), { readonly: true });
    try {
      const match = parseQuery('insurance', { typeahead: true }).match ?? '';
      const expected = libraryHighlights(readOnly, 'document_fts', [0, 2], match);
      const page = highlightDocuments(
        readOnly,
        match,
        expected.map((row) => row.key),
      ).sort((x, y) => x.key - y.key);
      expect(page.map(({ key, title, body }) => ({ key, a: title, b: body }))).toEqual(expected);
    } finally {
      readOnly.close();
    }
  });
});

describe('matchesPrefix', () => {
  it('finds a * outside the quotes of the MATCH expressions parseQuery writes', () => {
    expect(matchesPrefix(parseQuery('grain').match ?? '')).toBe(false);
    expect(matchesPrefix(parseQuery('"red sea" -grain OR ports').match ?? '')).toBe(false);
    expect(matchesPrefix(parseQuery('grain', { typeahead: true }).match ?? '')).toBe(true);
    expect(matchesPrefix(parseQuery('insura* ports').match ?? '')).toBe(true);
    expect(matchesPrefix(parseQuery('ports -ship*').match ?? '')).toBe(true);
    // A star and a doubled quote inside a phrase are text, not a prefix.
    expect(matchesPrefix('"a "" * b"')).toBe(false);
    expect(matchesPrefix('"a "" b" *')).toBe(true);
  });
});
