import { join } from 'node:path';

/** How a host starts a worker thread: the script and any Node flags it needs (e.g. a TS loader). */
export type WorkerSpec = Readonly<{
  /** The worker script's path, or its source code when `eval` is true. */
  filename: string;
  eval?: boolean;
  execArgv?: readonly string[];
}>;

/**
 * A worker for hosts that run from source (the CLI, the e2e host, tests and benchmarks): a
 * two-line bootstrap that registers tsx's require hook in the thread, then loads the TypeScript
 * worker at `path`. The Electron build ships bundled workers instead.
 */
export function sourceWorker(...path: string[]): WorkerSpec {
  const worker = join(...path);
  return { eval: true, filename: `require('tsx/cjs');\nrequire(${JSON.stringify(worker)});\n` };
}
