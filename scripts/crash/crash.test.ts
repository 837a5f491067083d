import { describe, expect, it } from 'vitest';
import { crashFigure, runCrashHarness } from './harness';

// The small run of the crash harness (`npm run crash -- --kills 200` is the full one): a worker
// edits a library through the real core and is killed with SIGKILL at random moments; after each
// kill the library is reopened and checked. CRASH_KILLS sets how many kills this run makes.
const KILLS = Number(process.env['CRASH_KILLS'] ?? 8);

describe('the library under SIGKILL', () => {
  it(
    `keeps every acknowledged change, whole, through ${KILLS} kills`,
    async () => {
      const report = await runCrashHarness({ kills: KILLS, seed: 424242 });
      expect(report.problems, crashFigure(report)).toEqual([]);
      expect(report).toMatchObject({ kills: KILLS, lost: 0, corrupt: 0, partial: 0, staleTemporaries: 0 });
      expect(report.acknowledged).toBeGreaterThan(KILLS);
    },
    KILLS * 30_000,
  );
});
