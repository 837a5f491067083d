import { afterEach, describe, expect, it } from 'vitest';
import { makePdf } from '../corpus/importers/testing/make-pdf';
import { createLibrary, importSource, spanOf, type Library } from './test-library';

let library: Library | undefined;
afterEach(() => {
  library?.dispose();
  library = undefined;
});

const BODY = [
  'The ceasefire is real, but underwriters have memory.',
  'Nobody wants to be the first to cut the rate, one broker said.',
  'Premiums for a single transit still run at a full percent of hull value.',
].join('\n\n');

async function withSource(): Promise<{ library: Library; documentId: string; text: string }> {
  library = createLibrary();
  const document = await importSource(library.api, { title: 'Insurers Hold Firm', body: BODY });
  return { library, documentId: document.id, text: document.text };
}

function rows(current: Library, sql: string, ...params: unknown[]): unknown[] {
  return current.db.prepare(sql).all(...params);
}

describe('creating an excerpt', () => {
  it('keeps the quote and position selectors, the text hash and no page for a text source', async () => {
    const { library, documentId, text } = await withSource();
    const { start, end } = spanOf(text, 'underwriters have memory');
    const excerpt = await library.api.createExcerpt({ documentId, start: start + 2, end: end - 3 });
    expect(excerpt).toMatchObject({
      documentId,
      quote: 'underwriters have memory',
      start,
      end,
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(end, end + 32),
      page: null,
      tags: [],
      color: null,
      documentTitle: 'Insurers Hold Firm',
    });
    const [stored] = rows(library, 'SELECT text_sha256 FROM documents WHERE id = ?', documentId) as {
      text_sha256: string;
    }[];
    expect(excerpt.documentTextSha256).toBe(stored?.text_sha256);
  });

  it('is undone and redone like any edit', async () => {
    const { library, documentId, text } = await withSource();
    const excerpt = await library.api.createExcerpt({ documentId, ...spanOf(text, 'Nobody wants') });
    expect(await library.api.historyState({})).toEqual({
      canUndo: true,
      canRedo: false,
      undoLabel: 'Add excerpt',
      redoLabel: null,
    });
    expect(await library.api.undo({})).toMatchObject({
      canUndo: false,
      canRedo: true,
      redoLabel: 'Add excerpt',
    });
    expect(await library.api.listExcerpts({ documentId })).toEqual([]);
    await library.api.redo({});
    expect((await library.api.listExcerpts({ documentId })).map((item) => item.id)).toEqual([excerpt.id]);
    // Taking the same passage again returns it and records nothing more.
    await library.api.createExcerpt({ documentId, ...spanOf(text, 'Nobody wants') });
    await library.api.undo({});
    await expect(library.api.undo({})).rejects.toMatchObject({ code: 'nothing-to-undo' });
  });

  it('stores the page of the block where a PDF excerpt starts', async () => {
    library = createLibrary();
    const pdf = await makePdf({
      info: { Title: 'Two Pages' },
      blocks: [
        { kind: 'paragraph', text: 'The first page talks about freight rates and the harbour master.' },
        { kind: 'page-break' },
        { kind: 'paragraph', text: 'The second page mentions the convoy schedule for the winter.' },
      ],
    });
    const outcome = await library.api.importFileBytes({
      name: 'two.pdf',
      dataBase64: pdf.bytes.toString('base64'),
    });
    const document = await library.api.getDocument({ documentId: outcome.documentId ?? '' });
    const first = await library.api.createExcerpt({
      documentId: document.id,
      ...spanOf(document.text, 'freight rates'),
    });
    const second = await library.api.createExcerpt({
      documentId: document.id,
      ...spanOf(document.text, 'convoy schedule'),
    });
    expect([first.page, second.page]).toEqual([1, 2]);
  });
});

