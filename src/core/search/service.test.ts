import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentSummary, MarkedText } from '../../shared/dto';
import { createTempCore, type TempCore } from '../testing/temp-core';

let core: TempCore;

async function addDocument(
  name: string,
  markdown: string,
  meta: { author?: string; outlet?: string; publishedAt?: string },
): Promise<DocumentSummary> {
  const outcome = await core.handlers.importFileBytes({
    name,
    dataBase64: Buffer.from(markdown).toString('base64'),
  });
  if (outcome.documentId === null) throw new Error(outcome.error ?? 'import failed');
  const document = await core.handlers.getDocument({ documentId: outcome.documentId });
  return core.handlers.updateDocumentMetadata({
    documentId: document.id,
    title: document.title,
    author: meta.author ?? null,
    outlet: meta.outlet ?? null,
    publishedAt: meta.publishedAt ?? null,
    url: null,
    language: null,
  });
}

const marked = (text: MarkedText): string[] => text.highlights.map(([a, b]) => text.text.slice(a, b));

beforeEach(async () => {
  let tick = 0;
  core = createTempCore({ now: () => new Date(Date.UTC(2026, 10, 27, 12, 0, 0) + (tick += 1) * 1000) });
  await addDocument(
    'grain.md',
    '# Black Sea grain corridor\n\n## Insurance\n\nUnderwriters raised war-risk premiums for grain ships.\n\nThe ministry said exports resumed in March.\n',
    { author: 'Helena Marchetti', outlet: 'Meridian Review', publishedAt: '2025-03-02' },
  );
  await addDocument(
    'ports.md',
    '# Port security review\n\nNaval patrols escorted ships; grain was mentioned once.\n\nCustoms officers inspected containers at the port.\n',
    { author: 'Łukasz Wójcik', outlet: 'Northern Ledger', publishedAt: '2024-11-20' },
  );
  await addDocument(
    'energy.md',
    '# Энергетика и сети\n\nМинистерство сообщило о новых поставках электроэнергии.\n\nالطاقة والكهرباء في 2024 مع شبكة Interconnector جديدة.\n',
    { author: 'Amira Castellane', outlet: 'Danube Dispatch', publishedAt: '2025-07-15' },
  );
});

afterEach(() => core.dispose());

