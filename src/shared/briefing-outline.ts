/**
 * Pure operations on a briefing's outline: sections (level 1 or 2, in reading order) holding items.
 * The renderer applies them at once so a move shows on the next frame; core applies the same
 * operation to what is stored and writes the positions that changed. Every operation keeps each
 * item and section exactly once, and a briefing never starts with a subsection.
 */

export type OutlineItem = Readonly<{ id: string }>;
export type OutlineSection<I extends OutlineItem = OutlineItem> = Readonly<{
  id: string;
  level: 1 | 2;
  items: readonly I[];
}>;

export type ItemLocation = Readonly<{ sectionIndex: number; index: number }>;

export function locateItem<I extends OutlineItem, S extends OutlineSection<I>>(
  sections: readonly S[],
  itemId: string,
): ItemLocation | undefined {
  for (let sectionIndex = 0; sectionIndex < sections.length; sectionIndex += 1) {
    const index = sections[sectionIndex]?.items.findIndex((item) => item.id === itemId) ?? -1;
    if (index >= 0) return { sectionIndex, index };
  }
  return undefined;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Math.trunc(value)));
}

/** A subsection cannot open the briefing: the first section is always level 1. */
function normaliseLevels<S extends OutlineSection>(sections: readonly S[]): S[] {
  return sections.map((section, index) =>
    index === 0 && section.level !== 1 ? { ...section, level: 1 } : section,
  );
}

/**
 * Moves an item to `toIndex` of a section (the index it will have after the move). Unknown ids
 * leave the outline unchanged.
 */
export function moveItem<I extends OutlineItem, S extends OutlineSection<I>>(
  sections: readonly S[],
  itemId: string,
  toSectionId: string,
  toIndex: number,
): readonly S[] {
  const from = locateItem(sections, itemId);
  const target = sections.findIndex((section) => section.id === toSectionId);
  if (from === undefined || target < 0) return sections;
  const item = sections[from.sectionIndex]?.items[from.index];
  if (item === undefined) return sections;
  const without = sections.map((section, index) =>
    index === from.sectionIndex
      ? { ...section, items: section.items.filter((entry) => entry.id !== itemId) }
      : section,
  );
  return without.map((section, index) => {
    if (index !== target) return section;
    const items = [...section.items];
    items.splice(clamp(toIndex, 0, items.length), 0, item);
    return { ...section, items };
  });
}

/**
 * One step up or down in reading order: within the section, or across into the end of the previous
 * section / the start of the next. Answers where it went, or undefined at either end.
 */
export function stepItem<I extends OutlineItem, S extends OutlineSection<I>>(
  sections: readonly S[],
  itemId: string,
  direction: -1 | 1,
): { sections: readonly S[]; sectionIndex: number; index: number } | undefined {
  const from = locateItem(sections, itemId);
  if (from === undefined) return undefined;
  const count = sections[from.sectionIndex]?.items.length ?? 0;
  let sectionIndex = from.sectionIndex;
  let index = from.index + direction;
  if (index < 0 || index >= count) {
    sectionIndex += direction;
    const neighbour = sections[sectionIndex];
    if (neighbour === undefined) return undefined;
    index = direction < 0 ? neighbour.items.length : 0;
  }
  const target = sections[sectionIndex];
  if (target === undefined) return undefined;
  return { sections: moveItem(sections, itemId, target.id, index), sectionIndex, index };
}

/** Inserts items (new ones, not yet in the outline) at `index` of a section. */
export function insertItems<I extends OutlineItem, S extends OutlineSection<I>>(
  sections: readonly S[],
  sectionId: string,
  index: number,
  items: readonly I[],
): readonly S[] {
  return sections.map((section) => {
    if (section.id !== sectionId) return section;
    const next = [...section.items];
    next.splice(clamp(index, 0, next.length), 0, ...items);
    return { ...section, items: next };
  });
}

export function removeItem<I extends OutlineItem, S extends OutlineSection<I>>(
  sections: readonly S[],
  itemId: string,
): readonly S[] {
  const from = locateItem(sections, itemId);
  if (from === undefined) return sections;
  return sections.map((section, index) =>
    index === from.sectionIndex
      ? { ...section, items: section.items.filter((item) => item.id !== itemId) }
      : section,
  );
}

/** The section and, for a level-1 section, the subsections that follow it: what moves together. */
export function sectionBlock(
  sections: readonly OutlineSection[],
  sectionId: string,
): { start: number; end: number } {
  const start = sections.findIndex((section) => section.id === sectionId);
  if (start < 0) return { start: -1, end: -1 };
  let end = start + 1;
  if (sections[start]?.level === 1) {
    while (end < sections.length && sections[end]?.level === 2) end += 1;
  }
  return { start, end };
}

/**
 * Moves a section (with its subsections, for a level-1 section) so that it starts at `toIndex` of
 * the list without it.
 */
export function moveSection<S extends OutlineSection>(
  sections: readonly S[],
  sectionId: string,
  toIndex: number,
): readonly S[] {
  const { start, end } = sectionBlock(sections, sectionId);
  if (start < 0) return sections;
  const block = sections.slice(start, end);
  const rest = [...sections.slice(0, start), ...sections.slice(end)];
  rest.splice(clamp(toIndex, 0, rest.length), 0, ...block);
  return normaliseLevels(rest);
}

/**
 * One step up or down: a section swaps with the neighbouring section of its level (a level-1
 * section carries its subsections; a subsection may cross into the neighbouring group). Answers
 * undefined at either end.
 */
export function stepSection<S extends OutlineSection>(
  sections: readonly S[],
  sectionId: string,
  direction: -1 | 1,
): readonly S[] | undefined {
  const { start, end } = sectionBlock(sections, sectionId);
  const section = sections[start];
  if (section === undefined) return undefined;
  if (section.level === 2) {
    const to = start + direction;
    if (to < 1 || to >= sections.length) return undefined;
    return moveSection(sections, sectionId, to);
  }
  if (direction < 0) {
    // The level-1 section before this block starts the block to jump over.
    let previous = start - 1;
    while (previous >= 0 && sections[previous]?.level === 2) previous -= 1;
    if (previous < 0) return undefined;
    return moveSection(sections, sectionId, previous);
  }
  if (end >= sections.length) return undefined;
  const next = sections[end];
  if (next === undefined) return undefined;
  const nextBlock = sectionBlock(sections, next.id);
  return moveSection(sections, sectionId, start + (nextBlock.end - nextBlock.start));
}

/** Makes a section a subsection (2) or a section (1); the first section stays level 1. */
export function setSectionLevel<S extends OutlineSection>(
  sections: readonly S[],
  sectionId: string,
  level: 1 | 2,
): readonly S[] {
  return normaliseLevels(
    sections.map((section) => (section.id === sectionId ? { ...section, level } : section)),
  );
}

export function removeSection<S extends OutlineSection>(
  sections: readonly S[],
  sectionId: string,
): readonly S[] {
  return normaliseLevels(sections.filter((section) => section.id !== sectionId));
}

/** Every item in reading order. */
export function itemsInOrder<I extends OutlineItem>(sections: readonly OutlineSection<I>[]): I[] {
  return sections.flatMap((section) => [...section.items]);
}
