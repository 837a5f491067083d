import type Database from 'better-sqlite3';
import type { OutlineSection } from '../../shared/briefing-outline';
import type { Briefing } from '../../shared/dto';
import { setItemPlace, setSectionPlace } from '../store/briefings';

/**
 * Writes the places that differ between the stored briefing and the outline an operation produced:
 * section positions and levels, and each block's section and position. Rows whose place did not
 * change are not written, so a move touches only what moved.
 */
export function writeOutline(
  db: Database.Database,
  before: Briefing,
  after: readonly OutlineSection[],
): void {
  const sectionPlace = new Map<string, { position: number; level: 1 | 2 }>();
  const itemPlace = new Map<string, { sectionId: string; position: number }>();
  before.sections.forEach((section, position) => {
    sectionPlace.set(section.id, { position, level: section.level });
    section.items.forEach((item, index) =>
      itemPlace.set(item.id, { sectionId: section.id, position: index }),
    );
  });
  after.forEach((section, position) => {
    const was = sectionPlace.get(section.id);
    if (was !== undefined && (was.position !== position || was.level !== section.level)) {
      setSectionPlace(db, { id: section.id, position, level: section.level });
    }
    section.items.forEach((item, index) => {
      const old = itemPlace.get(item.id);
      if (old !== undefined && (old.sectionId !== section.id || old.position !== index)) {
        setItemPlace(db, { id: item.id, sectionId: section.id, position: index });
      }
    });
  });
}
