import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchImport } from './import';
import { benchUi } from './ui';
import { benchVerify } from './verify';
import { benchPdfExport } from './pdf-export';
import { benchSeed } from './seed';
import { benchSearch } from './search';
import { benchComposer } from './composer';
import { benchScale } from './scale';

// `npm run bench [-- --runs N] [--only ui,seed,...] [--search-sizes 10000,50000]`: prints one JSON
// document with every figure and its baseline. `--only` picks benchmarks by key: seed, pdf, import,
// verify, ui, search, composer, scale. `--scale N` runs the scale benchmark alone on N documents
// (and 4N excerpts, or `--scale-excerpts M`); it is never part of a plain `npm run bench`.
const root = resolve(__dirname, '../..');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Math.max(1, Number(process.argv[runsFlag + 1] ?? 5)) : 5;
const importFlag = process.argv.indexOf('--import-count');
const excerptFlag = process.argv.indexOf('--excerpts');
const excerptCount =
  excerptFlag >= 0 ? Math.max(100, Number(process.argv[excerptFlag + 1] ?? 100_000)) : 100_000;
const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag >= 0 ? new Set((process.argv[onlyFlag + 1] ?? '').split(',')) : null;
const scaleFlag = process.argv.indexOf('--scale');
const scaleDocuments = scaleFlag >= 0 ? Number(process.argv[scaleFlag + 1] ?? 50_000) : 50_000;
const scaleExcerptsFlag = process.argv.indexOf('--scale-excerpts');
const scaleExcerpts =
  scaleExcerptsFlag >= 0 ? Number(process.argv[scaleExcerptsFlag + 1] ?? 0) : scaleDocuments * 4;
// The scale run takes minutes and gigabytes: only when asked for by name.
const wanted = (key: string): boolean =>
  scaleFlag >= 0
    ? key === 'scale'
    : key === 'scale'
      ? only?.has(key) === true
      : only === null || only.has(key);
const importCount = importFlag >= 0 ? Math.max(10, Number(process.argv[importFlag + 1] ?? 1000)) : 1000;
const searchSizesFlag = process.argv.indexOf('--search-sizes');
const searchSizes = (searchSizesFlag >= 0 ? (process.argv[searchSizesFlag + 1] ?? '') : '10000,50000')
  .split(',')
  .map(Number)
  .filter((size) => Number.isInteger(size) && size > 0);

async function main(): Promise<void> {
  const corpusDir = join(root, 'corpus');
  const fontsDir = join(root, 'resources', 'fonts');
  const results = [
    ...(wanted('seed') ? [await benchSeed(corpusDir, runs)] : []),
    ...(wanted('pdf') ? await benchPdfExport(corpusDir, fontsDir, runs) : []),
    ...(wanted('import') ? await benchImport(importCount) : []),
    ...(wanted('verify') ? [await benchVerify(excerptCount)] : []),
    ...(wanted('ui')
      ? [
          existsSync(join(root, 'out', 'renderer', 'index.html'))
            ? await benchUi(excerptCount, runs)
            : { name: 'reader and all-excerpts view in Chromium', skipped: 'run `npm run build` first' },
        ]
      : []),
    ...(wanted('search') ? benchSearch(searchSizes) : []),
    ...(wanted('composer')
      ? [
          existsSync(join(root, 'out', 'renderer', 'index.html'))
            ? await benchComposer(runs)
            : { name: 'briefing composer in Chromium', skipped: 'run `npm run build` first' },
        ]
      : []),
    ...(wanted('scale')
      ? [
          existsSync(join(root, 'out', 'renderer', 'index.html'))
            ? await benchScale(scaleDocuments, scaleExcerpts, runs)
            : { name: 'the app at scale in Chromium', skipped: 'run `npm run build` first' },
        ]
      : []),
  ];
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    runs,
    note: 'Median of the runs after one warm-up; a ratio above 1 means the app is slower than its baseline.',
    benchmarks: results,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
