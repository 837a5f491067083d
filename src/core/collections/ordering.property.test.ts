import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCollectionPositions } from '../store/collections';
import { redoNext, undoLast } from '../store/history';
import { seededRandom } from '../testing/random';
import type { TempCore } from '../testing/temp-core';
import { orderAfterAdd, orderAfterMove, orderAfterRemove } from './ordering';
import { HISTORY_SCOPE } from './service';
import { makeExcerpts, seededCore } from './testing';

let core: TempCore;
let pool: string[];
beforeAll(async () => {
  core = await seededCore();
  pool = (await makeExcerpts(core, { documents: 4, perDocument: 3 })).map((excerpt) => excerpt.id);
});
afterAll(() => core.dispose());

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('empty');
  return item;
}

function sample(random: () => number, items: readonly string[], max: number): string[] {
  const count = 1 + Math.floor(random() * max);
  return Array.from({ length: count }, () => pick(random, items));
}

describe('collection order under random edits', () => {
  it.each([1, 2, 3, 4])('keeps positions dense and equal to a model list (seed %i)', async (seed) => {
    const random = seededRandom(seed);
    const { handlers, db } = core;
    const collections = [
      (await handlers.createCollection({ name: `A${seed}` })).id,
      (await handlers.createCollection({ name: `B${seed}` })).id,
    ];
    const model = new Map<string, string[]>(collections.map((id) => [id, []]));
    // Recorded edits (only those that changed an order) and what undo has taken back.
    const done: { collectionId: string; before: string[]; after: string[] }[] = [];
    const undone: { collectionId: string; before: string[]; after: string[] }[] = [];
    let replays = 0;

    for (let step = 0; step < 150; step += 1) {
      const collectionId = pick(random, collections);
      const current = model.get(collectionId) ?? [];
      const roll = random();
      let next: string[] | undefined;
      if (roll < 0.35) {
        const excerptIds = sample(random, pool, 4);
        const index = random() < 0.5 ? undefined : Math.floor(random() * (current.length + 3));
        await handlers.addToCollection({
          collectionId,
          excerptIds,
          ...(index === undefined ? {} : { index }),
        });
        next = orderAfterAdd(current, excerptIds, index);
      } else if (roll < 0.55) {
        const excerptIds = sample(random, pool, 3);
        await handlers.removeFromCollection({ collectionId, excerptIds });
        next = orderAfterRemove(current, excerptIds);
      } else if (roll < 0.8) {
        if (current.length === 0) continue;
        const excerptId = pick(random, current);
        const toIndex = Math.floor(random() * (current.length + 2));
        await handlers.moveInCollection({ collectionId, excerptId, toIndex });
        next = orderAfterMove(current, excerptId, toIndex);
      } else if (roll < 0.92) {
        const entry = done.pop();
        if (entry === undefined) continue;
        undoLast(db, HISTORY_SCOPE);
        replays += 1;
        model.set(entry.collectionId, entry.before);
        undone.push(entry);
      } else {
        const entry = undone.pop();
        if (entry === undefined) continue;
        redoNext(db, HISTORY_SCOPE);
        replays += 1;
        model.set(entry.collectionId, entry.after);
        done.push(entry);
      }
      if (next !== undefined && next.join() !== current.join()) {
        model.set(collectionId, next);
        done.push({ collectionId, before: current, after: next });
        undone.length = 0;
      }

      for (const id of collections) {
        const stored = listCollectionPositions(db, id);
        expect(stored.map((item) => item.position)).toEqual(stored.map((_, index) => index));
        expect(stored.map((item) => item.excerptId)).toEqual(model.get(id));
        expect(new Set(stored.map((item) => item.excerptId)).size).toBe(stored.length);
      }
    }
    expect(replays).toBeGreaterThan(5);
    for (const id of collections) {
      const detail = await handlers.getCollection({ collectionId: id });
      expect(detail.excerpts.map((excerpt) => excerpt.id)).toEqual(model.get(id));
      expect(detail.excerptCount).toBe(model.get(id)?.length);
    }
  });
});
