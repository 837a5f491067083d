// Makes the Electron app runnable on this machine (needs the network once):
//  1. downloads the Electron binary for the pinned version (electron >= 42 fetches it lazily), and
//  2. builds better-sqlite3 for Electron's ABI into .electron-native/, leaving the Node build in
//     node_modules that tests and the CLI use untouched. The main process loads it through
//     better-sqlite3's `nativeBinding` option (see src/main/paths.ts).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const electronVersion = require('electron/package.json').version;
const sqliteVersion = require('better-sqlite3/package.json').version;
const nativeDir = join(root, '.electron-native');
const target = join(nativeDir, 'better_sqlite3.node');
const stamp = join(nativeDir, 'stamp.json');
const wanted = JSON.stringify({
  electronVersion,
  sqliteVersion,
  platform: process.platform,
  arch: process.arch,
});

// npm may point node-gyp at this machine's Node headers (npm_config_nodedir); for Electron's ABI
// the headers must come from --dist-url, so that setting is left out of the children's environment.
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_nodedir'),
);

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: childEnv });
  return result.status === 0;
}

console.log(`Preparing Electron ${electronVersion}...`);
if (!run(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], root)) {
  console.error(
    'Could not download the Electron binary. Check the network, then run `npm run prepare-electron` again.',
  );
  process.exit(1);
}

if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
  console.log('better-sqlite3 for Electron is up to date.');
  process.exit(0);
}

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}...`);
const work = join(nativeDir, 'build-better-sqlite3');
rmSync(work, { recursive: true, force: true });
mkdirSync(nativeDir, { recursive: true });
cpSync(join(root, 'node_modules', 'better-sqlite3'), work, {
  recursive: true,
  filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
});
const prebuilt = run(
  process.execPath,
  [
    join(root, 'node_modules', 'prebuild-install', 'bin.js'),
    '--runtime',
    'electron',
    '--target',
    electronVersion,
    '--arch',
    process.arch,
  ],
  work,
);
const built =
  prebuilt ||
  run(
    process.execPath,
    [
      join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
      `--arch=${process.arch}`,
    ],
    work,
  );
const output = join(work, 'build', 'Release', 'better_sqlite3.node');
if (!built || !existsSync(output)) {
  console.error(
    'Could not build better-sqlite3 for Electron. Install a C++ toolchain (see README) and try again.',
  );
  process.exit(1);
}
// A binary that plain Node can load was built for Node's ABI, not Electron's: refuse it.
const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(output)})`], { env: childEnv });
if (probe.status === 0) {
  console.error(
    'The better-sqlite3 build targets Node, not Electron (check npm_config_nodedir); not using it.',
  );
  process.exit(1);
}
cpSync(output, target);
writeFileSync(stamp, wanted);
rmSync(work, { recursive: true, force: true });
console.log(`Ready: ${target}`);
