import { join } from 'node:path';
import type { ParserWorkerSpec } from './parser-pool';

/**
 * The parser thread for hosts that run from source (the CLI, the e2e host, tests and benchmarks):
 * a two-line bootstrap that registers tsx's require hook in the thread, then loads the TypeScript
 * worker. The Electron build ships its own bundled parse-worker.js instead.
 */
export function sourceParserWorker(): ParserWorkerSpec {
  const worker = join(__dirname, 'parse-worker.ts');
  return { eval: true, filename: `require('tsx/cjs');\nrequire(${JSON.stringify(worker)});\n` };
}