describe('search', () => {
  it('ranks a title match above a passing mention and highlights the matched words', async () => {
    const results = await core.handlers.search({ query: 'grain' });
    expect(results.searched).toBe(true);
    expect(results.documentTotal).toBe(2);
    expect(results.documents.map((hit) => hit.title.text)).toEqual([
      'Black Sea grain corridor',
      'Port security review',
    ]);
    const [first] = results.documents;
    expect(marked(first!.title)).toEqual(['grain']);
    expect(first!.hits.length).toBeGreaterThan(0);
    expect(marked(first!.hits[0]!.snippet)).toEqual(['grain']);
  });

  it('ranks a heading match above the same word in body text', async () => {
    await addDocument(
      'a.md',
      '# Notes one\n\nA paragraph that mentions tariffs among many other words here.\n',
      {},
    );
    await addDocument(
      'b.md',
      '# Notes two\n\n## Tariffs\n\nA paragraph about other things entirely here.\n',
      {},
    );
    const results = await core.handlers.search({ query: 'tariffs' });
    expect(results.documents.map((hit) => hit.title.text)).toEqual(['Notes two', 'Notes one']);
  });

  it('maps each hit to its block, with offsets into the document text', async () => {
    const results = await core.handlers.search({ query: 'premiums' });
    const hit = results.documents[0]!.hits[0]!;
    const document = await core.handlers.getDocument({ documentId: results.documents[0]!.documentId });
    const block = document.blocks.find((candidate) => candidate.id === hit.blockId);
    expect(block).toBeDefined();
    expect(document.text.slice(hit.start, hit.end)).toBe(
      'Underwriters raised war-risk premiums for grain ships.',
    );
    expect(hit.snippet.text).toBe('Underwriters raised war-risk premiums for grain ships.');
    expect(marked(hit.snippet)).toEqual(['premiums']);
  });

  it('stems English, folds diacritics and finds Cyrillic and Arabic', async () => {
    expect((await core.handlers.search({ query: 'resuming' })).documentTotal).toBe(1);
    expect((await core.handlers.search({ query: 'сообщило' })).documentTotal).toBe(1);
    expect((await core.handlers.search({ query: 'والكهرباء' })).documentTotal).toBe(1);
    expect((await core.handlers.search({ query: 'interconnector 2024' })).documentTotal).toBe(1);
  });

  it('applies phrases, exclusions, OR, prefixes and filters', async () => {
    const titles = async (query: string): Promise<string[]> =>
      (await core.handlers.search({ query })).documents.map((hit) => hit.title.text).sort();
    expect(await titles('"grain ships"')).toEqual(['Black Sea grain corridor']);
    expect(await titles('grain -premiums')).toEqual(['Port security review']);
    expect(await titles('customs OR underwriters')).toEqual([
      'Black Sea grain corridor',
      'Port security review',
    ]);
    expect(await titles('insur*')).toEqual(['Black Sea grain corridor']);
    expect(await titles('grain author:wojcik')).toEqual(['Port security review']);
    expect(await titles('grain outlet:"meridian review"')).toEqual(['Black Sea grain corridor']);
    expect(await titles('grain after:2025-01-01')).toEqual(['Black Sea grain corridor']);
    expect(await titles('grain before:2025-01-01')).toEqual(['Port security review']);
    expect(await titles('outlet:danube')).toEqual(['Энергетика и сети']);
  });

  it('sorts by date when asked', async () => {
    const results = await core.handlers.search({ query: 'grain', sort: 'date' });
    expect(results.documents.map((hit) => hit.publishedAt)).toEqual(['2025-03-02', '2024-11-20']);
  });

  it('answers an empty state for empty and punctuation-only queries, never an error', async () => {
    for (const query of ['', '   ', '"', '()', '-', 'OR', '***', '\u200f\u0000']) {
      const results = await core.handlers.search({ query });
      expect(results.searched, JSON.stringify(query)).toBe(query === 'OR');
    }
  });

  it('searches excerpts by quote, note and tag, and follows tag renames', async () => {
    const grain = (await core.handlers.search({ query: 'premiums' })).documents[0]!;
    const hit = grain.hits[0]!;
    const excerpt = await core.handlers.createExcerpt({
      documentId: grain.documentId,
      start: hit.start,
      end: hit.end,
    });
    await core.handlers.updateExcerpt({
      excerptId: excerpt.id,
      note: 'Lloyds market signal',
      tags: ['zebra'],
    });
    const byNote = await core.handlers.search({ query: 'lloyds in:excerpts' });
    expect(byNote.excerpts.map((item) => item.excerptId)).toEqual([excerpt.id]);
    expect(marked(byNote.excerpts[0]!.note!)).toEqual(['Lloyds']);
    expect((await core.handlers.search({ query: 'zebra in:excerpts' })).excerptTotal).toBe(1);
    await core.handlers.renameTag({ from: 'zebra', to: 'okapi' });
    expect((await core.handlers.search({ query: 'zebra in:excerpts' })).excerptTotal).toBe(0);
    expect((await core.handlers.search({ query: 'okapi in:excerpts' })).excerptTotal).toBe(1);
    const both = await core.handlers.search({ query: 'premiums' });
    expect(both.excerptTotal).toBe(1);
    expect(both.documentTotal).toBe(1);
    expect((await core.handlers.search({ query: 'premiums in:documents' })).excerptTotal).toBe(0);
    expect((await core.handlers.search({ query: 'tag:okapi' })).documents.map((d) => d.documentId)).toEqual([
      grain.documentId,
    ]);
    await core.handlers.deleteExcerpt({ excerptId: excerpt.id });
    expect((await core.handlers.search({ query: 'lloyds in:excerpts' })).excerptTotal).toBe(0);
    await core.handlers.undo({});
    expect((await core.handlers.search({ query: 'lloyds in:excerpts' })).excerptTotal).toBe(1);
  });

  it('follows metadata edits of the title', async () => {
    const doc = (await core.handlers.search({ query: 'customs' })).documents[0]!;
    await core.handlers.updateDocumentMetadata({
      documentId: doc.documentId,
      title: 'Harbour inspections',
      author: null,
      outlet: null,
      publishedAt: null,
      url: null,
      language: null,
    });
    expect((await core.handlers.search({ query: 'harbour' })).documentTotal).toBe(1);
    expect((await core.handlers.search({ query: 'security' })).documentTotal).toBe(0);
  });

  it('counts facets over every match', async () => {
    const facets = await core.handlers.searchFacets({ query: 'grain' });
    expect(facets.outlets).toEqual([
      { value: 'Meridian Review', count: 1 },
      { value: 'Northern Ledger', count: 1 },
    ]);
    expect(facets.years).toEqual([
      { value: '2025', count: 1 },
      { value: '2024', count: 1 },
    ]);
  });

  it('lists the excerpts of an author, an outlet or a tag without words, newest document first', async () => {
    const excerptsOf = async (query: string) => {
      const hit = (await core.handlers.search({ query })).documents[0]!;
      const blocks = hit.hits.map((block) => ({ start: block.start, end: block.end }));
      const made = [];
      for (const block of blocks) {
        made.push(await core.handlers.createExcerpt({ documentId: hit.documentId, ...block }));
      }
      return made.map((excerpt) => excerpt.id);
    };
    const grain = await excerptsOf('premiums');
    const ports = await excerptsOf('customs');
    await core.handlers.updateExcerpt({ excerptId: ports[0]!, note: '', tags: ['harbour'] });
    await core.handlers.updateExcerpt({ excerptId: grain[0]!, note: '', tags: ['harbour'] });
    const ids = async (query: string) =>
      (await core.handlers.search({ query })).excerpts.map((excerpt) => excerpt.excerptId);
    expect(await ids('in:excerpts author:marchetti')).toEqual([...grain].reverse());
    expect(await ids('in:excerpts author:"łukasz wójcik"')).toEqual([...ports].reverse());
    expect(await ids('in:excerpts outlet:ledger after:2024-01-01')).toEqual([...ports].reverse());
    expect(await ids('in:excerpts outlet:ledger after:2025-01-01')).toEqual([]);
    expect(await ids('in:excerpts tag:harbour')).toEqual([grain[0]!, ports[0]!]);
    expect(await ids('in:excerpts tag:harbour author:wojcik')).toEqual([ports[0]!]);
    const beside = await core.handlers.search({ query: 'author:marchetti' });
    expect(beside.excerptTotal).toBe(grain.length);
    expect((await core.handlers.searchFacets({ query: 'in:excerpts author:marchetti' })).authors).toEqual([
      { value: 'Helena Marchetti', count: grain.length },
    ]);
  });

  it('orders excerpts tied on every sort key by when they were made, so pages neither repeat nor skip one', async () => {
    const sameInstant = createTempCore({ now: () => new Date(Date.UTC(2026, 10, 27, 12, 0, 0)) });
    try {
      const outcome = await sameInstant.handlers.importFileBytes({
        name: 'tied.md',
        dataBase64: Buffer.from(
          '# Tied\n\n' + Array.from({ length: 6 }, (_, i) => `Paragraph ${i} on grain.`).join('\n\n'),
        ).toString('base64'),
      });
      const documentId = outcome.documentId ?? '';
      const document = await sameInstant.handlers.getDocument({ documentId });
      const made: string[] = [];
      for (const block of document.blocks.filter((b) => b.kind === 'paragraph')) {
        made.push(
          (await sameInstant.handlers.createExcerpt({ documentId, start: block.start, end: block.end })).id,
        );
      }
      await Promise.all(
        made.map((excerptId) => sameInstant.handlers.updateExcerpt({ excerptId, note: '', tags: ['tied'] })),
      );
      for (const [query, sort] of [
        ['in:excerpts tag:tied', 'relevance'],
        ['in:excerpts tag:tied', 'date'],
        ['grain in:excerpts', 'date'],
        ['grain in:excerpts tag:tied', 'relevance'],
      ] as const) {
        const whole = (await sameInstant.handlers.search({ query, sort, limit: 20 })).excerpts.map(
          (hit) => hit.excerptId,
        );
        // Equal in every sort key but the last: in the order they were made.
        expect(whole, `${query} (${sort})`).toEqual(made);
        const paged: string[] = [];
        for (let offset = 0; offset < made.length; offset += 1) {
          const page = await sameInstant.handlers.search({ query, sort, limit: 1, offset });
          paged.push(...page.excerpts.map((hit) => hit.excerptId));
        }
        expect(paged, `${query} (${sort})`).toEqual(whole);
      }
    } finally {
      sameInstant.dispose();
    }
  });

  it('pages through documents', async () => {
    const first = await core.handlers.search({ query: 'grain', limit: 1 });
    const second = await core.handlers.search({ query: 'grain', limit: 1, offset: 1 });
    expect(first.documentTotal).toBe(2);
    expect([...first.documents, ...second.documents].map((hit) => hit.documentId)).toHaveLength(2);
    expect(first.documents[0]!.documentId).not.toBe(second.documents[0]!.documentId);
  });

  it('types ahead: the word being typed matches longer words', async () => {
    expect((await core.handlers.search({ query: 'underwr' })).documentTotal).toBe(0);
    expect((await core.handlers.search({ query: 'underwr', typeahead: true })).documentTotal).toBe(1);
    expect((await core.handlers.search({ query: 'un', typeahead: true })).documentTotal).toBe(0);
  });
});

