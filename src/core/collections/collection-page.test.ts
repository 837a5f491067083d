import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import type { TempCore } from '../testing/temp-core';
import { MAX_COLLECTION_EXCERPTS_PER_CALL } from './handlers';
import { makeExcerpts, seededCore } from './testing';

let core: TempCore | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
});

describe('a collection longer than one answer', () => {
  it('answers a page of excerpts at a time, and edits answer the first page', async () => {
    core = await seededCore();
    const { handlers } = core;
    // More excerpts than one answer carries (24 in each sample document).
    const made = await makeExcerpts(core, { documents: 10, perDocument: 24, length: 20 });
    expect(made.length).toBeGreaterThan(MAX_COLLECTION_EXCERPTS_PER_CALL);
    const ids = made.map((excerpt) => excerpt.id);
    const collection = await handlers.createCollection({ name: 'Long' });
    const added = await handlers.addToCollection({ collectionId: collection.id, excerptIds: ids });
    expect(added.excerptCount).toBe(ids.length);
    expect(added.excerpts.map((excerpt) => excerpt.id)).toEqual(
      ids.slice(0, MAX_COLLECTION_EXCERPTS_PER_CALL),
    );

    const first = await handlers.getCollection({ collectionId: collection.id });
    const rest = await handlers.getCollection({ collectionId: collection.id, offset: first.excerpts.length });
    expect([...first.excerpts, ...rest.excerpts].map((excerpt) => excerpt.id)).toEqual(ids);
    const middle = await handlers.getCollection({ collectionId: collection.id, offset: 100, limit: 5 });
    expect(middle.excerpts.map((excerpt) => excerpt.id)).toEqual(ids.slice(100, 105));

    // A move past the first page still works on the whole collection.
    const last = ids.at(-1) ?? '';
    const moved = await handlers.moveInCollection({
      collectionId: collection.id,
      excerptId: last,
      toIndex: 0,
    });
    expect(moved.excerpts[0]?.id).toBe(last);
    expect(moved.excerpts).toHaveLength(MAX_COLLECTION_EXCERPTS_PER_CALL);
    expect(
      await dispatch(handlers, 'getCollection', {
        collectionId: collection.id,
        limit: MAX_COLLECTION_EXCERPTS_PER_CALL + 1,
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
