// `npm test`: every check in one run (types, lint, formatting, unit and integration tests, the
// production build, and the e2e journeys), ending with one plain summary line that CI reads:
// "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

process.env.NO_COLOR = '1';
process.env.FORCE_COLOR = '0';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) tally.passed += 1;
  else {
    tally.failed += 1;
    failures.push(label);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function systemChromium() {
  return [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].find((path) => path !== undefined && path !== '' && existsSync(path));
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

check('typecheck', process.execPath, ['scripts/typecheck.mjs']);
check('lint', npx, ['eslint', '--max-warnings', '0', '.']);
check('format', npx, ['prettier', '--check', '.']);

const unitOk = run('unit and integration tests', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/unit.json',
]);
const unit = readJson('test-results/unit.json');
if (unit === undefined) {
  tally.failed += 1;
  failures.push('unit tests (no report)');
} else {
  tally.passed += unit.numPassedTests;
  tally.failed += unit.numFailedTests;
  tally.skipped += unit.numPendingTests + unit.numTodoTests;
  if (!unitOk && unit.numFailedTests === 0) {
    tally.failed += 1;
    failures.push('unit tests (runner error)');
  } else if (unit.numFailedTests > 0) failures.push('unit tests');
}

check('build', npx, ['electron-vite', 'build']);

if (systemChromium() === undefined) {
  console.log("\nNo system Chromium found; trying Playwright's own (needs the network).");
  run('install Playwright Chromium', npx, ['playwright', 'install', 'chromium']);
}
const e2eOk = run('e2e journeys', npx, ['playwright', 'test']);
const e2e = readJson('test-results/e2e.json');
if (e2e === undefined) {
  tally.failed += 1;
  failures.push('e2e (no report)');
} else {
  tally.passed += e2e.stats.expected + e2e.stats.flaky;
  tally.failed += e2e.stats.unexpected;
  tally.skipped += e2e.stats.skipped;
  if (!e2eOk && e2e.stats.unexpected === 0) {
    tally.failed += 1;
    failures.push('e2e (runner error)');
  } else if (e2e.stats.unexpected > 0) failures.push('e2e');
}

console.log(`\nFailed: ${failures.length === 0 ? 'nothing' : failures.join(', ')}`);
console.log(`${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(tally.failed === 0 ? 0 : 1);
