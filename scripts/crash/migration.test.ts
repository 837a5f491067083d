import { describe, expect, it } from 'vitest';
import { migrationCrashFigure, runMigrationCrashHarness } from './migration-harness';

// The small run (`npm run crash:migration` is the long one, with random kills on bigger libraries):
// each kill stops the app inside the migration transaction of an older library after a random step,
// SIGKILLs it there, and checks that the file is exactly the old library, and that the next start
// migrates it. MIGRATION_CRASH_KILLS sets how many kills this run makes.
const KILLS = Number(process.env['MIGRATION_CRASH_KILLS'] ?? 3);

describe('a migration under SIGKILL', () => {
  it(
    `leaves the old library or the new one, never a mix, through ${KILLS} kills`,
    async () => {
      const report = await runMigrationCrashHarness({ kills: KILLS, seed: 8, heldShare: 1 });
      expect(report.problems, migrationCrashFigure(report)).toEqual([]);
      expect(report).toMatchObject({ kills: KILLS, mixed: 0, corrupt: 0, old: KILLS, recovered: KILLS });
      expect(report.insideTransaction).toBe(KILLS);
    },
    KILLS * 30_000,
  );
});
