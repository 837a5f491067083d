import { afterEach, describe, expect, it } from 'vitest';
import type { CollectionDetail } from '../../shared/dto';
import { dispatch } from '../api/dispatch';
import { listCollectionPositions } from '../store/collections';
import { historyState, redoNext, undoLast } from '../store/history';
import type { TempCore } from '../testing/temp-core';
import { HISTORY_SCOPE } from './service';
import { countRows, makeExcerpts, seededCore } from './testing';

let core: TempCore | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
});

/** A clock that moves one second per call, so updated_at orders edits. */
function tickingClock(): () => Date {
  let tick = 0;
  return () => new Date(Date.UTC(2026, 10, 27, 12, 0, tick++));
}

function ids(detail: CollectionDetail): string[] {
  return detail.excerpts.map((excerpt) => excerpt.id);
}

function expectDense(collectionId: string): void {
  const positions = listCollectionPositions(core?.db ?? fail(), collectionId).map((item) => item.position);
  expect(positions).toEqual(positions.map((_, index) => index));
}

function fail(): never {
  throw new Error('no core');
}

describe('collections', () => {
  it('creates, names, describes, lists and deletes collections; excerpts stay in the library', async () => {
    core = await seededCore({ now: tickingClock() });
    const { handlers } = core;
    const [first, second] = await makeExcerpts(core, { documents: 1, perDocument: 2 });

    const red = await handlers.createCollection({ name: 'Red Sea', description: 'Insurance angle' });
    expect(red).toMatchObject({ name: 'Red Sea', description: 'Insurance angle', excerptCount: 0 });
    expect(red.id).toMatch(/^col_/);
    const baltic = await handlers.createCollection({ name: 'Baltic' });
    // Names need not be unique: two folders of notes may share one.
    const twin = await handlers.createCollection({ name: 'Baltic' });
    expect(twin.id).not.toBe(baltic.id);

    await handlers.addToCollection({ collectionId: red.id, excerptIds: [first?.id ?? '', second?.id ?? ''] });
    // Most recently updated first.
    expect((await handlers.listCollections({})).map((c) => [c.name, c.excerptCount])).toEqual([
      ['Red Sea', 2],
      ['Baltic', 0],
      ['Baltic', 0],
    ]);

    const renamed = await handlers.updateCollection({ collectionId: baltic.id, name: 'Baltic cables' });
    expect(renamed).toMatchObject({ name: 'Baltic cables', description: '' });
    expect(renamed.updatedAt > baltic.updatedAt).toBe(true);
    const described = await handlers.updateCollection({ collectionId: baltic.id, description: '  Seabed  ' });
    expect(described).toMatchObject({ name: 'Baltic cables', description: 'Seabed' });
    expect((await handlers.listCollections({}))[0]?.id).toBe(baltic.id);

    const excerptsBefore = countRows(core.db).excerpts;
    await handlers.deleteCollection({ collectionId: red.id });
    await expect(handlers.getCollection({ collectionId: red.id })).rejects.toMatchObject({
      code: 'collection-not-found',
      message: `No collection with id ${red.id} exists.`,
    });
    expect(countRows(core.db)).toMatchObject({ excerpts: excerptsBefore, collection_items: 0 });
  });

  it('refuses an empty name at the door and in core', async () => {
    core = await seededCore();
    const envelope = await dispatch(core.handlers, 'createCollection', { name: '   ' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await expect(core.handlers.createCollection({ name: ' \t ' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'A collection needs a name.',
    });
    const created = await dispatch(core.handlers, 'createCollection', { name: '  Trimmed  ' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Trimmed' } });
  });

  it('adds at the end or at an index, leaves present excerpts in place, removes and moves', async () => {
    core = await seededCore();
    const { handlers } = core;
    const [a, b, c, d, e] = (await makeExcerpts(core, { documents: 3, perDocument: 2 })).map((x) => x.id) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const { id } = await handlers.createCollection({ name: 'Order' });

    expect(ids(await handlers.addToCollection({ collectionId: id, excerptIds: [a, b] }))).toEqual([a, b]);
    // c and d go in at index 1; b is already present and stays where it is; repeats count once.
    expect(
      ids(await handlers.addToCollection({ collectionId: id, excerptIds: [c, b, d, c], index: 1 })),
    ).toEqual([a, c, d, b]);
    // An index past the end means the end.
    expect(ids(await handlers.addToCollection({ collectionId: id, excerptIds: [e], index: 99 }))).toEqual([
      a,
      c,
      d,
      b,
      e,
    ]);
    expectDense(id);

    expect(ids(await handlers.moveInCollection({ collectionId: id, excerptId: a, toIndex: 3 }))).toEqual([
      c,
      d,
      b,
      a,
      e,
    ]);
    expect(ids(await handlers.moveInCollection({ collectionId: id, excerptId: e, toIndex: 0 }))).toEqual([
      e,
      c,
      d,
      b,
      a,
    ]);
    expect(ids(await handlers.moveInCollection({ collectionId: id, excerptId: c, toIndex: 50 }))).toEqual([
      e,
      d,
      b,
      a,
      c,
    ]);
    expectDense(id);

    const removed = await handlers.removeFromCollection({
      collectionId: id,
      excerptIds: [d, a, 'exc_not_in_it'],
    });
    expect(ids(removed)).toEqual([e, b, c]);
    expect(removed.excerptCount).toBe(3);
    expectDense(id);

    // The detail carries each excerpt in full, in order.
    const detail = await handlers.getCollection({ collectionId: id });
    expect(
      detail.excerpts.map((excerpt) => excerpt.quote.length > 0 && excerpt.documentTitle.length > 0),
    ).toEqual([true, true, true]);
  });

  it('refuses unknown excerpts and collections without changing anything', async () => {
    core = await seededCore();
    const { handlers } = core;
    const [a] = await makeExcerpts(core, { documents: 1, perDocument: 1 });
    const { id } = await handlers.createCollection({ name: 'Strict' });
    await handlers.addToCollection({ collectionId: id, excerptIds: [a?.id ?? ''] });
    const before = countRows(core.db);
    const history = historyState(core.db, HISTORY_SCOPE);

    await expect(
      handlers.addToCollection({ collectionId: id, excerptIds: ['exc_missing', a?.id ?? ''] }),
    ).rejects.toMatchObject({ code: 'excerpt-not-found', message: 'No excerpt with id exc_missing exists.' });
    await expect(
      handlers.moveInCollection({ collectionId: id, excerptId: 'exc_missing', toIndex: 0 }),
    ).rejects.toMatchObject({ code: 'excerpt-not-found' });
    for (const call of [
      () => handlers.getCollection({ collectionId: 'col_missing' }),
      () => handlers.updateCollection({ collectionId: 'col_missing', name: 'x' }),
      () => handlers.deleteCollection({ collectionId: 'col_missing' }),
      () => handlers.addToCollection({ collectionId: 'col_missing', excerptIds: [a?.id ?? ''] }),
      () => handlers.removeFromCollection({ collectionId: 'col_missing', excerptIds: [a?.id ?? ''] }),
      () => handlers.moveInCollection({ collectionId: 'col_missing', excerptId: a?.id ?? '', toIndex: 0 }),
      () => handlers.exportCollectionBundle({ collectionId: 'col_missing' }),
    ]) {
      await expect(call()).rejects.toMatchObject({
        code: 'collection-not-found',
        message: 'No collection with id col_missing exists.',
      });
    }
    expect(countRows(core.db)).toEqual(before);
    expect(historyState(core.db, HISTORY_SCOPE)).toEqual(history);
  });

  it('records nothing for an edit that changes nothing', async () => {
    core = await seededCore();
    const { handlers } = core;
    const [a, b] = await makeExcerpts(core, { documents: 1, perDocument: 2 });
    const { id } = await handlers.createCollection({ name: 'Same' });
    await handlers.addToCollection({ collectionId: id, excerptIds: [a?.id ?? '', b?.id ?? ''] });
    const entries = () => (core?.db.prepare('SELECT count(*) AS n FROM history').get() as { n: number }).n;
    const before = entries();
    await handlers.addToCollection({ collectionId: id, excerptIds: [a?.id ?? ''] });
    await handlers.moveInCollection({ collectionId: id, excerptId: a?.id ?? '', toIndex: 0 });
    await handlers.removeFromCollection({ collectionId: id, excerptIds: ['exc_elsewhere'] });
    await handlers.updateCollection({ collectionId: id, name: 'Same' });
    expect(entries()).toBe(before);
  });
});

describe('undo and redo of collection edits', () => {
  async function snapshot(collectionId: string) {
    try {
      const detail = await core?.handlers.getCollection({ collectionId });
      return detail === undefined
        ? null
        : { name: detail.name, description: detail.description, ids: ids(detail) };
    } catch {
      return null;
    }
  }

  it('undoes and redoes create, rename, describe, add, move, remove and delete', async () => {
    core = await seededCore({ now: tickingClock() });
    const { handlers, db } = core;
    const [a, b, c] = (await makeExcerpts(core, { documents: 3, perDocument: 1 })).map((x) => x.id);
    const { id } = await handlers.createCollection({ name: 'Draft' });

    const steps: { label: RegExp; edit: () => Promise<unknown> }[] = [
      {
        label: /Rename collection “Draft” to “Final”/,
        edit: () => handlers.updateCollection({ collectionId: id, name: 'Final' }),
      },
      {
        label: /Edit description/,
        edit: () => handlers.updateCollection({ collectionId: id, description: 'Notes' }),
      },
      {
        label: /Add 3 excerpts/,
        edit: () => handlers.addToCollection({ collectionId: id, excerptIds: [a ?? '', b ?? '', c ?? ''] }),
      },
      {
        label: /Move excerpt/,
        edit: () => handlers.moveInCollection({ collectionId: id, excerptId: c ?? '', toIndex: 0 }),
      },
      {
        label: /Remove excerpt/,
        edit: () => handlers.removeFromCollection({ collectionId: id, excerptIds: [a ?? ''] }),
      },
      { label: /Delete collection “Final”/, edit: () => handlers.deleteCollection({ collectionId: id }) },
    ];
    for (const step of steps) {
      const before = await snapshot(id);
      const beforeRow = db.prepare('SELECT updated_at FROM collections WHERE id = ?').get(id);
      await step.edit();
      const after = await snapshot(id);
      expect(after).not.toEqual(before);
      expect(historyState(db, HISTORY_SCOPE).undoLabel).toMatch(step.label);

      undoLast(db, HISTORY_SCOPE);
      expect(await snapshot(id)).toEqual(before);
      // updated_at goes back too.
      expect(db.prepare('SELECT updated_at FROM collections WHERE id = ?').get(id)).toEqual(beforeRow);
      expect(historyState(db, HISTORY_SCOPE).redoLabel).toMatch(step.label);
      if (before !== null) expectDense(id);

      redoNext(db, HISTORY_SCOPE);
      expect(await snapshot(id)).toEqual(after);
      if (after !== null) expectDense(id);
    }

    // And the create itself (after undoing everything else).
    for (let n = 0; n < steps.length; n += 1) undoLast(db, HISTORY_SCOPE);
    expect(await snapshot(id)).toEqual({ name: 'Draft', description: '', ids: [] });
    expect(historyState(db, HISTORY_SCOPE).undoLabel).toBe('Create collection “Draft”');
    undoLast(db, HISTORY_SCOPE);
    expect(await snapshot(id)).toBeNull();
    redoNext(db, HISTORY_SCOPE);
    expect(await snapshot(id)).toEqual({ name: 'Draft', description: '', ids: [] });
  });

  it('brings back a deleted collection with its items in order', async () => {
    core = await seededCore();
    const { handlers, db } = core;
    const excerpts = (await makeExcerpts(core, { documents: 2, perDocument: 2 })).map((x) => x.id);
    const { id } = await handlers.createCollection({ name: 'Keep' });
    await handlers.addToCollection({ collectionId: id, excerptIds: excerpts });
    await handlers.moveInCollection({ collectionId: id, excerptId: excerpts[0] ?? '', toIndex: 3 });
    const before = ids(await handlers.getCollection({ collectionId: id }));
    await handlers.deleteCollection({ collectionId: id });
    expect(countRows(db).collection_items).toBe(0);
    undoLast(db, HISTORY_SCOPE);
    expect(ids(await handlers.getCollection({ collectionId: id }))).toEqual(before);
    expectDense(id);
  });
});
