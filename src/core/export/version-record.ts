import type Database from 'better-sqlite3';
import { basename } from 'node:path';
import { saveVersion } from '../briefing/versions';
import { newId } from '../ids';
import { deleteVersionRow } from '../store/briefings';
import type { AtomicRecord } from './atomic-write';

/**
 * The version every export saves of the briefing as exported, as a record written in step with the
 * file (see `AtomicRecord`): after a crash the analyst finds both the file and its version, or
 * neither, never one without the other.
 */
export function exportVersionRecord(
  db: Database.Database,
  input: Readonly<{ briefingId: string; path: string; snapshot: string; now: () => Date }>,
): AtomicRecord {
  const id = newId('ver');
  return {
    id,
    save: () => {
      db.transaction(() =>
        saveVersion(
          db,
          {
            id,
            briefingId: input.briefingId,
            name: `Exported ${basename(input.path)}`,
            reason: 'export',
            snapshot: input.snapshot,
          },
          input.now(),
        ),
      )();
    },
    undo: () => deleteVersionRow(db, id),
  };
}