describe('editing an excerpt', () => {
  it('sets note, tags and colour, bumps updatedAt, and undoes each edit', async () => {
    const { library, documentId, text } = await withSource();
    const excerpt = await library.api.createExcerpt({
      documentId,
      ...spanOf(text, 'underwriters have memory'),
    });
    library.tick();
    const edited = await library.api.updateExcerpt({
      excerptId: excerpt.id,
      note: '  key line  ',
      tags: ['Shipping', 'insurance', 'shipping', '  ', 'Red Sea'],
      color: 'green',
    });
    expect(edited).toMatchObject({
      note: 'key line',
      tags: ['insurance', 'Red Sea', 'Shipping'],
      color: 'green',
    });
    expect(edited.updatedAt > excerpt.updatedAt).toBe(true);
    expect(await library.api.historyState({})).toMatchObject({ undoLabel: 'Edit excerpt' });

    library.tick();
    const recoloured = await library.api.updateExcerpt({ excerptId: excerpt.id, color: null });
    expect(recoloured).toMatchObject({
      color: null,
      note: 'key line',
      tags: ['insurance', 'Red Sea', 'Shipping'],
    });
    expect(await library.api.historyState({})).toMatchObject({ undoLabel: 'Change colour' });

    await library.api.undo({});
    expect((await library.api.listExcerpts({ documentId }))[0]).toMatchObject({ color: 'green' });
    await library.api.undo({});
    const [restored] = await library.api.listExcerpts({ documentId });
    expect(restored).toMatchObject({ note: '', tags: [], color: null, updatedAt: excerpt.updatedAt });
    expect(await library.api.listTags({})).toEqual([]);
    await library.api.redo({});
    expect(await library.api.listTags({})).toEqual([
      { name: 'insurance', count: 1 },
      { name: 'Red Sea', count: 1 },
      { name: 'Shipping', count: 1 },
    ]);
  });

  it('keeps the first spelling of a tag across excerpts and drops tags nobody uses', async () => {
    const { library, documentId, text } = await withSource();
    const one = await library.api.createExcerpt({ documentId, ...spanOf(text, 'underwriters have memory') });
    const two = await library.api.createExcerpt({ documentId, ...spanOf(text, 'Nobody wants') });
    await library.api.updateExcerpt({ excerptId: one.id, tags: ['Red Sea'] });
    expect(
      await library.api.updateExcerpt({ excerptId: two.id, tags: ['RED SEA', 'brokers'] }),
    ).toMatchObject({
      tags: ['brokers', 'Red Sea'],
    });
    expect(await library.api.listTags({})).toEqual([
      { name: 'brokers', count: 1 },
      { name: 'Red Sea', count: 2 },
    ]);
    await library.api.updateExcerpt({ excerptId: two.id, tags: [] });
    expect(await library.api.listTags({})).toEqual([{ name: 'Red Sea', count: 1 }]);
    // A change to nothing records nothing.
    const before = await library.api.historyState({});
    await library.api.updateExcerpt({ excerptId: one.id, tags: ['red sea'], note: '' });
    expect(await library.api.historyState({})).toEqual(before);
  });

  it('compares tags case-insensitively beyond ASCII', async () => {
    const { library, documentId, text } = await withSource();
    const one = await library.api.createExcerpt({ documentId, ...spanOf(text, 'underwriters have memory') });
    const two = await library.api.createExcerpt({ documentId, ...spanOf(text, 'Nobody wants') });
    await library.api.updateExcerpt({ excerptId: one.id, tags: ['Ärzte', 'Ölpreis', 'ölpreis'] });
    await library.api.updateExcerpt({ excerptId: two.id, tags: ['ÄRZTE'] });
    expect(await library.api.listTags({})).toEqual([
      { name: 'Ärzte', count: 2 },
      { name: 'Ölpreis', count: 1 },
    ]);
    expect(
      (await library.api.listAllExcerpts({ filter: { tag: 'ärzte' }, sort: 'recent', offset: 0, limit: 10 }))
        .total,
    ).toBe(2);
  });

  it('answers a missing excerpt with a code', async () => {
    const { library } = await withSource();
    await expect(library.api.updateExcerpt({ excerptId: 'exc_missing', note: 'x' })).rejects.toMatchObject({
      code: 'excerpt-not-found',
    });
    await expect(
      library.api.resizeExcerpt({ excerptId: 'exc_missing', start: 0, end: 3 }),
    ).rejects.toMatchObject({
      code: 'excerpt-not-found',
    });
    await expect(library.api.deleteExcerpt({ excerptId: 'exc_missing' })).rejects.toMatchObject({
      code: 'excerpt-not-found',
    });
  });
});

