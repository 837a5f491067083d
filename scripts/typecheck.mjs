// Type-checks every layer with its own tsconfig (its own environment: no DOM in core, no Node in
// the renderer), so a layer cannot lean on globals it will not have at run time.
import { spawnSync } from 'node:child_process';

const projects = [
  'tsconfig.json',
  'src/shared',
  'src/core',
  'src/main',
  'src/preload',
  'src/renderer',
  'src/cli',
  'e2e',
];
let failed = 0;
for (const project of projects) {
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed += 1;
    console.error(`typecheck failed: ${project}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
