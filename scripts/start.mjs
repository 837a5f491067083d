// `npm start`: prepares Electron (binary + better-sqlite3 for its ABI), builds the app and runs it.
// On its first run the app fills an empty library from corpus/.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const step = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status === 0;

if (!step([join(root, 'scripts', 'prepare-electron.mjs')])) process.exit(1);
if (!step([join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'])) process.exit(1);

const electron = createRequire(join(root, 'package.json'))('electron');
const result = spawnSync(electron, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
