import { afterEach, describe, expect, it } from 'vitest';
import type { CarryOverItem } from '../../shared/dto';
import { createLibrary, importSource, spanOf, type Library } from './test-library';

let library: Library | undefined;
afterEach(() => {
  library?.dispose();
  library = undefined;
});

const URL = 'https://harbourline.example/red-sea-premiums';

const OLD = [
  'War-risk premiums for the Red Sea have not fallen since the ceasefire.',
  'The ceasefire is real, but underwriters have memory, one broker in London said.',
  'Premiums for a single transit still run at a full percent of hull value.',
  'Shipowners are weighing the longer route around the Cape of Good Hope.',
  'A spokesman for the insurers association declined to comment on the figures.',
].join('\n\n');

// The newer version: a paragraph added at the top, one paragraph moved, one sentence reworded,
// one paragraph removed.
const NEW = [
  'Updated on Friday with comments from shipowners.',
  'War-risk premiums for the Red Sea have not fallen since the ceasefire.',
  'Shipowners are weighing the longer route around the Cape of Good Hope.',
  'The ceasefire is real, but underwriters have a long memory, one broker in London said.',
  'Premiums for a single transit still run at a full percent of hull value.',
].join('\n\n');

async function versions() {
  library = createLibrary();
  const older = await importSource(library.api, { title: 'Premiums Refuse to Fall', url: URL, body: OLD });
  library.tick();
  const newer = await importSource(library.api, { title: 'Premiums Refuse to Fall', url: URL, body: NEW });
  expect(newer.previousVersionId).toBe(older.id);
  const take = async (phrase: string) => {
    library?.tick();
    return (
      await (library as Library).api.createExcerpt({ documentId: older.id, ...spanOf(older.text, phrase) })
    ).id;
  };
  const ids = {
    unchanged: await take('Premiums for a single transit still run at a full percent of hull value.'),
    moved: await take('Shipowners are weighing the longer route'),
    fuzzy: await take('but underwriters have memory, one broker in London said.'),
    missing: await take('A spokesman for the insurers association declined to comment'),
  };
  await library.api.updateExcerpt({
    excerptId: ids.fuzzy,
    note: 'key line',
    tags: ['Insurance', 'Red Sea'],
    color: 'pink',
  });
  return { library, older, newer, ids };
}

const byId = (items: readonly CarryOverItem[], id: string) => items.find((item) => item.excerptId === id);