describe('resizing an excerpt', () => {
  it('extends and shrinks to whole words with new context, and undoes', async () => {
    const { library, documentId, text } = await withSource();
    const excerpt = await library.api.createExcerpt({
      documentId,
      ...spanOf(text, 'underwriters have memory'),
    });
    const wider = spanOf(text, 'but underwriters have memory.');
    library.tick();
    const extended = await library.api.resizeExcerpt({
      excerptId: excerpt.id,
      start: wider.start + 1,
      end: wider.end,
    });
    expect(extended).toMatchObject({
      quote: 'but underwriters have memory.',
      start: wider.start,
      end: wider.end,
      prefix: text.slice(Math.max(0, wider.start - 32), wider.start),
      suffix: text.slice(wider.end, wider.end + 32),
    });
    expect(extended.updatedAt > excerpt.updatedAt).toBe(true);
    expect(await library.api.historyState({})).toMatchObject({ undoLabel: 'Resize excerpt' });
    const shrunk = await library.api.resizeExcerpt({ excerptId: excerpt.id, ...spanOf(text, 'have memo') });
    expect(shrunk.quote).toBe('have memory');
    await library.api.undo({});
    await library.api.undo({});
    expect((await library.api.listExcerpts({ documentId }))[0]).toMatchObject({
      quote: 'underwriters have memory',
      start: excerpt.start,
      end: excerpt.end,
      prefix: excerpt.prefix,
      suffix: excerpt.suffix,
    });
  });

  it('refuses an empty range and an excerpt a briefing quotes', async () => {
    const { library, documentId, text } = await withSource();
    const excerpt = await library.api.createExcerpt({
      documentId,
      ...spanOf(text, 'underwriters have memory'),
    });
    const gap = text.indexOf('\n\n');
    await expect(
      library.api.resizeExcerpt({ excerptId: excerpt.id, start: gap, end: gap + 2 }),
    ).rejects.toMatchObject({
      code: 'empty-selection',
    });
    const briefing = await library.api.createBriefing({ title: 'Outlook' });
    await library.api.addExcerptToBriefing({ briefingId: briefing.id, excerptId: excerpt.id });
    await expect(
      library.api.resizeExcerpt({ excerptId: excerpt.id, start: 0, end: 40 }),
    ).rejects.toMatchObject({
      code: 'excerpt-in-use',
      message: expect.stringMatching(/quoted in a briefing/) as unknown,
    });
  });
});

describe('deleting an excerpt', () => {
  it('undoes a delete with its tags, collection places and carried-over links', async () => {
    const { library, documentId, text } = await withSource();
    const excerpt = await library.api.createExcerpt({
      documentId,
      ...spanOf(text, 'underwriters have memory'),
    });
    const other = await library.api.createExcerpt({ documentId, ...spanOf(text, 'Nobody wants') });
    await library.api.updateExcerpt({
      excerptId: excerpt.id,
      tags: ['Lonely', 'shared'],
      note: 'n',
      color: 'pink',
    });
    await library.api.updateExcerpt({ excerptId: other.id, tags: ['Shared'] });
    library.db.exec(
      `INSERT INTO collections (id, name, created_at, updated_at) VALUES ('col_a', 'Shipping', 'now', 'now')`,
    );
    library.db
      .prepare(
        'INSERT INTO collection_items (collection_id, excerpt_id, position) VALUES (?, ?, ?), (?, ?, ?)',
      )
      .run('col_a', other.id, 0, 'col_a', excerpt.id, 1);
    library.db.prepare('UPDATE excerpts SET carried_from = ? WHERE id = ?').run(excerpt.id, other.id);

    await library.api.deleteExcerpt({ excerptId: excerpt.id });
    expect((await library.api.listExcerpts({ documentId })).map((item) => item.id)).toEqual([other.id]);
    expect(await library.api.listTags({})).toEqual([{ name: 'shared', count: 1 }]);
    expect(rows(library, 'SELECT excerpt_id FROM collection_items')).toEqual([{ excerpt_id: other.id }]);
    expect(await library.api.historyState({})).toMatchObject({ undoLabel: 'Delete excerpt' });

    await library.api.undo({});
    const [restored] = (await library.api.listExcerpts({ documentId })).filter(
      (item) => item.id === excerpt.id,
    );
    expect(restored).toMatchObject({
      tags: ['Lonely', 'shared'],
      note: 'n',
      color: 'pink',
      quote: excerpt.quote,
    });
    expect(rows(library, 'SELECT excerpt_id, position FROM collection_items ORDER BY position')).toEqual([
      { excerpt_id: other.id, position: 0 },
      { excerpt_id: excerpt.id, position: 1 },
    ]);
    expect(rows(library, 'SELECT carried_from FROM excerpts WHERE id = ?', other.id)).toEqual([
      { carried_from: excerpt.id },
    ]);

    await library.api.redo({});
    expect((await library.api.listExcerpts({ documentId })).map((item) => item.id)).toEqual([other.id]);
    expect(rows(library, 'SELECT carried_from FROM excerpts WHERE id = ?', other.id)).toEqual([
      { carried_from: null },
    ]);
    await library.api.undo({});
    expect(await library.api.listTags({})).toEqual([
      { name: 'Lonely', count: 1 },
      { name: 'shared', count: 2 },
    ]);
  });
});

