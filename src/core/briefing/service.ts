import type Database from 'better-sqlite3';
import type { Briefing } from '../../shared/dto';
import { CoreError } from '../errors';
import { newId } from '../ids';
import {
  briefingExists,
  countItemsInSection,
  getBriefingById,
  insertBriefing,
  insertBriefingItem,
  insertSection,
  listSectionIds,
  shiftItemsFrom,
  touchBriefing,
} from '../store/briefings';
import { getExcerpt } from '../store/excerpts';

export const DEFAULT_SECTION_HEADING = 'Discussion';

export function requireBriefing(db: Database.Database, briefingId: string): Briefing {
  const briefing = getBriefingById(db, briefingId);
  if (briefing === undefined) {
    throw new CoreError('briefing-not-found', `No briefing with id ${briefingId} exists.`);
  }
  return briefing;
}

export type NewBriefing = Readonly<{
  title: string;
  subtitle?: string | undefined;
  author?: string | undefined;
  date?: string | undefined;
  marking?: string | undefined;
  bluf?: string | undefined;
}>;

/** Inserts a briefing row; callers run it inside their transaction. */
export function insertNewBriefing(db: Database.Database, input: NewBriefing, now: Date): string {
  const id = newId('brf');
  insertBriefing(db, {
    id,
    title: input.title.trim(),
    subtitle: input.subtitle?.trim() ?? '',
    author: input.author?.trim() ?? '',
    date: input.date ?? now.toISOString().slice(0, 10),
    marking: input.marking?.trim() ?? '',
    bluf: input.bluf?.trim() ?? '',
    now: now.toISOString(),
  });
  return id;
}

export function createBriefing(db: Database.Database, input: NewBriefing, now: Date): Briefing {
  const id = db.transaction(() => insertNewBriefing(db, input, now))();
  return requireBriefing(db, id);
}

/** Appends a section; callers run it inside their transaction. */
export function appendSection(db: Database.Database, briefingId: string, heading: string): string {
  const id = newId('sec');
  insertSection(db, {
    id,
    briefingId,
    position: listSectionIds(db, briefingId).length,
    heading: heading.trim(),
  });
  return id;
}

export type NewItem =
  Readonly<{ kind: 'excerpt'; excerptId: string }> | Readonly<{ kind: 'commentary'; text: string }>;

/** Inserts an item at `index` (default: the end) of a section; callers own the transaction. */
export function insertItem(db: Database.Database, sectionId: string, item: NewItem, index?: number): string {
  const count = countItemsInSection(db, sectionId);
  const position = index === undefined ? count : Math.min(index, count);
  shiftItemsFrom(db, sectionId, position);
  const id = newId('itm');
  if (item.kind === 'excerpt') {
    const excerpt = getExcerpt(db, item.excerptId);
    if (excerpt === undefined) {
      throw new CoreError('excerpt-not-found', `No excerpt with id ${item.excerptId} exists.`);
    }
    insertBriefingItem(db, {
      id,
      sectionId,
      position,
      kind: 'excerpt',
      excerptId: excerpt.id,
      body: excerpt.quote,
    });
  } else {
    insertBriefingItem(db, { id, sectionId, position, kind: 'commentary', excerptId: null, body: item.text });
  }
  return id;
}

export function addExcerptToBriefing(
  db: Database.Database,
  input: Readonly<{
    briefingId: string;
    excerptId: string;
    sectionId?: string | undefined;
    index?: number | undefined;
  }>,
  now: Date,
): Briefing {
  db.transaction(() => {
    if (!briefingExists(db, input.briefingId)) {
      throw new CoreError('briefing-not-found', `No briefing with id ${input.briefingId} exists.`);
    }
    const sectionIds = listSectionIds(db, input.briefingId);
    let sectionId = input.sectionId;
    if (sectionId !== undefined && !sectionIds.includes(sectionId)) {
      throw new CoreError('section-not-found', 'That section is not part of this briefing.');
    }
    sectionId ??= sectionIds.at(-1) ?? appendSection(db, input.briefingId, DEFAULT_SECTION_HEADING);
    insertItem(db, sectionId, { kind: 'excerpt', excerptId: input.excerptId }, input.index);
    touchBriefing(db, input.briefingId, now.toISOString());
  })();
  return requireBriefing(db, input.briefingId);
}
