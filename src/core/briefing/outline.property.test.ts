import { describe, expect, it } from 'vitest';
import {
  insertItems,
  itemsInOrder,
  locateItem,
  moveItem,
  moveSection,
  removeItem,
  removeSection,
  sectionBlock,
  setSectionLevel,
  stepItem,
  stepSection,
  type OutlineSection,
} from '../../shared/briefing-outline';
import { seededRandom } from '../testing/random';

type Section = OutlineSection & { heading: string };

function randomOutline(random: () => number): Section[] {
  const sections: Section[] = [];
  const count = Math.floor(random() * 6);
  let next = 0;
  for (let s = 0; s < count; s += 1) {
    const items = Array.from({ length: Math.floor(random() * 5) }, () => ({ id: `i${(next += 1)}` }));
    sections.push({ id: `s${s}`, heading: `S${s}`, level: s > 0 && random() < 0.4 ? 2 : 1, items });
  }
  return sections;
}

const pick = <T>(random: () => number, list: readonly T[]): T | undefined =>
  list[Math.floor(random() * list.length)];

/** Every operation keeps each item and section once, and never opens with a subsection. */
function expectInvariants(
  before: readonly Section[],
  after: readonly Section[],
  items: readonly string[],
): void {
  const ids = itemsInOrder(after).map((item) => item.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual([...items].sort());
  expect(after.map((s) => s.id).sort()).toEqual(before.map((s) => s.id).sort());
  if (after.length > 0) expect(after[0]?.level).toBe(1);
}

describe('briefing outline operations', () => {
  it('moveItem puts the item at the index asked, keeping the others in order', () => {
    const outline: Section[] = [
      { id: 'a', heading: 'A', level: 1, items: [{ id: '1' }, { id: '2' }, { id: '3' }] },
      { id: 'b', heading: 'B', level: 1, items: [{ id: '4' }] },
    ];
    const moved = moveItem(outline, '1', 'b', 1);
    expect(moved.map((s) => s.items.map((i) => i.id))).toEqual([
      ['2', '3'],
      ['4', '1'],
    ]);
    expect(moveItem(outline, '3', 'a', 0).map((s) => s.items.map((i) => i.id))).toEqual([
      ['3', '1', '2'],
      ['4'],
    ]);
    expect(moveItem(outline, 'missing', 'a', 0)).toBe(outline);
    expect(moveItem(outline, '1', 'missing', 0)).toBe(outline);
  });

  it('stepItem crosses into the neighbouring section at either end', () => {
    const outline: Section[] = [
      { id: 'a', heading: 'A', level: 1, items: [{ id: '1' }] },
      { id: 'b', heading: 'B', level: 2, items: [] },
      { id: 'c', heading: 'C', level: 1, items: [{ id: '2' }] },
    ];
    const down = stepItem(outline, '1', 1);
    expect(down?.sections.map((s) => s.items.map((i) => i.id))).toEqual([[], ['1'], ['2']]);
    expect(stepItem(outline, '1', -1)).toBeUndefined();
    expect(stepItem(outline, '2', 1)).toBeUndefined();
    const up = stepItem(outline, '2', -1);
    expect(up?.sections.map((s) => s.items.map((i) => i.id))).toEqual([['1'], ['2'], []]);
  });

  it('a section moves with its subsections, and a subsection never opens the briefing', () => {
    const outline: Section[] = [
      { id: 'a', heading: 'A', level: 1, items: [] },
      { id: 'a1', heading: 'A1', level: 2, items: [] },
      { id: 'b', heading: 'B', level: 1, items: [] },
    ];
    expect(sectionBlock(outline, 'a')).toEqual({ start: 0, end: 2 });
    expect(stepSection(outline, 'a', 1)?.map((s) => s.id)).toEqual(['b', 'a', 'a1']);
    expect(stepSection(outline, 'b', -1)?.map((s) => s.id)).toEqual(['b', 'a', 'a1']);
    expect(stepSection(outline, 'a', -1)).toBeUndefined();
    expect(stepSection(outline, 'a1', -1)).toBeUndefined();
    expect(stepSection(outline, 'a1', 1)?.map((s) => s.id)).toEqual(['a', 'b', 'a1']);
    const promoted = moveSection(outline, 'a1', 0);
    expect(promoted.map((s) => [s.id, s.level])).toEqual([
      ['a1', 1],
      ['a', 1],
      ['b', 1],
    ]);
    expect(setSectionLevel(outline, 'a', 2)[0]?.level).toBe(1);
    expect(removeSection(outline, 'a').map((s) => [s.id, s.level])).toEqual([
      ['a1', 1],
      ['b', 1],
    ]);
  });

  it('keeps every item and section exactly once through 20,000 random operations', () => {
    const random = seededRandom(20261128);
    for (let run = 0; run < 400; run += 1) {
      let outline: readonly Section[] = randomOutline(random);
      let items = itemsInOrder(outline).map((item) => item.id);
      let fresh = 0;
      for (let step = 0; step < 50; step += 1) {
        const before = outline;
        const itemId = pick(random, items);
        const section = pick(random, outline);
        const op = Math.floor(random() * 7);
        if (op === 0 && itemId !== undefined && section !== undefined) {
          const index = Math.floor(random() * 6);
          outline = moveItem(outline, itemId, section.id, index);
          const at = locateItem(outline, itemId);
          expect(outline[at?.sectionIndex ?? -1]?.id).toBe(section.id);
          expect(at?.index).toBe(Math.min(index, (outline[at?.sectionIndex ?? -1]?.items.length ?? 1) - 1));
        } else if (op === 1 && itemId !== undefined) {
          const direction = random() < 0.5 ? -1 : 1;
          const order = itemsInOrder(outline).map((item) => item.id);
          const result = stepItem(outline, itemId, direction);
          if (result !== undefined) {
            outline = result.sections;
            // Reading order changes by at most a swap with the neighbour (or not at all, crossing an empty section).
            const now = itemsInOrder(outline).map((item) => item.id);
            const from = order.indexOf(itemId);
            const to = now.indexOf(itemId);
            expect(Math.abs(to - from)).toBeLessThanOrEqual(1);
          }
        } else if (op === 2 && section !== undefined) {
          outline = moveSection(outline, section.id, Math.floor(random() * outline.length));
        } else if (op === 3 && section !== undefined) {
          outline = stepSection(outline, section.id, random() < 0.5 ? -1 : 1) ?? outline;
        } else if (op === 4 && section !== undefined) {
          outline = setSectionLevel(outline, section.id, random() < 0.5 ? 1 : 2);
        } else if (op === 5 && section !== undefined) {
          const id = `n${(fresh += 1)}`;
          outline = insertItems(outline, section.id, Math.floor(random() * 4), [{ id }]);
          items = [...items, id];
        } else if (op === 6 && itemId !== undefined) {
          outline = removeItem(outline, itemId);
          items = items.filter((id) => id !== itemId);
        }
        expectInvariants(before, outline, items);
      }
    }
  });
});
