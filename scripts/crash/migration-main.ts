import { migrationCrashFigure, runMigrationCrashHarness } from './migration-harness';

// `npm run crash:migration [-- --kills 100] [--seed N] [--extra-documents 3000] [--held-share 0.5]
// [--max-delay ms] [--keep]`: kills the app with SIGKILL while it migrates an older library (see
// scripts/crash/README.md). Exits 1 if any kill left a library that is not exactly the old or the new.
function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const kills = Number(flag('--kills') ?? 40);
const seed = Number(flag('--seed') ?? Date.now() % 1_000_000);
const started = Date.now();

runMigrationCrashHarness({
  kills,
  seed,
  extraDocuments: Number(flag('--extra-documents') ?? 3000),
  heldShare: Number(flag('--held-share') ?? 0.5),
  maxDelayMs: Number(flag('--max-delay') ?? 4000),
  keep: process.argv.includes('--keep'),
  onKill: (kill, report) => {
    if (kill % 10 === 0 || kill === kills)
      console.error(`${migrationCrashFigure(report)} (${Math.round((Date.now() - started) / 1000)} s)`);
  },
})
  .then((report) => {
    console.log(
      JSON.stringify({ seed, seconds: Math.round((Date.now() - started) / 1000), ...report }, null, 2),
    );
    console.log(migrationCrashFigure(report));
    const failed = report.mixed + report.corrupt + report.staleBackupTemporaries + report.problems.length > 0;
    process.exit(failed ? 1 : 0);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(2);
  });
