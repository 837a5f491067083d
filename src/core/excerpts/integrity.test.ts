import { afterEach, describe, expect, it } from 'vitest';
import { createLibrary, importSource, spanOf, type Library } from './test-library';

let library: Library | undefined;
afterEach(() => {
  library?.dispose();
  library = undefined;
});

const BODY = [
  'The rate stays high, a broker in London said on Monday.',
  'Nobody wants to cut first, because the losses of last winter are not forgotten.',
  'Later the rate stays high, a broker in Oslo said as well.',
].join('\n\n');

async function withExcerpts() {
  library = createLibrary();
  const document = await importSource(library.api, { title: 'Rates', body: BODY });
  const other = await importSource(library.api, {
    title: 'Other',
    body: 'A second source with one excerpt in it.',
  });
  const create = async (documentId: string, text: string, phrase: string, occurrence = 0) =>
    (await (library as Library).api.createExcerpt({ documentId, ...spanOf(text, phrase, occurrence) })).id;
  const ids = {
    london: await create(document.id, document.text, 'a broker in London'),
    losses: await create(document.id, document.text, 'the losses of last winter'),
    second: await create(document.id, document.text, 'The rate stays high', 0),
    oslo: await create(document.id, document.text, 'rate stays high, a broker in Oslo'),
    other: await create(other.id, other.text, 'one excerpt'),
  };
  return { library, document, other, ids };
}

function corrupt(current: Library, sql: string, ...params: unknown[]): void {
  current.db.prepare(sql).run(...params);
}

describe('verifying excerpts against their sources', () => {
  it('finds every excerpt exact in an untouched library', async () => {
    const { library } = await withExcerpts();
    expect(await library.api.verifyExcerpts({})).toEqual({
      checked: 5,
      exact: 5,
      moved: 0,
      broken: 0,
      problems: [],
    });
  });

  it('reports a quote whose offsets drifted as moved, and where it is', async () => {
    const { library, document, ids } = await withExcerpts();
    const at = spanOf(document.text, 'the losses of last winter');
    corrupt(
      library,
      'UPDATE excerpts SET start_offset = start_offset + 5, end_offset = end_offset + 5 WHERE id = ?',
      ids.losses,
    );
    const report = await library.api.verifyExcerpts({});
    expect(report).toMatchObject({ checked: 5, exact: 4, moved: 1, broken: 0 });
    expect(report.problems).toEqual([
      {
        excerptId: ids.losses,
        documentId: document.id,
        status: 'moved',
        quote: 'the losses of last winter',
        start: at.start + 5,
        end: at.end + 5,
        foundStart: at.start,
        foundEnd: at.end,
        sourceText: null,
        diff: null,
      },
    ]);
  });

  it('chooses among repeated quotes by context before distance', async () => {
    const { library, document, ids } = await withExcerpts();
    // The Oslo excerpt's offsets now point next to the first "rate stays high"; its context says Oslo.
    const first = spanOf(document.text, 'The rate stays high');
    corrupt(
      library,
      'UPDATE excerpts SET quote = ?, start_offset = ?, end_offset = ? WHERE id = ?',
      'rate stays high',
      first.start + 1,
      first.start + 16,
      ids.oslo,
    );
    corrupt(
      library,
      "UPDATE excerpts SET suffix = ', a broker in Oslo said as well.' WHERE id = ?",
      ids.oslo,
    );
    const [problem] = (await library.api.verifyExcerpts({ documentId: document.id })).problems;
    const oslo = spanOf(document.text, 'rate stays high', 1);
    expect(problem).toMatchObject({ status: 'moved', foundStart: oslo.start, foundEnd: oslo.end });
  });

  it('reports a quote that is nowhere in the source as broken, with a word diff', async () => {
    const { library, document, ids } = await withExcerpts();
    corrupt(library, 'UPDATE excerpts SET quote = ? WHERE id = ?', 'a banker in London', ids.london);
    const report = await library.api.verifyExcerpts({});
    expect(report).toMatchObject({ checked: 5, exact: 4, moved: 0, broken: 1 });
    const at = spanOf(document.text, 'a broker in London');
    expect(report.problems[0]).toMatchObject({
      excerptId: ids.london,
      status: 'broken',
      start: at.start,
      end: at.end,
      sourceText: 'a broker in London',
      foundStart: null,
      diff: [
        { op: 'same', text: 'a ' },
        { op: 'removed', text: 'banker' },
        { op: 'added', text: 'broker' },
        { op: 'same', text: ' in London' },
      ],
    });
  });

  it('checks one document when asked, and refuses a document that does not exist', async () => {
    const { library, other, ids } = await withExcerpts();
    corrupt(library, 'UPDATE excerpts SET quote = ? WHERE id = ?', 'a banker in London', ids.london);
    expect(await library.api.verifyExcerpts({ documentId: other.id })).toEqual({
      checked: 1,
      exact: 1,
      moved: 0,
      broken: 0,
      problems: [],
    });
    await expect(library.api.verifyExcerpts({ documentId: 'doc_missing' })).rejects.toMatchObject({
      code: 'document-not-found',
    });
  });

  it('reports offsets past the end of the text as broken without failing', async () => {
    const { library, document, ids } = await withExcerpts();
    const length = document.text.length;
    corrupt(
      library,
      'UPDATE excerpts SET quote = ?, start_offset = ?, end_offset = ? WHERE id = ?',
      'gone',
      length + 10,
      length + 14,
      ids.second,
    );
    const [problem] = (await library.api.verifyExcerpts({})).problems;
    expect(problem).toMatchObject({
      status: 'broken',
      sourceText: '',
      diff: [{ op: 'removed', text: 'gone' }],
    });
  });
});
