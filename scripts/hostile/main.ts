import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceParserWorker } from '../../src/core/corpus/source-worker';
import { createHeadlessCore } from '../../src/core/testing/temp-core';
import { seededRandom } from '../../src/shared/testing/random';
import { libraryProblems, prototypeSnapshot, tryInput } from './check';
import { makeSeeds, nextInput } from './inputs';

// `npx tsx scripts/hostile/main.ts [--inputs 10000] [--seed N]`: hostile files at scale through the
// real import path (the core API, the parser threads with their memory watch), as the app imports
// dropped files and bundles. Prints a JSON report and one line:
// inputs tried / crashes of the main process / prototype pollution / partial imports / peak parser memory.
function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const MB = 1024 * 1024;
const inputs = Number(flag('--inputs') ?? 10_000);
const seed = Number(flag('--seed') ?? 20261128);

/** The process's resident memory high-water mark (Linux), in MB; null elsewhere. */
function highWaterMb(): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match === null ? null : Math.round(Number(match[1]) / 1024);
  } catch {
    return null;
  }
}

let crashes = 0;
process.on('uncaughtException', (error) => {
  crashes += 1;
  console.error('uncaught exception:', error);
});
process.on('unhandledRejection', (error) => {
  crashes += 1;
  console.error('unhandled rejection:', error);
});

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'briefing-hostile-'));
  const core = createHeadlessCore(folder, { parserWorker: sourceParserWorker() });
  const started = Date.now();
  const report = {
    seed,
    inputs: 0,
    imported: 0,
    duplicates: 0,
    refused: 0,
    mainProcessCrashes: 0,
    prototypePollution: 0,
    partialImports: 0,
    unclearRefusals: 0,
    unexpectedErrors: 0,
    libraryProblems: [] as string[],
    peakParserMemoryMb: 0,
    parsesRetriedAlone: 0,
    refusedForMemory: 0,
    processBaselineMb: highWaterMb(),
    processPeakMb: null as number | null,
    byFamily: {} as Record<string, { tried: number; imported: number; refused: number }>,
    problems: [] as string[],
    seconds: 0,
  };
  try {
    const seeds = await makeSeeds();
    const random = seededRandom(seed);
    const pristine = prototypeSnapshot();
    for (let index = 0; index < inputs; index += 1) {
      const input = nextInput(random, seeds);
      const verdict = await tryInput(core, input, pristine);
      report.inputs += 1;
      if (verdict.outcome === 'imported') report.imported += 1;
      else if (verdict.outcome === 'duplicate') report.duplicates += 1;
      else report.refused += 1;
      const family = (report.byFamily[input.family] ??= { tried: 0, imported: 0, refused: 0 });
      family.tried += 1;
      if (verdict.outcome === 'refused') family.refused += 1;
      else family.imported += 1;
      for (const problem of verdict.problems) {
        if (problem.kind === 'partial') report.partialImports += 1;
        else if (problem.kind === 'pollution') report.prototypePollution += 1;
        else if (problem.kind === 'unclear') report.unclearRefusals += 1;
        else report.unexpectedErrors += 1;
        if (report.problems.length < 50)
          report.problems.push(
            `#${index} ${input.family} (${input.name.slice(0, 40)}): ${problem.kind}: ${problem.detail}`,
          );
      }
      if ((index + 1) % 500 === 0) {
        // The whole library's checks, now and then (they read every row).
        const found = libraryProblems(core.db);
        report.libraryProblems.push(...found.slice(0, 10));
        console.error(
          `${index + 1} inputs, ${Math.round((Date.now() - started) / 1000)} s, ${report.partialImports} partial, ${report.prototypePollution} polluted, ${found.length} library problems`,
        );
      }
    }
    report.libraryProblems.push(...libraryProblems(core.db));
  } finally {
    const memory = core.parserMemory();
    report.peakParserMemoryMb = Math.round((memory?.peakParseBytes ?? 0) / MB);
    report.parsesRetriedAlone = memory?.retriedAlone ?? 0;
    report.refusedForMemory = memory?.refusedForMemory ?? 0;
    report.processPeakMb = highWaterMb();
    report.mainProcessCrashes = crashes;
    report.seconds = Math.round((Date.now() - started) / 1000);
    core.close();
    rmSync(folder, { recursive: true, force: true });
  }
  console.log(JSON.stringify(report, null, 2));
  console.log(
    `${report.inputs} inputs tried / ${report.mainProcessCrashes} crashes of the main process / ${report.prototypePollution} prototype pollution / ${report.partialImports} partial imports / ${report.peakParserMemoryMb} MB peak parser memory`,
  );
  const failed =
    report.mainProcessCrashes +
      report.prototypePollution +
      report.partialImports +
      report.unclearRefusals +
      report.unexpectedErrors +
      report.libraryProblems.length >
      0 || report.peakParserMemoryMb > 512;
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
