import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/shared/testing/random';
import { createTempCore } from '../../src/core/testing/temp-core';
import { libraryProblems, prototypeSnapshot, tryInput } from './check';
import { makeSeeds, nextInput } from './inputs';

// Hostile files at scale, the small run (`npx tsx scripts/hostile/main.ts --inputs 20000` is the
// big one, through the parser threads): random bytes and mutated valid files for every importer,
// ZIP bombs, malformed PDFs, hostile bundles and path-like names, each imported as the window would.
// Each must be imported whole or refused with a clear CoreError that leaves the library as it was,
// and none may change a built-in prototype. HOSTILE_INPUTS sets how many this run tries.
const INPUTS = Number(process.env['HOSTILE_INPUTS'] ?? 80);

describe('hostile files', () => {
  it(`are imported whole or refused cleanly (${INPUTS} seeded inputs)`, async () => {
    const core = createTempCore();
    try {
      const seeds = await makeSeeds();
      const random = seededRandom(20261128);
      const pristine = prototypeSnapshot();
      const problems: string[] = [];
      const outcomes: Record<string, number> = {};
      const families = new Set<string>();
      for (let index = 0; index < INPUTS; index += 1) {
        const input = nextInput(random, seeds);
        families.add(input.family);
        const verdict = await tryInput(core, input, pristine);
        outcomes[verdict.outcome] = (outcomes[verdict.outcome] ?? 0) + 1;
        for (const problem of verdict.problems)
          problems.push(
            `#${index} ${input.family} (${input.name.slice(0, 40)}): ${problem.kind}: ${problem.detail}`,
          );
      }
      expect(problems).toEqual([]);
      expect(libraryProblems(core.db)).toEqual([]);
      // The mix reaches every importer and both ends: some inputs import, most are refused.
      expect(outcomes['imported']).toBeGreaterThan(10);
      expect(outcomes['refused']).toBeGreaterThan(INPUTS / 3);
      expect(families.size).toBeGreaterThan(INPUTS >= 80 ? 20 : 5);
    } finally {
      core.dispose();
    }
  }, 120_000);
});