describe('saved searches', () => {
  it('saves, lists with the count of new documents since the last run, runs and deletes', async () => {
    const saved = await core.handlers.saveSearch({ name: 'Grain', query: 'grain -premiums' });
    expect(saved).toMatchObject({ name: 'Grain', newSinceLastRun: 0, lastRunAt: '2026-11-27T12:00:07.000Z' });
    await addDocument('later.md', '# Grain prices\n\nGrain prices fell.\n', {});
    await addDocument('other.md', '# Weather\n\nRain fell.\n', {});
    const [listed] = await core.handlers.listSavedSearches({});
    expect(listed).toMatchObject({ name: 'Grain', query: 'grain -premiums', newSinceLastRun: 1 });
    const run = await core.handlers.runSavedSearch({ savedSearchId: saved.id });
    expect(run.newSinceLastRun).toBe(1);
    expect((await core.handlers.listSavedSearches({}))[0]?.newSinceLastRun).toBe(0);
    await expect(core.handlers.saveSearch({ name: '  ', query: 'x' })).rejects.toThrow(/needs a name/);
    await core.handlers.deleteSavedSearch({ savedSearchId: saved.id });
    expect(await core.handlers.listSavedSearches({})).toEqual([]);
    await expect(core.handlers.runSavedSearch({ savedSearchId: saved.id })).rejects.toThrow(
      /No saved search/,
    );
  });
});
