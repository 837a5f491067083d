import { afterEach, describe, expect, it } from 'vitest';
import { richTextFromPlain } from '../../shared/rich-text';
import type { Briefing } from '../../shared/dto';
import { importPaths } from '../corpus/import';
import { pdfTextOf } from '../testing/pdf-text';
import { CORPUS_DIR, createHeadlessCore, createTempCore, type TempCore } from '../testing/temp-core';
import type { Core } from '../api/core';

let core: TempCore | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
});

/** A clock the test moves on, so "typing close together" and "later" are under its control. */
function clock(start = '2026-11-27T12:00:00Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

async function seeded(time = clock()): Promise<TempCore> {
  core = createTempCore({ now: time.now });
  await importPaths(core.db, [CORPUS_DIR], time.now);
  return core;
}

async function excerptOf(api: Core['handlers'], title: string, phrase: string): Promise<string> {
  const document = (await api.listDocuments({})).find((entry) => entry.title === title);
  if (document === undefined) throw new Error(`no document ${title}`);
  const text = (await api.getDocument({ documentId: document.id })).text;
  const at = text.indexOf(phrase);
  if (at < 0) throw new Error(`no phrase ${phrase}`);
  return (await api.createExcerpt({ documentId: document.id, start: at, end: at + phrase.length })).id;
}

const outline = (briefing: Briefing) =>
  briefing.sections.map((section) => [
    section.heading,
    section.items.map((item) => (item.kind === 'excerpt' ? item.quote : item.text)),
  ]);

describe('the briefing composer', () => {
  it('creates from a template, arranges blocks, and undoes every step (also after a restart)', async () => {
    const time = clock();
    const { handlers, dataDir } = await seeded(time);
    const created = await handlers.createBriefing({ title: 'Black Sea note', template: 'bluf' });
    expect(created.sections.map((section) => section.heading)).toEqual([
      'Bottom line',
      'Key judgments',
      'Discussion',
      'Outlook',
      'Sources',
    ]);
    expect(created.sections[0]?.guidance).toMatch(/conclusion/);
    const [bottom, judgments, discussion] = created.sections;
    if (bottom === undefined || judgments === undefined || discussion === undefined)
      throw new Error('sections');

    const a = await excerptOf(
      handlers,
      'Red Sea War-Risk Premiums Refuse to Fall',
      'underwriters have memory',
    );
    const b = await excerptOf(handlers, 'The Price of Passage: Black Sea Grain Insurance', 'Black Sea');
    await handlers.addBriefingItem({
      briefingId: created.id,
      sectionId: discussion.id,
      item: { kind: 'excerpt', excerptId: a },
    });
    await handlers.addBriefingItem({
      briefingId: created.id,
      sectionId: discussion.id,
      item: { kind: 'excerpt', excerptId: b },
    });
    await handlers.addBriefingItem({
      briefingId: created.id,
      sectionId: judgments.id,
      item: {
        kind: 'judgment',
        text: 'Premiums stay high through the spring',
        likelihood: 'likely',
        confidence: 'moderate',
      },
    });
    let briefing = await handlers.addBriefingItem({
      briefingId: created.id,
      sectionId: discussion.id,
      index: 1,
      item: { kind: 'commentary', rich: richTextFromPlain('Both sources agree.') },
    });
    expect(outline(briefing)[2]).toEqual([
      'Discussion',
      ['underwriters have memory', 'Both sources agree.', 'Black Sea'],
    ]);

    // Move the second excerpt to the top of the discussion, then into Outlook.
    const second = briefing.sections[2]?.items[2];
    briefing = await handlers.moveBriefingItem({
      itemId: second?.id ?? '',
      sectionId: discussion.id,
      index: 0,
    });
    expect(outline(briefing)[2]?.[1]).toEqual([
      'Black Sea',
      'underwriters have memory',
      'Both sources agree.',
    ]);
    const outlook = briefing.sections[3];
    briefing = await handlers.moveBriefingItem({
      itemId: second?.id ?? '',
      sectionId: outlook?.id ?? '',
      index: 0,
    });
    expect(outline(briefing)[3]).toEqual(['Outlook', ['Black Sea']]);

    // A block cannot move into another briefing.
    const other = await handlers.createBriefing({ title: 'Other', template: 'daily-brief' });
    await expect(
      handlers.moveBriefingItem({
        itemId: second?.id ?? '',
        sectionId: other.sections[0]?.id ?? '',
        index: 0,
      }),
    ).rejects.toMatchObject({ code: 'section-not-found' });

    // Typing close together is one undo step; typing later is another.
    const commentary = briefing.sections[2]?.items.find((item) => item.kind === 'commentary');
    for (const text of ['Both sources agree', 'Both sources agree on', 'Both sources agree on cost.']) {
      time.advance(400);
      await handlers.updateCommentary({ itemId: commentary?.id ?? '', rich: richTextFromPlain(text) });
    }
    time.advance(10_000);
    const state = await handlers.updateCommentary({
      itemId: commentary?.id ?? '',
      rich: richTextFromPlain('Both sources agree on cost. Later words.'),
    });
    expect(state.undoLabel).toBe('Typing in commentary');

    // Restart: the history is in the store.
    core?.close();
    const reopened = createHeadlessCore(dataDir, { now: time.now });
    try {
      let undone = await reopened.handlers.undoBriefing({ briefingId: created.id });
      expect(undone.briefing.sections[2]?.items[1]).toMatchObject({ text: 'Both sources agree on cost.' });
      undone = await reopened.handlers.undoBriefing({ briefingId: created.id });
      expect(undone.briefing.sections[2]?.items[1]).toMatchObject({ text: 'Both sources agree.' });
      undone = await reopened.handlers.undoBriefing({ briefingId: created.id });
      expect(outline(undone.briefing)[3]).toEqual(['Outlook', []]);
      expect(undone.history.redoLabel).toBe('Move excerpt');
      const redone = await reopened.handlers.redoBriefing({ briefingId: created.id });
      expect(outline(redone.briefing)[3]).toEqual(['Outlook', ['Black Sea']]);
    } finally {
      reopened.close();
      core = { ...(core as TempCore), close: () => undefined, dispose: () => undefined };
    }
  });

  it('trims quotes only by cutting, marking cuts with … and adding [words]', async () => {
    const { handlers } = await seeded();
    const excerptId = await excerptOf(
      handlers,
      'Red Sea War-Risk Premiums Refuse to Fall',
      'The ceasefire is real, but underwriters have memory',
    );
    const briefing = await handlers.createBriefing({ title: 'Trim' });
    const added = await handlers.addBriefingItem({
      briefingId: briefing.id,
      item: { kind: 'excerpt', excerptId },
    });
    const itemId = added.sections[0]?.items[0]?.id ?? '';

    const trimmed = await handlers.editQuote({
      itemId,
      text: 'The ceasefire is real … underwriters have memory',
    });
    expect(trimmed.sections[0]?.items[0]).toMatchObject({
      quote: 'The ceasefire is real … underwriters have memory',
      originalQuote: 'The ceasefire is real, but underwriters have memory',
    });
    await expect(
      handlers.editQuote({ itemId, text: 'The ceasefire is fake, but underwriters have memory' }),
    ).rejects.toMatchObject({
      code: 'quote-edit-refused',
    });
    await expect(
      handlers.editQuote({ itemId, text: 'The ceasefire is real underwriters have memory' }),
    ).rejects.toMatchObject({
      code: 'quote-edit-refused',
    });
    // The refused edits changed nothing; the trimmed quote exports and verifies.
    const result = await handlers.exportBriefingPdf({ briefingId: briefing.id });
    expect(pdfTextOf(result.path ?? '')).toContain('The ceasefire is real … underwriters have memory');
    const whole = await handlers.editQuote({
      itemId,
      text: 'The ceasefire is real, but underwriters have memory',
    });
    expect(whole.sections[0]?.items[0]).toMatchObject({ trim: null });
    // The export saved a version of what was distributed.
    expect((await handlers.listBriefingVersions({ briefingId: briefing.id }))[0]).toMatchObject({
      reason: 'export',
    });
  });

  it('numbers citations by first appearance and renumbers them when blocks move', async () => {
    const { handlers } = await seeded();
    const a = await excerptOf(
      handlers,
      'Red Sea War-Risk Premiums Refuse to Fall',
      'underwriters have memory',
    );
    const b = await excerptOf(handlers, 'The Price of Passage: Black Sea Grain Insurance', 'Black Sea');
    const briefing = await handlers.createBriefing({ title: 'Citations' });
    await handlers.addBriefingItem({ briefingId: briefing.id, item: { kind: 'excerpt', excerptId: a } });
    const current = await handlers.addBriefingItem({
      briefingId: briefing.id,
      item: { kind: 'excerpt', excerptId: b },
    });
    const pdf = async () =>
      pdfTextOf((await handlers.exportBriefingPdf({ briefingId: briefing.id })).path ?? '');
    let text = await pdf();
    expect(text).toMatch(/underwriters have memory¹[\s\S]*Black Sea²/);
    expect(text).toMatch(/1\. Daniel Okafor-Reid[\s\S]*2\. /);
    // After the notes, the sources in alphabetical order, in bibliography form.
    expect(text.replace(/\s+/g, ' ')).toMatch(
      /Sources [\s\S]*Okafor-Reid, Daniel\. “Red Sea War-Risk Premiums Refuse to Fall\.” Harbourline Weekly/,
    );
    const second = current.sections[0]?.items[1]?.id ?? '';
    await handlers.moveBriefingItem({ itemId: second, sectionId: current.sections[0]?.id ?? '', index: 0 });
    text = await pdf();
    expect(text).toMatch(/Black Sea¹[\s\S]*underwriters have memory²/);
    expect(text).toMatch(/1\. [\s\S]*Black Sea Grain Insurance[\s\S]*2\. Daniel Okafor-Reid/);
  });

  it('puts an opened briefing first, and writes nothing when it is first already', async () => {
    const time = clock();
    const { handlers } = await seeded(time);
    const grain = await handlers.createBriefing({ title: 'Grain corridor' });
    time.advance(1000);
    const baltic = await handlers.createBriefing({ title: 'Baltic cables' });
    time.advance(1000);
    const titles = async () => (await handlers.listBriefings({})).map((entry) => entry.title);
    expect(await titles()).toEqual(['Baltic cables', 'Grain corridor']);

    // Newest already: opening it changes nothing, so nothing is written.
    expect((await handlers.openBriefing({ briefingId: baltic.id })).openedAt).toBe(baltic.openedAt);
    const opened = await handlers.openBriefing({ briefingId: grain.id });
    expect(opened.openedAt).not.toBeNull();
    expect(await titles()).toEqual(['Grain corridor', 'Baltic cables']);
    time.advance(1000);
    expect((await handlers.openBriefing({ briefingId: grain.id })).openedAt).toBe(opened.openedAt);

    time.advance(1000);
    await handlers.openBriefing({ briefingId: baltic.id });
    expect(await titles()).toEqual(['Baltic cables', 'Grain corridor']);
    time.advance(1000);
    const again = await handlers.openBriefing({ briefingId: grain.id });
    expect(again.openedAt).not.toBe(opened.openedAt);
    expect(await titles()).toEqual(['Grain corridor', 'Baltic cables']);
  });

  it('lists, searches, duplicates and deletes briefings, and brings a deleted one back', async () => {
    const time = clock();
    const { handlers } = await seeded(time);
    const first = await handlers.createBriefing({ title: 'Grain corridor', template: 'policy-brief' });
    time.advance(1000);
    await handlers.createBriefing({ title: 'Baltic cables' });
    time.advance(1000);
    await handlers.openBriefing({ briefingId: first.id });
    expect((await handlers.listBriefings({})).map((entry) => entry.title)).toEqual([
      'Grain corridor',
      'Baltic cables',
    ]);
    expect((await handlers.listBriefings({ query: 'BALTIC' })).map((entry) => entry.title)).toEqual([
      'Baltic cables',
    ]);

    const copy = await handlers.duplicateBriefing({ briefingId: first.id });
    expect(copy.title).toBe('Grain corridor (copy)');
    expect(copy.sections.map((section) => section.heading)).toEqual(
      first.sections.map((section) => section.heading),
    );
    expect(copy.sections[0]?.id).not.toBe(first.sections[0]?.id);

    await handlers.deleteBriefing({ briefingId: first.id });
    await expect(handlers.getBriefing({ briefingId: first.id })).rejects.toMatchObject({
      code: 'briefing-not-found',
    });
    expect((await handlers.listBriefings({})).map((entry) => entry.title)).not.toContain('Grain corridor');
    await handlers.undo({});
    expect((await handlers.getBriefing({ briefingId: first.id })).title).toBe('Grain corridor');
    await expect(handlers.createBriefing({ title: 'X', template: 'nope' })).rejects.toMatchObject({
      code: 'template-not-found',
    });
  });

  it('saves versions, compares them with the draft and restores one', async () => {
    const time = clock();
    const { handlers } = await seeded(time);
    const a = await excerptOf(
      handlers,
      'Red Sea War-Risk Premiums Refuse to Fall',
      'underwriters have memory',
    );
    const briefing = await handlers.createBriefing({ title: 'Versions', template: 'daily-brief' });
    const [assessment, evidence] = briefing.sections;
    await handlers.addBriefingItem({
      briefingId: briefing.id,
      sectionId: assessment?.id,
      item: { kind: 'commentary', rich: richTextFromPlain('Risk stays high.') },
    });
    const version = await handlers.saveBriefingVersion({ briefingId: briefing.id, name: 'Sent to desk' });
    expect(version).toMatchObject({ name: 'Sent to desk', reason: 'manual', sectionCount: 3, itemCount: 1 });

    time.advance(60_000);
    const draft = await handlers.addBriefingItem({
      briefingId: briefing.id,
      sectionId: evidence?.id,
      item: { kind: 'excerpt', excerptId: a },
    });
    const commentary = draft.sections[0]?.items[0]?.id ?? '';
    await handlers.moveBriefingItem({ itemId: commentary, sectionId: evidence?.id ?? '', index: 1 });
    await handlers.updateSection({ sectionId: evidence?.id ?? '', heading: 'The evidence' });
    const comparison = await handlers.compareBriefingVersion({ versionId: version.id });
    expect(comparison.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'added', itemKind: 'excerpt', section: 'The evidence' }),
        expect.objectContaining({ kind: 'moved', itemKind: 'commentary', label: 'Risk stays high.' }),
        expect.objectContaining({ kind: 'edited', itemKind: 'section', label: 'Evidence → The evidence' }),
      ]),
    );

    const restored = await handlers.restoreBriefingVersion({ versionId: version.id });
    expect(outline(restored)).toEqual([
      ['Assessment', ['Risk stays high.']],
      ['Evidence', []],
      ['Other views', []],
    ]);
    expect((await handlers.compareBriefingVersion({ versionId: version.id })).changes).toEqual([]);
    // The draft before the restore was kept, and the restore itself can be undone.
    expect(
      (await handlers.listBriefingVersions({ briefingId: briefing.id })).map((entry) => entry.reason),
    ).toContain('restore');
    const undone = await handlers.undoBriefing({ briefingId: briefing.id });
    expect(outline(undone.briefing)[1]?.[0]).toBe('The evidence');
  });

  it('keeps quotes tied to their excerpt, and a deleted briefing neither locks excerpts nor is lost', async () => {
    const { handlers } = await seeded();
    const excerptId = await excerptOf(
      handlers,
      'Red Sea War-Risk Premiums Refuse to Fall',
      'underwriters have memory',
    );
    const excerpt = (await handlers.listExcerpts({})).find((entry) => entry.id === excerptId);
    // Resize the excerpt, quote it, then undo the resize in the library: the block follows the excerpt.
    await handlers.resizeExcerpt({ excerptId, start: excerpt?.start ?? 0, end: (excerpt?.end ?? 0) + 8 });
    const briefing = await handlers.createBriefing({ title: 'Tied' });
    await handlers.addBriefingItem({ briefingId: briefing.id, item: { kind: 'excerpt', excerptId } });
    await handlers.undo({}); // undoes the resize (the briefing edit is in the briefing's own history)
    const after = await handlers.getBriefing({ briefingId: briefing.id });
    const block = after.sections[0]?.items[0];
    const now = (await handlers.listExcerpts({})).find((entry) => entry.id === excerptId);
    expect(block).toMatchObject({ quote: now?.quote, originalQuote: now?.quote, trim: null });

    // Deleted, the briefing no longer holds the excerpt; restored, it is back whole.
    await handlers.deleteBriefing({ briefingId: briefing.id });
    const restored = await handlers.restoreBriefing({ briefingId: briefing.id });
    expect(restored.sections[0]?.items).toHaveLength(1);
    await handlers.deleteBriefing({ briefingId: briefing.id });
    await handlers.deleteExcerpt({ excerptId });
    await expect(handlers.restoreBriefing({ briefingId: briefing.id })).rejects.toMatchObject({
      code: 'briefing-not-found',
    });
  });

  it('inserts a whole collection in its order as one undoable step', async () => {
    const { handlers } = await seeded();
    const a = await excerptOf(
      handlers,
      'Red Sea War-Risk Premiums Refuse to Fall',
      'underwriters have memory',
    );
    const b = await excerptOf(handlers, 'The Price of Passage: Black Sea Grain Insurance', 'Black Sea');
    const collection = await handlers.createCollection({ name: 'Shipping risk' });
    await handlers.addToCollection({ collectionId: collection.id, excerptIds: [b, a] });
    const briefing = await handlers.createBriefing({ title: 'Collection' });
    const filled = await handlers.insertCollection({ briefingId: briefing.id, collectionId: collection.id });
    expect(outline(filled)).toEqual([['Discussion', ['Black Sea', 'underwriters have memory']]]);
    const undone = await handlers.undoBriefing({ briefingId: briefing.id });
    expect(undone.briefing.sections.flatMap((section) => section.items)).toEqual([]);
    expect(undone.history.undoLabel).toBeNull();
  });
});
