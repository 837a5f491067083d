import type { Briefing, BriefingItem, BriefingSection } from '../../../shared/dto';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The briefing the store answered, reusing the objects already on screen wherever nothing changed,
 * so memoised blocks do not re-render after every save of a long briefing.
 */
export function reconcileBriefing(previous: Briefing | undefined, next: Briefing): Briefing {
  if (previous === undefined || previous.id !== next.id) return next;
  const items = new Map<string, BriefingItem>();
  const sections = new Map<string, BriefingSection>();
  for (const section of previous.sections) {
    sections.set(section.id, section);
    for (const item of section.items) items.set(item.id, item);
  }
  let changed = previous.sections.length !== next.sections.length;
  const merged = next.sections.map((section, sectionIndex) => {
    let itemsChanged = false;
    const sectionItems = section.items.map((item) => {
      const old = items.get(item.id);
      if (old !== undefined && same(old, item)) return old;
      itemsChanged = true;
      return item;
    });
    const old = sections.get(section.id);
    const keep =
      old !== undefined &&
      !itemsChanged &&
      old.items.length === sectionItems.length &&
      old.items.every((item, index) => item === sectionItems[index]) &&
      old.heading === section.heading &&
      old.level === section.level &&
      old.guidance === section.guidance;
    if (!keep || previous.sections[sectionIndex] !== old) changed = true;
    return keep ? old : { ...section, items: sectionItems };
  });
  if (!changed && same({ ...next, sections: null }, { ...previous, sections: null })) return previous;
  return { ...next, sections: changed ? merged : previous.sections };
}
