import { writeSync } from 'node:fs';
import { openLibrary } from '../../src/core/library/session';
import { FONTS_DIR } from '../../src/core/testing/temp-core';

// One life of the migration crash harness: opens an older library in --data-dir the way the app
// does (a verified backup first, then every pending migration in one transaction) and is killed by
// the harness. With --hold-at N it stops inside the migration transaction right after step N (the
// schema half-changed, nothing committed) and waits there to be killed; without it the harness
// kills it at a random moment. Lines on stdout (synchronous pipe writes) say how far it got.

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const say = (message: Record<string, unknown>) => writeSync(1, `${JSON.stringify(message)}\n`);
const dataDir = argument('--data-dir');
if (dataDir === undefined) throw new Error('missing --data-dir');
const holdAt = argument('--hold-at');
const pause = new Int32Array(new SharedArrayBuffer(4));

say({ t: 'start', pid: process.pid });
openLibrary(
  {
    dataDir,
    fontsDir: FONTS_DIR,
    chooseSavePath: () => Promise.resolve(null),
    chooseOpenPaths: () => Promise.resolve(null),
    showItemInFolder: () => undefined,
    now: () => new Date(),
    onMigrationStep: (version) => {
      say({ t: 'step', version });
      if (holdAt !== undefined && Number(holdAt) === version) {
        say({ t: 'held', version });
        // Blocks the thread inside the transaction until the kill comes.
        Atomics.wait(pause, 0, 0, 60_000);
      }
    },
  },
  { scheduledBackups: false },
)
  .then((library) => {
    say({ t: 'open', state: library.status().state });
    // Stays alive (the library open) until killed.
    setInterval(() => undefined, 1000);
  })
  .catch((error: unknown) => {
    say({ t: 'error', message: error instanceof Error ? error.message : String(error) });
    process.exit(3);
  });