describe('carrying excerpts over to a newer version', () => {
  it('plans where each excerpt lands: exact, moved, fuzzy for review, or missing', async () => {
    const { library, older, newer, ids } = await versions();
    const plan = await library.api.planCarryOver({ fromDocumentId: older.id, toDocumentId: newer.id });
    expect(plan.items).toHaveLength(4);
    const unchangedAt = spanOf(
      newer.text,
      'Premiums for a single transit still run at a full percent of hull value.',
    );
    expect(byId(plan.items, ids.unchanged)).toEqual({
      excerptId: ids.unchanged,
      quote: 'Premiums for a single transit still run at a full percent of hull value.',
      status: 'moved',
      start: unchangedAt.start,
      end: unchangedAt.end,
      newQuote: 'Premiums for a single transit still run at a full percent of hull value.',
      similarity: 1,
      carried: false,
    });
    expect(byId(plan.items, ids.moved)).toMatchObject({
      status: 'moved',
      ...spanOf(newer.text, 'Shipowners are weighing the longer route'),
      similarity: 1,
    });
    const fuzzy = byId(plan.items, ids.fuzzy);
    expect(fuzzy).toMatchObject({
      status: 'fuzzy',
      newQuote: 'but underwriters have a long memory, one broker in London said.',
      ...spanOf(newer.text, 'but underwriters have a long memory, one broker in London said.'),
    });
    expect(fuzzy?.similarity).toBeGreaterThan(0.8);
    expect(fuzzy?.similarity).toBeLessThan(1);
    expect(byId(plan.items, ids.missing)).toMatchObject({
      status: 'missing',
      start: null,
      end: null,
      newQuote: null,
    });
  });

  it('keeps exact for a passage whose context did not change', async () => {
    library = createLibrary();
    const older = await importSource(library.api, {
      title: 'Short',
      url: URL,
      body: 'One two three four five six.\n\nSeven eight nine ten.',
    });
    const newer = await importSource(library.api, {
      title: 'Short',
      url: URL,
      body: 'One two three four five six.\n\nSeven eight nine ten.\n\nA new closing paragraph with more than thirty-two characters.',
    });
    const excerpt = await library.api.createExcerpt({
      documentId: older.id,
      ...spanOf(older.text, 'three four'),
    });
    const plan = await library.api.planCarryOver({ fromDocumentId: older.id, toDocumentId: newer.id });
    expect(byId(plan.items, excerpt.id)).toMatchObject({
      status: 'exact',
      ...spanOf(newer.text, 'three four'),
    });
  });

  it('creates the accepted excerpts from the newer text, copies their metadata and never touches the old ones', async () => {
    const { library, older, newer, ids } = await versions();
    const oldBefore = await library.api.listExcerpts({ documentId: older.id });
    library.tick();
    const plan = await library.api.applyCarryOver({
      fromDocumentId: older.id,
      toDocumentId: newer.id,
      excerptIds: [ids.unchanged, ids.moved, ids.fuzzy, ids.missing],
    });
    expect(
      plan.items
        .filter((item) => item.carried)
        .map((item) => item.excerptId)
        .sort(),
    ).toEqual([ids.unchanged, ids.moved, ids.fuzzy].sort());
    const created = await library.api.listExcerpts({ documentId: newer.id });
    expect(created.map((item) => item.quote)).toEqual([
      'Shipowners are weighing the longer route',
      'but underwriters have a long memory, one broker in London said.',
      'Premiums for a single transit still run at a full percent of hull value.',
    ]);
    for (const excerpt of created) expect(newer.text.slice(excerpt.start, excerpt.end)).toBe(excerpt.quote);
    expect(created[1]).toMatchObject({ note: 'key line', tags: ['Insurance', 'Red Sea'], color: 'pink' });
    const links = library.db
      .prepare('SELECT carried_from FROM excerpts WHERE document_id = ? ORDER BY start_offset')
      .pluck()
      .all(newer.id);
    expect(links).toEqual([ids.moved, ids.fuzzy, ids.unchanged]);
    expect(await library.api.listExcerpts({ documentId: older.id })).toEqual(oldBefore);
    expect((await library.api.verifyExcerpts({})).broken).toBe(0);

    // Applying again creates nothing more.
    await library.api.applyCarryOver({
      fromDocumentId: older.id,
      toDocumentId: newer.id,
      excerptIds: [ids.unchanged],
    });
    expect(await library.api.listExcerpts({ documentId: newer.id })).toHaveLength(3);
  });

  it('carries a fuzzy match only when it is accepted', async () => {
    const { library, older, newer, ids } = await versions();
    await library.api.applyCarryOver({
      fromDocumentId: older.id,
      toDocumentId: newer.id,
      excerptIds: [ids.unchanged, ids.moved],
    });
    const quotes = (await library.api.listExcerpts({ documentId: newer.id })).map((item) => item.quote);
    expect(quotes).not.toContain('but underwriters have a long memory, one broker in London said.');
    expect(quotes).toHaveLength(2);
  });

  it('undoes a carry-over as one edit', async () => {
    const { library, older, newer, ids } = await versions();
    await library.api.applyCarryOver({
      fromDocumentId: older.id,
      toDocumentId: newer.id,
      excerptIds: [ids.moved, ids.fuzzy],
    });
    expect(await library.api.historyState({})).toMatchObject({ undoLabel: 'Carry over 2 excerpts' });
    await library.api.undo({});
    expect(await library.api.listExcerpts({ documentId: newer.id })).toEqual([]);
    expect(await library.api.listTags({})).toEqual([
      { name: 'Insurance', count: 1 },
      { name: 'Red Sea', count: 1 },
    ]);
    await library.api.redo({});
    expect(await library.api.listExcerpts({ documentId: newer.id })).toHaveLength(2);
  });

  it('links a passage already excerpted in the newer version instead of copying it', async () => {
    const { library, older, newer, ids } = await versions();
    const own = await library.api.createExcerpt({
      documentId: newer.id,
      ...spanOf(newer.text, 'Shipowners are weighing the longer route'),
    });
    await library.api.applyCarryOver({
      fromDocumentId: older.id,
      toDocumentId: newer.id,
      excerptIds: [ids.moved],
    });
    const onNewer = await library.api.listExcerpts({ documentId: newer.id });
    expect(onNewer.map((item) => item.id)).toEqual([own.id]);
    const plan = await library.api.planCarryOver({ fromDocumentId: older.id, toDocumentId: newer.id });
    expect(byId(plan.items, ids.moved)?.carried).toBe(true);
  });

  it('refuses unknown documents, excerpts of another document and a document paired with itself', async () => {
    const { library, older, newer } = await versions();
    await expect(
      library.api.planCarryOver({ fromDocumentId: older.id, toDocumentId: 'doc_missing' }),
    ).rejects.toMatchObject({
      code: 'document-not-found',
    });
    await expect(
      library.api.planCarryOver({ fromDocumentId: older.id, toDocumentId: older.id }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
    });
    const stray = await library.api.createExcerpt({
      documentId: newer.id,
      ...spanOf(newer.text, 'Updated on Friday'),
    });
    await expect(
      library.api.applyCarryOver({
        fromDocumentId: older.id,
        toDocumentId: newer.id,
        excerptIds: [stray.id],
      }),
    ).rejects.toMatchObject({ code: 'excerpt-not-found' });
  });
});