describe('tags', () => {
  async function tagged(): Promise<{ library: Library; ids: string[] }> {
    const { library, documentId, text } = await withSource();
    const one = await library.api.createExcerpt({ documentId, ...spanOf(text, 'underwriters have memory') });
    const two = await library.api.createExcerpt({ documentId, ...spanOf(text, 'Nobody wants') });
    const three = await library.api.createExcerpt({ documentId, ...spanOf(text, 'single transit') });
    await library.api.updateExcerpt({ excerptId: one.id, tags: ['shipping', 'Insurance'] });
    await library.api.updateExcerpt({ excerptId: two.id, tags: ['Shipping lanes'] });
    await library.api.updateExcerpt({ excerptId: three.id, tags: ['insurers', 'Shipping lanes'] });
    return { library, ids: [one.id, two.id, three.id] };
  }

  it('lists tags by name, case-insensitively, with counts', async () => {
    const { library } = await tagged();
    expect(await library.api.listTags({})).toEqual([
      { name: 'Insurance', count: 1 },
      { name: 'insurers', count: 1 },
      { name: 'shipping', count: 1 },
      { name: 'Shipping lanes', count: 2 },
    ]);
  });

  it('renames a tag, including a change of case only', async () => {
    const { library } = await tagged();
    expect(await library.api.renameTag({ from: 'SHIPPING LANES', to: 'Sea lanes' })).toContainEqual({
      name: 'Sea lanes',
      count: 2,
    });
    expect(await library.api.historyState({})).toMatchObject({
      undoLabel: 'Rename tag “Shipping lanes” to “Sea lanes”',
    });
    expect(await library.api.renameTag({ from: 'sea lanes', to: 'sea lanes' })).toContainEqual({
      name: 'sea lanes',
      count: 2,
    });
    await library.api.undo({});
    await library.api.undo({});
    expect(await library.api.listTags({})).toContainEqual({ name: 'Shipping lanes', count: 2 });
  });

  it('merges a tag renamed onto an existing one, and undoes the merge', async () => {
    const { library, ids } = await tagged();
    const merged = await library.api.renameTag({ from: 'insurers', to: 'insurance' });
    expect(merged).toEqual([
      { name: 'Insurance', count: 2 },
      { name: 'shipping', count: 1 },
      { name: 'Shipping lanes', count: 2 },
    ]);
    expect(await library.api.historyState({})).toMatchObject({
      undoLabel: 'Merge tag “insurers” into “Insurance”',
    });
    // An excerpt that had both tags keeps one.
    await library.api.renameTag({ from: 'shipping', to: 'Insurance' });
    const first = (await library.api.listExcerpts({})).find((item) => item.id === ids[0]);
    expect(first?.tags).toEqual(['Insurance']);
    expect((await library.api.listTags({})).find((tag) => tag.name === 'Insurance')).toEqual({
      name: 'Insurance',
      count: 2,
    });
    await library.api.undo({});
    await library.api.undo({});
    expect(await library.api.listTags({})).toEqual([
      { name: 'Insurance', count: 1 },
      { name: 'insurers', count: 1 },
      { name: 'shipping', count: 1 },
      { name: 'Shipping lanes', count: 2 },
    ]);
    await library.api.redo({});
    const page = await library.api.listAllExcerpts({
      filter: { tag: 'INSURANCE' },
      sort: 'document',
      offset: 0,
      limit: 10,
    });
    expect(page.items.map((item) => item.id).sort()).toEqual([ids[0], ids[2]].sort());
  });

  it('refuses to rename a tag that does not exist', async () => {
    const { library } = await tagged();
    await expect(library.api.renameTag({ from: 'nothing', to: 'else' })).rejects.toMatchObject({
      code: 'tag-invalid',
      message: 'There is no tag “nothing” to rename.',
    });
  });
});
