import type Database from 'better-sqlite3';
import type { NewBriefingItem } from '../../shared/api';
import {
  moveItem,
  moveSection as moveSectionInOutline,
  removeItem,
  removeSection as removeSectionFromOutline,
  setSectionLevel,
} from '../../shared/briefing-outline';
import type { Briefing } from '../../shared/dto';
import { requireCollection } from '../collections/service';
import { CoreError } from '../errors';
import { newId } from '../ids';
import { deleteItemRow, deleteSectionRow, insertSection, updateSectionRow } from '../store/briefings';
import { listCollectionExcerptIds } from '../store/collections';
import { recordBriefingEdit } from './history';
import { writeOutline } from './outline-store';
import { requireBriefing, requireItem, requireSectionBriefing } from './read';
import { insertItems } from './service';

function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

export function addSection(
  db: Database.Database,
  input: Readonly<{
    briefingId: string;
    heading: string;
    level?: 1 | 2 | undefined;
    index?: number | undefined;
  }>,
  now: Date,
): Briefing {
  const briefing = requireBriefing(db, input.briefingId);
  const id = newId('sec');
  const at = Math.min(input.index ?? briefing.sections.length, briefing.sections.length);
  recordBriefingEdit(
    db,
    { briefingId: briefing.id, label: `Add section “${short(input.heading)}”`, now },
    () => {
      const sections = [
        ...briefing.sections.slice(0, at),
        { id, level: input.level ?? 1, items: [] },
        ...briefing.sections.slice(at),
      ];
      const after = setSectionLevel(sections, id, input.level ?? 1);
      writeOutline(db, briefing, after);
      const placed = after.findIndex((section) => section.id === id);
      insertSection(db, {
        id,
        briefingId: briefing.id,
        position: placed,
        heading: input.heading.trim(),
        level: after[placed]?.level ?? 1,
        guidance: '',
      });
    },
  );
  return requireBriefing(db, briefing.id);
}

export function updateSection(
  db: Database.Database,
  input: Readonly<{
    sectionId: string;
    heading?: string | undefined;
    guidance?: string | undefined;
    level?: 1 | 2 | undefined;
  }>,
  now: Date,
): Briefing {
  const briefing = requireSectionBriefing(db, input.sectionId);
  const section = briefing.sections.find((entry) => entry.id === input.sectionId);
  if (section === undefined)
    throw new CoreError('section-not-found', 'That section is no longer in the briefing.');
  const heading = input.heading?.trim() ?? section.heading;
  const guidance = input.guidance ?? section.guidance;
  const label =
    input.level !== undefined && input.level !== section.level
      ? input.level === 2
        ? `Make “${short(heading)}” a subsection`
        : `Make “${short(heading)}” a section`
      : `Rename section “${short(section.heading)}”`;
  recordBriefingEdit(
    db,
    {
      briefingId: briefing.id,
      label,
      now,
      ...(input.level === undefined ? { coalesceKey: `heading:${section.id}` } : {}),
    },
    () => {
      if (heading !== section.heading || guidance !== section.guidance) {
        updateSectionRow(db, { id: section.id, heading, guidance });
      }
      if (input.level !== undefined && input.level !== section.level) {
        writeOutline(db, briefing, setSectionLevel(briefing.sections, section.id, input.level));
      }
    },
  );
  return requireBriefing(db, briefing.id);
}

export function removeSection(db: Database.Database, sectionId: string, now: Date): Briefing {
  const briefing = requireSectionBriefing(db, sectionId);
  const section = briefing.sections.find((entry) => entry.id === sectionId);
  recordBriefingEdit(
    db,
    { briefingId: briefing.id, label: `Remove section “${short(section?.heading ?? '')}”`, now },
    () => {
      deleteSectionRow(db, sectionId);
      writeOutline(db, briefing, removeSectionFromOutline(briefing.sections, sectionId));
    },
  );
  return requireBriefing(db, briefing.id);
}

export function moveSection(db: Database.Database, sectionId: string, index: number, now: Date): Briefing {
  const briefing = requireSectionBriefing(db, sectionId);
  const section = briefing.sections.find((entry) => entry.id === sectionId);
  recordBriefingEdit(
    db,
    { briefingId: briefing.id, label: `Move section “${short(section?.heading ?? '')}”`, now },
    () => writeOutline(db, briefing, moveSectionInOutline(briefing.sections, sectionId, index)),
  );
  return requireBriefing(db, briefing.id);
}

const ITEM_LABELS: Readonly<Record<NewBriefingItem['kind'], string>> = {
  excerpt: 'Add excerpt',
  commentary: 'Add commentary',
  judgment: 'Add key judgment',
};

export function addBriefingItem(
  db: Database.Database,
  input: Readonly<{
    briefingId: string;
    sectionId?: string | undefined;
    index?: number | undefined;
    item: NewBriefingItem;
  }>,
  now: Date,
): Briefing {
  requireBriefing(db, input.briefingId);
  recordBriefingEdit(db, { briefingId: input.briefingId, label: ITEM_LABELS[input.item.kind], now }, () =>
    insertItems(db, input, [input.item]),
  );
  return requireBriefing(db, input.briefingId);
}

/** Adds a whole collection in its order, as one undoable step. */
export function insertCollection(
  db: Database.Database,
  input: Readonly<{
    briefingId: string;
    collectionId: string;
    sectionId?: string | undefined;
    index?: number | undefined;
  }>,
  now: Date,
): Briefing {
  requireBriefing(db, input.briefingId);
  const collection = requireCollection(db, input.collectionId);
  const excerptIds = listCollectionExcerptIds(db, collection.id);
  if (excerptIds.length === 0) {
    throw new CoreError('invalid-input', `The collection “${collection.name}” has no excerpts to insert.`);
  }
  recordBriefingEdit(
    db,
    { briefingId: input.briefingId, label: `Insert collection “${short(collection.name)}”`, now },
    () =>
      insertItems(
        db,
        input,
        excerptIds.map((excerptId) => ({ kind: 'excerpt', excerptId })),
      ),
  );
  return requireBriefing(db, input.briefingId);
}

export function moveBriefingItem(
  db: Database.Database,
  input: Readonly<{ itemId: string; sectionId: string; index: number }>,
  now: Date,
): Briefing {
  const item = requireItem(db, input.itemId);
  const briefing = requireBriefing(db, item.briefingId);
  if (!briefing.sections.some((section) => section.id === input.sectionId)) {
    throw new CoreError('section-not-found', 'A block can only move to a section of its own briefing.');
  }
  recordBriefingEdit(db, { briefingId: briefing.id, label: `Move ${kindName(item.kind)}`, now }, () =>
    writeOutline(db, briefing, moveItem(briefing.sections, input.itemId, input.sectionId, input.index)),
  );
  return requireBriefing(db, briefing.id);
}

export function removeBriefingItem(db: Database.Database, itemId: string, now: Date): Briefing {
  const item = requireItem(db, itemId);
  const briefing = requireBriefing(db, item.briefingId);
  recordBriefingEdit(db, { briefingId: briefing.id, label: `Remove ${kindName(item.kind)}`, now }, () => {
    deleteItemRow(db, itemId);
    writeOutline(db, briefing, removeItem(briefing.sections, itemId));
  });
  return requireBriefing(db, briefing.id);
}

export function kindName(kind: NewBriefingItem['kind']): string {
  return kind === 'judgment' ? 'key judgment' : kind;
}
