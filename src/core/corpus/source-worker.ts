import { sourceWorker } from '../worker-spec';
import type { ParserWorkerSpec } from './parser-pool';

/** The parser thread for hosts that run from source; the Electron build ships parse-worker.js. */
export function sourceParserWorker(): ParserWorkerSpec {
  return sourceWorker(__dirname, 'parse-worker.ts');
}
