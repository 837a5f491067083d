import { afterEach, describe, expect, it } from 'vitest';
import type { ExcerptDetail, ExcerptFilter, ExcerptSort } from '../../shared/dto';
import { seededRandom } from '../testing/random';
import { createLibrary, importSource, type Library } from './test-library';

let library: Library | undefined;
afterEach(() => {
  library?.dispose();
  library = undefined;
});

const SOURCES = [
  { title: 'Caspian Deals', outlet: 'Meridian Review', date: '2025-09-15' },
  { title: 'Arctic Route', outlet: 'Meridian Review', date: '2025-06-01' },
  { title: 'Baltic Cables', outlet: 'Northern Ledger', date: '2025-02-10' },
] as const;

const SENTENCES = [
  'Officials said the agreement would cover shipping insurance.',
  'Naval patrols remain on alert along the coast.',
  'Analysts warned that risks remain elevated.',
  'The pipeline consortium delayed its decision again.',
  'Markets priced a gradual recovery over the coming months.',
];

/** Three sources, fifteen excerpts made one second apart in a shuffled order, some tagged. */
async function stocked(): Promise<{ library: Library; all: readonly ExcerptDetail[] }> {
  library = createLibrary();
  const documents = [];
  for (const source of SOURCES) {
    documents.push(await importSource(library.api, { ...source, body: SENTENCES.join('\n\n') }));
  }
  const random = seededRandom(11);
  const picks = documents.flatMap((document) => SENTENCES.map((sentence) => ({ document, sentence })));
  for (let index = picks.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const here = picks[index];
    const there = picks[other];
    if (here === undefined || there === undefined) continue;
    picks[index] = there;
    picks[other] = here;
  }
  let count = 0;
  for (const { document, sentence } of picks) {
    library.tick();
    const start = document.text.indexOf(sentence);
    const excerpt = await library.api.createExcerpt({
      documentId: document.id,
      start,
      end: start + sentence.length,
    });
    const tags = [count % 2 === 0 ? 'Shipping' : 'energy', ...(count % 3 === 0 ? ['Risk'] : [])];
    await library.api.updateExcerpt({ excerptId: excerpt.id, tags });
    count += 1;
  }
  const all = (await library.api.listAllExcerpts({ sort: 'recent', offset: 0, limit: 500 })).items;
  return { library, all };
}

function expected(all: readonly ExcerptDetail[], filter: ExcerptFilter, sort: ExcerptSort): string[] {
  return all
    .filter(
      (item) =>
        (filter.tag === undefined ||
          item.tags.some((tag) => tag.toLowerCase() === filter.tag?.toLowerCase())) &&
        (filter.documentId === undefined || item.documentId === filter.documentId) &&
        (filter.outlet === undefined || item.outlet === filter.outlet) &&
        (filter.from === undefined || (item.publishedAt !== null && item.publishedAt >= filter.from)) &&
        (filter.to === undefined || (item.publishedAt !== null && item.publishedAt <= filter.to)),
    )
    .sort((a, b) =>
      sort === 'recent'
        ? b.createdAt.localeCompare(a.createdAt)
        : a.documentTitle.localeCompare(b.documentTitle) || a.start - b.start,
    )
    .map((item) => item.id);
}

describe('the excerpt library list', () => {
  it('lists newest first or by document title then position', async () => {
    const { library, all } = await stocked();
    expect(all).toHaveLength(15);
    expect(all.map((item) => item.id)).toEqual(expected(all, {}, 'recent'));
    const byDocument = await library.api.listAllExcerpts({ sort: 'document', offset: 0, limit: 500 });
    expect(byDocument.items.map((item) => `${item.documentTitle}@${item.start}`)).toEqual(
      [...all]
        .sort((a, b) => a.documentTitle.localeCompare(b.documentTitle) || a.start - b.start)
        .map((item) => `${item.documentTitle}@${item.start}`),
    );
    expect(byDocument.items[0]).toMatchObject({
      documentTitle: 'Arctic Route',
      start: 0,
      outlet: 'Meridian Review',
    });
  });

  it('filters by tag (any case), document, outlet and publication dates, alone and together', async () => {
    const { library, all } = await stocked();
    const documentId = all.find((item) => item.documentTitle === 'Baltic Cables')?.documentId ?? '';
    const filters: ExcerptFilter[] = [
      { tag: 'shipping' },
      { tag: 'RISK' },
      { tag: 'no such tag' },
      { documentId },
      { documentId: 'doc_missing' },
      { outlet: 'Meridian Review' },
      { outlet: 'meridian review' },
      { from: '2025-06-01' },
      { to: '2025-06-01' },
      { from: '2025-03-01', to: '2025-08-31' },
      { from: '2026-01-01' },
      { tag: 'Shipping', outlet: 'Meridian Review', from: '2025-07-01' },
      { tag: 'energy', documentId },
    ];
    for (const filter of filters) {
      for (const sort of ['recent', 'document'] as const) {
        const page = await library.api.listAllExcerpts({ filter, sort, offset: 0, limit: 500 });
        const want = expected(all, filter, sort);
        expect({ filter, sort, ids: page.items.map((item) => item.id), total: page.total }).toEqual({
          filter,
          sort,
          ids: want,
          total: want.length,
        });
      }
    }
  });

  it('pages through a list with offset and limit, each page with the full total', async () => {
    const { library, all } = await stocked();
    for (const sort of ['recent', 'document'] as const) {
      for (const filter of [
        {},
        { tag: 'Shipping' },
        { outlet: 'Meridian Review' },
      ] satisfies ExcerptFilter[]) {
        const want = expected(all, filter, sort);
        for (const limit of [1, 4, 7]) {
          const got: string[] = [];
          for (let offset = 0; offset < want.length + limit; offset += limit) {
            const page = await library.api.listAllExcerpts({ filter, sort, offset, limit });
            expect(page).toMatchObject({ total: want.length, offset });
            got.push(...page.items.map((item) => item.id));
          }
          expect(got).toEqual(want);
        }
      }
    }
  });

  it('lists excerpts made in the same instant newest insert first', async () => {
    library = createLibrary();
    const document = await importSource(library.api, { title: 'Same Time', body: SENTENCES.join('\n\n') });
    const made: string[] = [];
    for (const sentence of SENTENCES.slice(0, 3)) {
      const start = document.text.indexOf(sentence);
      made.push((await library.api.createExcerpt({ documentId: document.id, start, end: start + 10 })).id);
    }
    const page = await library.api.listAllExcerpts({ sort: 'recent', offset: 0, limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual([...made].reverse());
  });
});
