import { crashFigure, runCrashHarness } from './harness';

// `npm run crash [-- --kills 200] [--seed N] [--max-delay ms] [--keep]`: kills a worker that edits a
// library through the real core with SIGKILL at random moments, reopens the library after each kill
// and checks it (see scripts/crash/README.md). The default is the CI-sized run the test suite also
// makes in smaller form; --kills 200 is the full run.
function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const kills = Number(flag('--kills') ?? 30);
const seed = Number(flag('--seed') ?? Date.now() % 1_000_000);
const maxDelay = flag('--max-delay');
const started = Date.now();

runCrashHarness({
  kills,
  seed,
  keep: process.argv.includes('--keep'),
  ...(maxDelay === undefined ? {} : { maxDelayMs: Number(maxDelay) }),
  onKill: (kill, report) => {
    if (kill % 10 === 0 || kill === kills)
      console.error(`${crashFigure(report)} (${Math.round((Date.now() - started) / 1000)} s)`);
  },
})
  .then((report) => {
    console.log(
      JSON.stringify({ seed, seconds: Math.round((Date.now() - started) / 1000), ...report }, null, 2),
    );
    console.log(crashFigure(report));
    const failed = report.lost + report.corrupt + report.partial + report.staleTemporaries > 0;
    process.exit(failed ? 1 : 0);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(2);
  });
