import type Database from 'better-sqlite3';
import type { Briefing } from '../../shared/dto';
import { CoreError } from '../errors';
import {
  briefingExists,
  getBriefingById,
  getItemRecord,
  sectionBriefingId,
  type ItemRecord,
} from '../store/briefings';

export function requireBriefing(db: Database.Database, briefingId: string): Briefing {
  const briefing = getBriefingById(db, briefingId);
  if (briefing === undefined) {
    throw new CoreError('briefing-not-found', 'That briefing no longer exists. It may have been deleted.');
  }
  return briefing;
}

export function requireItem(db: Database.Database, itemId: string): ItemRecord {
  const item = getItemRecord(db, itemId);
  if (item === undefined || !briefingExists(db, item.briefingId)) {
    throw new CoreError(
      'item-not-found',
      'That block is no longer in the briefing. It may have been removed.',
    );
  }
  return item;
}

/** The briefing a section belongs to. */
export function requireSectionBriefing(db: Database.Database, sectionId: string): Briefing {
  const briefingId = sectionBriefingId(db, sectionId);
  if (briefingId === undefined) {
    throw new CoreError('section-not-found', 'That section is no longer in the briefing.');
  }
  return requireBriefing(db, briefingId);
}
