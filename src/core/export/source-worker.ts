import { sourceWorker, type WorkerSpec } from '../worker-spec';

/** The layout thread for hosts that run from source; the Electron build ships layout-worker.js. */
export function sourceLayoutWorker(): WorkerSpec {
  return sourceWorker(__dirname, 'layout-worker.ts');
}
