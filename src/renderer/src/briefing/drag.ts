import type { DragEvent } from 'react';

/**
 * What can be dragged onto a briefing, as private data types (a drag from outside the app never
 * carries them). During dragover only the types are readable, so targets decide by type.
 */
export const DRAG_TYPES = {
  excerpts: 'application/x-briefing-builder-excerpts',
  item: 'application/x-briefing-builder-item',
  section: 'application/x-briefing-builder-section',
  collection: 'application/x-briefing-builder-collection',
} as const;

export type BriefingDrop =
  | Readonly<{ kind: 'excerpts'; excerptIds: readonly string[] }>
  | Readonly<{ kind: 'item'; itemId: string }>
  | Readonly<{ kind: 'section'; sectionId: string }>
  | Readonly<{ kind: 'collection'; collectionId: string }>;

/** Marks a drag as carrying excerpts (from the excerpt rail, the all-excerpts view, a collection, search). */
export function dragExcerpts(event: DragEvent, excerptIds: readonly string[], label: string): void {
  event.dataTransfer.effectAllowed = 'copyMove';
  event.dataTransfer.setData(DRAG_TYPES.excerpts, JSON.stringify(excerptIds));
  event.dataTransfer.setData('text/plain', label);
}

export function dragCollection(event: DragEvent, collectionId: string, label: string): void {
  event.dataTransfer.effectAllowed = 'copy';
  event.dataTransfer.setData(DRAG_TYPES.collection, collectionId);
  event.dataTransfer.setData('text/plain', label);
}

export function dragBriefingItem(event: DragEvent, itemId: string, label: string): void {
  event.dataTransfer.effectAllowed = 'move';
  event.dataTransfer.setData(DRAG_TYPES.item, itemId);
  event.dataTransfer.setData('text/plain', label);
}

export function dragSection(event: DragEvent, sectionId: string, label: string): void {
  event.dataTransfer.effectAllowed = 'move';
  event.dataTransfer.setData(DRAG_TYPES.section, sectionId);
  event.dataTransfer.setData('text/plain', label);
}

/** Whether a drag carries something a block position accepts (excerpts, a block or a collection). */
export function carriesBlock(event: DragEvent): boolean {
  const types = event.dataTransfer.types;
  return (
    types.includes(DRAG_TYPES.excerpts) ||
    types.includes(DRAG_TYPES.item) ||
    types.includes(DRAG_TYPES.collection)
  );
}

export function carriesSection(event: DragEvent): boolean {
  return event.dataTransfer.types.includes(DRAG_TYPES.section);
}

function parseIds(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

/** What was dropped, or undefined for anything else (files, text from other apps). */
export function readDrop(event: DragEvent): BriefingDrop | undefined {
  const data = event.dataTransfer;
  const item = data.getData(DRAG_TYPES.item);
  if (item !== '') return { kind: 'item', itemId: item };
  const section = data.getData(DRAG_TYPES.section);
  if (section !== '') return { kind: 'section', sectionId: section };
  const collection = data.getData(DRAG_TYPES.collection);
  if (collection !== '') return { kind: 'collection', collectionId: collection };
  const excerptIds = parseIds(data.getData(DRAG_TYPES.excerpts));
  if (excerptIds.length > 0) return { kind: 'excerpts', excerptIds };
  return undefined;
}

/** The index to insert at in a list of blocks, from the pointer's height against each block's middle. */
export function dropIndex(container: HTMLElement, clientY: number, selector: string): number {
  const blocks = Array.from(container.querySelectorAll<HTMLElement>(selector));
  for (let index = 0; index < blocks.length; index += 1) {
    const box = blocks[index]?.getBoundingClientRect();
    if (box !== undefined && clientY < box.top + box.height / 2) return index;
  }
  return blocks.length;
}
